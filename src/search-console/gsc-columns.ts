import { Igny8Error } from '../errors/index.js';

/** Where each field sits in a Search Console file's header (0-based), -1 when absent. */
export interface GscColumns {
  date: number;
  page: number;
  query: number;
  clicks: number;
  impressions: number;
  /** Average position (1 = top), as the UI, the API and Looker Studio give it. */
  position: number;
  /** The bulk export's sum of 0-based positions: position = sum / impressions + 1. */
  sumPosition: number;
  /** The bulk export's search_type: only 'web' rows are kept (Search Console's default report). */
  searchType: number;
}

export type GscDelimiter = ',' | '\t' | ';';

// Lower-cased, trimmed header names each field answers to (English UI, API, Sheets, BigQuery).
const NAMES: Record<keyof GscColumns, readonly string[]> = {
  date: ['date', 'data_date', 'day'],
  page: ['page', 'pages', 'url', 'top pages', 'landing page', 'address'],
  query: ['query', 'queries', 'top queries', 'search query', 'search term'],
  clicks: ['clicks', 'url clicks', 'url_clicks'],
  impressions: ['impressions'],
  position: ['position', 'average position', 'avg. position', 'avg position', 'avg_position'],
  sumPosition: ['sum_position', 'sum_top_position'],
  searchType: ['search_type', 'search type'],
};

const normalize = (h: string) =>
  h
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/^"|"$/g, '')
    .trim()
    .toLowerCase();

/** The columns a header names (first match wins), without deciding whether they are enough. */
export function mapGscHeader(header: readonly string[]): GscColumns {
  const names = header.map(normalize);
  const find = (field: keyof GscColumns) => names.findIndex((n) => NAMES[field].includes(n));
  return {
    date: find('date'),
    page: find('page'),
    query: find('query'),
    clicks: find('clicks'),
    impressions: find('impressions'),
    position: find('position'),
    sumPosition: find('sumPosition'),
    searchType: find('searchType'),
  };
}

const recognised = (c: GscColumns) => Object.values(c).filter((i) => i >= 0).length;

/**
 * Pick the delimiter and check the header is a per-day Search Console table: a date, a page and/or
 * a query, clicks, impressions and a position. A table of pages or queries without dates (the UI's
 * "Export" zip: Queries.csv, Pages.csv) cannot be stored per day and is refused with
 * GSC_AGGREGATED_EXPORT, naming the exports that work.
 * @example sniffGscHeader('Date,Page,Clicks,Impressions,Position').columns.page // 1
 */
export function sniffGscHeader(line: string): {
  delimiter: GscDelimiter;
  columns: GscColumns;
  header: string[];
} {
  let best: { delimiter: GscDelimiter; columns: GscColumns; header: string[] } | null = null;
  for (const delimiter of [',', '\t', ';'] as const) {
    const header = splitHeader(line, delimiter);
    const columns = mapGscHeader(header);
    if (!best || recognised(columns) > recognised(best.columns)) best = { delimiter, columns, header };
  }
  const { columns: c, header } = best!;
  const shown = header
    .slice(0, 10)
    .map((h) => JSON.stringify(h.slice(0, 30)))
    .join(', ');
  if (c.page < 0 && c.query < 0) {
    throw new Igny8Error('UNSUPPORTED_FORMAT', `line 1: no page or query column (columns: ${shown})`, {
      hint: 'Import a Search Console performance table with Date, Page and/or Query, Clicks, Impressions and Position columns (the bulk export: data_date, url, query, impressions, clicks, sum_position).',
      details: { line: 1, columns: header.slice(0, 50) },
    });
  }
  if (c.date < 0) throw aggregatedExport(`line 1: the table has no date column (columns: ${shown})`);
  const missing = [
    c.clicks < 0 ? 'Clicks' : null,
    c.impressions < 0 ? 'Impressions' : null,
    c.position < 0 && c.sumPosition < 0 ? 'Position (or sum_position)' : null,
  ].filter((m): m is string => m !== null);
  if (missing.length > 0) {
    throw new Igny8Error(
      'UNSUPPORTED_FORMAT',
      `line 1: missing column(s) ${missing.join(', ')} (columns: ${shown})`,
      {
        hint: 'Each row needs its day, page and/or query, clicks, impressions and average position.',
        details: { line: 1, missing, columns: header.slice(0, 50) },
      },
    );
  }
  return best!;
}

/** The UI's export (or one of its CSVs): totals over a period, no day × page × query rows. */
export function aggregatedExport(message: string): Igny8Error {
  return new Igny8Error('GSC_AGGREGATED_EXPORT', message, {
    hint:
      'The Search Console "Export" (Queries.csv, Pages.csv, Dates.csv) holds totals over the whole period, ' +
      'which cannot be stored per day without inventing numbers. Use `igny8 gsc pull` (service account), ' +
      'the bulk export to BigQuery (searchdata_url_impression as CSV), or a Looker Studio / Sheets ' +
      'export with Date, Page, Query, Clicks, Impressions and Position columns.',
  });
}

function splitHeader(line: string, d: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '"') {
      if (quoted && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else quoted = !quoted;
    } else if (ch === d && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}
