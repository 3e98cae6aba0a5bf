import type { GscColumns } from './gsc-columns.js';

/** One day × page × query as stored ('' for an absent page or query dimension). */
export interface GscRow {
  date: string;
  page: string;
  query: string;
  clicks: number;
  impressions: number;
  position: number;
}

export type GscRowVerdict =
  | { ok: true; row: GscRow }
  | { ok: false; skip: 'blank' | 'anonymized' | 'searchType' }
  | { ok: false; reject: string };

const ISO_DAY = /^(\d{4})[-/](\d{2})[-/](\d{2})(?:[T ].*)?$/;

/** YYYY-MM-DD of a real calendar day, or null. */
export function parseDay(value: string): string | null {
  const m = ISO_DAY.exec(value.trim());
  if (!m) return null;
  const day = `${m[1]}-${m[2]}-${m[3]}`;
  const d = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== day ? null : day;
}

/** "1,234" and "1 234" are 1234; negatives and fractions are not counts. */
function count(value: string | undefined): number | null {
  const s = (value ?? '').trim().replace(/[\s,\u00a0']/g, '');
  if (!/^\d+(\.0+)?$/.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : null;
}

/** A decimal with a point, or a comma in files that use it as the decimal separator ("3,4"). */
function decimal(value: string | undefined): number | null {
  let s = (value ?? '').trim().replace(/\s/g, '');
  if (s.includes(',') && !s.includes('.')) s = s.replace(',', '.');
  if (!/^\d+(\.\d+)?(e[+-]?\d+)?$/i.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/**
 * Read one record of a Search Console table. Rows outside the web search type and rows whose
 * query Google withheld (anonymized: empty query in a table that has queries) are skipped, not
 * stored under the page-totals key; a bad date or number rejects the row with the reason.
 * @example parseGscRecord(['2026-01-02','https://a.com/x','kettle','3','40','2.5'], cols) // { ok: true, row }
 */
export function parseGscRecord(record: readonly string[], c: GscColumns): GscRowVerdict {
  if (record.every((v) => v.trim() === '')) return { ok: false, skip: 'blank' };
  if (c.searchType >= 0) {
    const t = (record[c.searchType] ?? '').trim().toLowerCase();
    if (t !== '' && t !== 'web') return { ok: false, skip: 'searchType' };
  }
  const rawDate = record[c.date] ?? '';
  const date = parseDay(rawDate);
  if (date === null)
    return { ok: false, reject: `date ${JSON.stringify(rawDate.slice(0, 40))} is not YYYY-MM-DD` };
  const page = c.page >= 0 ? (record[c.page] ?? '').trim() : '';
  const query = c.query >= 0 ? (record[c.query] ?? '').trim() : '';
  if (c.page >= 0 && page === '') return { ok: false, reject: 'the page is empty' };
  if (c.query >= 0 && query === '') return { ok: false, skip: 'anonymized' };
  if (page.length > 2000) return { ok: false, reject: 'the page is longer than 2,000 characters' };
  if (query.length > 1000) return { ok: false, reject: 'the query is longer than 1,000 characters' };
  const clicks = count(record[c.clicks]);
  if (clicks === null)
    return { ok: false, reject: `clicks ${JSON.stringify(record[c.clicks] ?? '')} is not a whole number` };
  const impressions = count(record[c.impressions]);
  if (impressions === null)
    return {
      ok: false,
      reject: `impressions ${JSON.stringify(record[c.impressions] ?? '')} is not a whole number`,
    };
  if (clicks > impressions)
    return { ok: false, reject: `clicks (${clicks}) exceed impressions (${impressions})` };
  let position: number | null;
  if (c.position >= 0) position = decimal(record[c.position]);
  else {
    // The bulk export sums 0-based positions over the impressions.
    const sum = decimal(record[c.sumPosition]);
    position = sum === null ? null : impressions > 0 ? sum / impressions + 1 : 0;
  }
  if (position === null || (impressions > 0 && position < 1))
    return {
      ok: false,
      reject: `position ${JSON.stringify(record[c.position >= 0 ? c.position : c.sumPosition] ?? '')} is not a position (1 or more)`,
    };
  return { ok: true, row: { date, page, query, clicks, impressions, position } };
}

/**
 * Whether a page belongs to the site: its host is the site's domain or a subdomain of it (a Domain
 * property covers every subdomain and both schemes); "www." on either side is ignored.
 * @example onDomain('https://www.example.com/a', 'example.com') // true
 */
export function onDomain(page: string, domain: string): boolean {
  let host: string;
  try {
    host = new URL(page).hostname.toLowerCase();
  } catch {
    return false;
  }
  const d = domain
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/[/:].*$/, '')
    .replace(/^www\./, '');
  const h = host.replace(/^www\./, '');
  return h === d || h.endsWith(`.${d}`);
}
