import { Igny8Error } from '../errors/index.js';
import {
  detectFormat,
  duplicateColumns,
  isKeywordTitle,
  mapColumns,
  type ColumnMap,
  type KeywordFormat,
} from './keyword-columns.js';

export type Delimiter = ',' | '\t' | ';';
export type FormatOption = 'auto' | KeywordFormat;

export interface FileLayout {
  format: KeywordFormat;
  /** null for a plain list (one keyword per line). */
  delimiter: Delimiter | null;
  /** 1-based line of the header row; 0 when the file has none. Lines before it are title lines. */
  headerLine: number;
  header: string[];
  columns: ColumnMap;
  /** Things the user should know about the header (repeated column names). */
  warnings: string[];
}

const DELIMITERS: Delimiter[] = [',', '\t', ';'];
/** Title lines tolerated before the header (Keyword Planner writes two). */
const MAX_TITLE_LINES = 20;
export const SNIFF_CHARS = 64 * 1024;

/**
 * Find the header row, the delimiter and the tool from the first lines of a decoded file. A file with
 * no recognisable header is a plain list when its lines carry no consistent delimiter, otherwise it
 * is refused: a table without a keyword column cannot be imported by guessing.
 * @example sniffLayout('Keyword,Volume\nbest kettle,590\n', 'auto').columns // { keyword: 0, volume: 1 }
 */
export function sniffLayout(text: string, format: FormatOption = 'auto'): FileLayout {
  const lines = text.slice(0, SNIFF_CHARS).split(/\r\n|\n|\r/);
  // The last piece may be cut mid-line by the sniff window; it still serves for delimiter counting.
  const firstLine = lines.findIndex((l) => l.trim() !== '');
  if (firstLine < 0) {
    throw new Igny8Error('IMPORT_FAILED', `line ${lines.length}: the file has only blank lines`, {
      hint: 'Pick the exported keyword file; this one has no text.',
      details: { line: lines.length },
    });
  }
  if (format === 'plain') return plainLayout(lines, firstLine);

  for (let i = firstLine; i < Math.min(lines.length, firstLine + MAX_TITLE_LINES + 1); i++) {
    const found = headerAt(lines[i]!);
    // A one-cell title counts only on the first line: further down, "keyword" is just a keyword.
    if (found && (found.header.length > 1 || i === firstLine)) {
      const detected = found.header.length === 1 ? 'plain' : detectFormat(found.header);
      return {
        format: format === 'auto' ? detected : format,
        delimiter: found.header.length === 1 ? null : found.delimiter,
        headerLine: i + 1,
        header: found.header,
        columns: found.columns,
        warnings: duplicateColumns(found.header, found.columns),
      };
    }
  }

  const delimiter = consistentDelimiter(lines.slice(firstLine, firstLine + MAX_TITLE_LINES + 1));
  if (format === 'auto' && delimiter === null) return plainLayout(lines, firstLine);
  const header = delimiter ? splitLine(lines[firstLine]!, delimiter) : [lines[firstLine]!];
  const shown = header
    .slice(0, 8)
    .map((h) => JSON.stringify(h.trim().slice(0, 30)))
    .join(', ');
  throw new Igny8Error(
    'UNSUPPORTED_FORMAT',
    `line ${firstLine + 1}: no keyword column found (columns: ${shown})`,
    {
      hint: 'The header needs a "Keyword" column (or "Top queries", "Query"). For a list with one keyword per line use --format plain.',
      details: { line: firstLine + 1, columns: header.slice(0, 50) },
    },
  );
}

function plainLayout(lines: string[], firstLine: number): FileLayout {
  const titled = isKeywordTitle(lines[firstLine]!);
  return {
    format: 'plain',
    delimiter: null,
    headerLine: titled ? firstLine + 1 : 0,
    header: titled ? [lines[firstLine]!.trim()] : [],
    columns: { keyword: 0 },
    warnings: [],
  };
}

/** The delimiter that splits this line into a header with a keyword column (the most cells wins). */
function headerAt(line: string): { delimiter: Delimiter; header: string[]; columns: ColumnMap } | null {
  let best: { delimiter: Delimiter; header: string[]; columns: ColumnMap } | null = null;
  for (const d of DELIMITERS) {
    const header = splitLine(line, d);
    const columns = mapColumns(header);
    if (columns && (!best || header.length > best.header.length)) best = { delimiter: d, header, columns };
  }
  return best;
}

/** A delimiter found the same number of times (≥ 1) on at least 80% of the sampled non-blank lines. */
function consistentDelimiter(lines: string[]): Delimiter | null {
  const sample = lines.filter((l) => l.trim() !== '');
  for (const d of DELIMITERS) {
    const counts = new Map<number, number>();
    for (const l of sample) {
      const n = splitLine(l, d).length - 1;
      if (n > 0) counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    const top = Math.max(0, ...counts.values());
    if (top > 0 && top >= sample.length * 0.8) return d;
  }
  return null;
}

/** Split one line on `d`, honouring double quotes: enough for header sniffing (the parser does the rest). */
export function splitLine(line: string, d: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '"') {
      if (quoted && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else quoted = !quoted;
    } else if (c === d && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}
