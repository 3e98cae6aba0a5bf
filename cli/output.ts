import { displayWidth, padToWidth } from './display-width.js';
/** The render facade for plain output: commands pass data, this decides JSON vs human text. */
export interface Output {
  json: boolean;
  /**
   * One JSON document in --json mode, else the human rendering. After events were streamed it is
   * one more NDJSON line, so `--json` output of a long run stays line-parseable to the end.
   */
  result(data: unknown, human?: () => string): void;
  /**
   * A list, in the one JSON shape every list command shares: `{ "items": [...], "total": n, ... }`
   * (`total` counts every match, not only this page; `extra` adds fields such as `limit`).
   */
  list(items: unknown[], human?: () => string, extra?: { total?: number } & Record<string, unknown>): void;
  /** One NDJSON line (long runs in --json mode); ignored otherwise. */
  event(event: Record<string, unknown>): void;
  /** A human line on stderr (never in --json stdout). */
  info(line: string): void;
  warn(line: string): void;
}

export function createOutput(json: boolean, stdout = process.stdout, stderr = process.stderr): Output {
  let streamed = false;
  return {
    json,
    result(data, human) {
      if (json) stdout.write(`${streamed ? JSON.stringify(data) : JSON.stringify(data, null, 2)}\n`);
      else stdout.write(`${human ? human() : formatValue(data)}\n`);
    },
    list(items, human, extra = {}) {
      this.result({ items, total: items.length, ...extra }, human ?? (() => formatValue(items)));
    },
    event(event) {
      if (!json) return;
      streamed = true;
      stdout.write(`${JSON.stringify(event)}\n`);
    },
    info(line) {
      stderr.write(`${line}\n`);
    },
    warn(line) {
      stderr.write(`warning: ${line}\n`);
    },
  };
}

function formatValue(data: unknown): string {
  if (Array.isArray(data))
    return data.length === 0 ? '(none)' : renderTable(data as Record<string, unknown>[]);
  if (data && typeof data === 'object') return renderKeyValues(data as Record<string, unknown>);
  return String(data);
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Aligned columns (by display width); the header comes from the first row's keys unless `columns` says otherwise. */
export function renderTable(rows: Record<string, unknown>[], columns?: string[]): string {
  if (rows.length === 0) return '(none)';
  const cols = columns ?? Object.keys(rows[0]!);
  const widths = cols.map((c) =>
    Math.min(60, Math.max(displayWidth(c), ...rows.map((r) => displayWidth(cell(r[c]))))),
  );
  const line = (vals: string[]) =>
    vals
      .map((v, i) => padToWidth(v, widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(cols.map((c) => c.toUpperCase())), ...rows.map((r) => line(cols.map((c) => cell(r[c]))))].join(
    '\n',
  );
}

export function renderKeyValues(obj: Record<string, unknown>): string {
  const keys = Object.keys(obj);
  const w = Math.max(0, ...keys.map((k) => displayWidth(k)));
  return keys.map((k) => `${padToWidth(k, w)}  ${cell(obj[k])}`).join('\n');
}
