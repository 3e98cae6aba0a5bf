import { Readable, pipeline } from 'node:stream';
import type * as CsvParse from 'csv-parse';
import { Igny8Error } from '../errors/index.js';
import { csvFailure } from '../planner/parse-keyword-file.js';
import type { TextStream } from '../planner/decode-text-stream.js';
import { lazyRequire } from '../util/lazy-require.js';
import { sniffGscHeader, type GscColumns } from './gsc-columns.js';
import { onDomain, parseGscRecord, type GscRow } from './parse-gsc-row.js';

const csvParse = lazyRequire<typeof CsvParse>('csv-parse');

/** Listed rows (rejected, off-domain) stop at this many; the counts go on. */
export const MAX_LISTED = 100;

export interface GscTally {
  /** Data rows read (blank lines not counted). */
  rows: number;
  /** Rows kept for storage (before same-key rows are summed). */
  valid: number;
  rejectedCount: number;
  rejected: { line: number; reason: string }[];
  /** Rows whose page is not on the site's domain: counted, listed, not stored. */
  offDomainCount: number;
  offDomain: { line: number; page: string }[];
  /** Rows whose query Google withheld (empty query in a table with queries): not stored. */
  anonymized: number;
  /** Bulk-export rows of another search type than web (image, video, news, discover): not stored. */
  otherSearchTypes: number;
  dateFrom: string | null;
  dateTo: string | null;
  /** Which dimensions the file has: the layer its rows replace. */
  layer: GscLayer;
}

/** page × query rows, page totals (query ''), or query totals (page ''). */
export type GscLayer = 'page-query' | 'page' | 'query';

export function layerOf(c: GscColumns): GscLayer {
  return c.page >= 0 && c.query >= 0 ? 'page-query' : c.page >= 0 ? 'page' : 'query';
}

export interface GscRowStream {
  tally: GscTally;
  /** Valid on-domain rows in batches of about `size`; IMPORT_FAILED on broken CSV structure. */
  batches(size: number): AsyncIterable<GscRow[]>;
}

/**
 * Stream a Search Console performance table: the header is read from the first line, then records
 * flow through csv-parse's stream and are validated one by one, so memory holds one batch, never
 * the file. `domain` (the site's) turns pages elsewhere into counted, listed, unstored rows.
 * @example const s = await readGscRows(text, 'example.com'); for await (const b of s.batches(4000)) …
 */
export async function readGscRows(text: TextStream, domain: string | null): Promise<GscRowStream> {
  const chunks = text.chunks[Symbol.asyncIterator]();
  let head = '';
  while (!/\r|\n/.test(head) && head.length < 1 << 20) {
    const next = await chunks.next();
    if (next.done) break;
    head += next.value;
  }
  const firstLine = head.split(/\r\n|\n|\r/)[0] ?? '';
  if (firstLine.trim() === '') {
    throw new Igny8Error('IMPORT_FAILED', 'line 1: the file has no header row', {
      hint: 'Pick the Search Console CSV; its first line names the columns (Date, Page, Query, Clicks, …).',
      details: { line: 1 },
    });
  }
  const { delimiter, columns } = sniffGscHeader(firstLine);
  const tally: GscTally = {
    rows: 0,
    valid: 0,
    rejectedCount: 0,
    rejected: [],
    offDomainCount: 0,
    offDomain: [],
    anonymized: 0,
    otherSearchTypes: 0,
    dateFrom: null,
    dateTo: null,
    layer: layerOf(columns),
  };
  async function* all() {
    yield head;
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
  }
  return {
    tally,
    async *batches(size: number) {
      let lastLine = 1;
      // A site has far fewer pages than rows: each page's URL is parsed once.
      const checked = new Map<string, boolean>();
      const pageOnDomain = (page: string): boolean => {
        let ok = checked.get(page);
        if (ok === undefined) {
          ok = onDomain(page, domain!);
          if (checked.size < 200_000) checked.set(page, ok);
        }
        return ok;
      };
      const parser = csvParse().parse({
        delimiter,
        quote: '"',
        from_line: 2,
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: true,
        on_record: (record: string[], info: { lines: number }) => ({ record, line: info.lines }),
      } as never);
      pipeline(Readable.from(all()), parser, () => {});
      let batch: GscRow[] = [];
      try {
        for await (const { record, line } of parser as AsyncIterable<{ record: string[]; line: number }>) {
          lastLine = line;
          const v = parseGscRecord(record, columns);
          if (!v.ok && 'skip' in v && v.skip === 'blank') continue;
          tally.rows++;
          if (!v.ok) {
            if ('reject' in v) {
              tally.rejectedCount++;
              if (tally.rejected.length < MAX_LISTED) tally.rejected.push({ line, reason: v.reject });
            } else if (v.skip === 'anonymized') tally.anonymized++;
            else tally.otherSearchTypes++;
            continue;
          }
          const r = v.row;
          if (domain && r.page !== '' && !pageOnDomain(r.page)) {
            tally.offDomainCount++;
            if (tally.offDomain.length < MAX_LISTED)
              tally.offDomain.push({ line, page: r.page.slice(0, 300) });
            continue;
          }
          tally.valid++;
          if (tally.dateFrom === null || r.date < tally.dateFrom) tally.dateFrom = r.date;
          if (tally.dateTo === null || r.date > tally.dateTo) tally.dateTo = r.date;
          batch.push(r);
          if (batch.length >= size) {
            yield batch;
            batch = [];
          }
        }
      } catch (err) {
        throw csvFailure(err, lastLine);
      }
      if (batch.length > 0) yield batch;
    },
  };
}
