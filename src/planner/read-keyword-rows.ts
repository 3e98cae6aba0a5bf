import type * as CsvParse from 'csv-parse';
import { lazyRequire } from '../util/lazy-require.js';
import type { TextStream } from './decode-text-stream.js';
import {
  csvFailure,
  csvOptions,
  isBlank,
  emptyTally,
  keywordRowReader,
  noValidRows,
  type KeywordTally,
  type ParsedKeyword,
} from './parse-keyword-file.js';
import { SNIFF_CHARS, sniffLayout, type FormatOption } from './sniff-layout.js';

/** Loaded on the first import, not by every command (P11). */
const csvParse = lazyRequire<typeof CsvParse>('csv-parse');

export interface KeywordRowStream {
  /** Format, encoding and warnings from the start; the counts grow as the batches are read. */
  tally: KeywordTally;
  /**
   * Valid rows unique in the file, in batches of about `size` that follow the file; the rows of a
   * batch in file order (from the parse worker: by normalized keyword, the order they are inserted in). Throws IMPORT_FAILED
   * (with the line) on broken CSV structure, and at the end when no row was valid.
   */
  batches(size: number): AsyncIterable<ParsedKeyword[]>;
}

/**
 * The streaming form of parseKeywordFile: the layout is sniffed from the first 64 KB of text, then
 * records flow through csv-parse's stream and the same validation and in-file dedupe, so memory
 * holds one batch plus the set of keywords seen, not the file or its rows.
 * @example const rows = await readKeywordRows(await openTextStream(src)); for await (const b of rows.batches(5000)) …
 */
export async function readKeywordRows(
  text: TextStream,
  options: { format?: FormatOption } = {},
): Promise<KeywordRowStream> {
  const chunks = lfOnly(text.chunks)[Symbol.asyncIterator]();
  const head: string[] = [];
  let n = 0;
  while (n < SNIFF_CHARS) {
    const next = await chunks.next();
    if (next.done) break;
    head.push(next.value);
    n += next.value.length;
  }
  const layout = sniffLayout(head.join(''), options.format ?? 'auto');
  const tally = emptyTally(layout, text.encoding);
  async function* all() {
    for (const chunk of head) yield* pieces(chunk);
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield* pieces(next.value);
  }
  return {
    tally,
    async *batches(size: number) {
      const reader = keywordRowReader(layout, tally);
      // A CSV error names its line counting from the last record parsed.
      let lastParsed = layout.headerLine;
      let batch: ParsedKeyword[] = [];
      const full: ParsedKeyword[][] = [];
      // Records are taken as csv-parse finds them, synchronously inside each write: returning null
      // queues nothing on the stream's readable side, so a record costs no stream push, no
      // async-iterator step and no promise (1M of each per million rows, a second of CPU, P4).
      const parser = csvParse().parse({
        ...csvOptions(layout),
        on_record: (record: string[], info: { lines: number }) => {
          if (!isBlank(record, layout.columns.keyword)) lastParsed = info.lines;
          const row = reader.read(record, info.lines);
          if (row !== null && batch.push(row) >= size) {
            full.push(batch);
            batch = [];
          }
          return null;
        },
      } as never);
      cheapRecordInfo(parser);
      // Errors are read from parser.errored right after each write (the event comes a tick later).
      parser.on('error', () => {});
      try {
        // A decoding error mid-file throws from this loop.
        for await (const piece of all()) {
          parser.write(piece);
          if (parser.errored) throw parser.errored;
          while (full.length > 0) yield full.shift()!;
        }
        await new Promise<void>((resolve, reject) =>
          parser.end((err?: Error | null) => (err ? reject(err) : resolve())),
        );
        if (parser.errored) throw parser.errored;
      } catch (err) {
        throw csvFailure(err, lastParsed);
      }
      for (const b of full) yield b;
      if (batch.length > 0) yield batch;
      if (tally.unique === 0) throw noValidRows(tally);
    },
  };
}

/** Characters csv-parse is handed at a time. */
const PIECE_CHARS = 64 * 1024;

/**
 * The text in pieces of at most PIECE_CHARS (never between the two halves of a surrogate pair):
 * csv-parse turns a whole chunk into records before any is read, and a 1 MB chunk of a narrow
 * file is 20,000 records at once (tens of MB of short-lived arrays and strings, P4).
 */
function* pieces(text: string): Iterable<string> {
  for (let at = 0; at < text.length;) {
    let end = Math.min(at + PIECE_CHARS, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    yield text.slice(at, end);
    at = end;
  }
}

/**
 * csv-parse locks onto the first line ending it sees; exports that mix \r\n and \n would glue rows.
 * A \r at the end of a chunk waits for the next one, which may start with its \n.
 */
async function* lfOnly(chunks: AsyncIterable<string>): AsyncIterable<string> {
  let cr = false;
  for await (const piece of chunks) {
    let s: string = cr ? `\r${piece}` : piece;
    cr = s.endsWith('\r');
    if (cr) s = s.slice(0, -1);
    if (s.includes('\r')) s = s.replace(/\r\n?/g, '\n');
    if (s !== '') yield s;
  }
  if (cr) yield '\n';
}

/**
 * csv-parse hands on_record a fresh info object per record, built by spreading its counters twice
 * (`__infoRecord`): more than half of the parser's CPU on a million-row file (4.1 s vs 1.8 s without
 * on_record, P4). Our on_record reads only `lines`, synchronously, so the parser's live counters do.
 * Errors carry the same fields (their context is spread from it). If a later csv-parse renames the
 * method, nothing is patched and only the speed is lost.
 */
function cheapRecordInfo(parser: unknown): void {
  const api = (parser as { api?: { __infoRecord?: unknown; info?: unknown } }).api;
  if (api && typeof api.__infoRecord === 'function' && typeof api.info === 'object' && api.info !== null)
    api.__infoRecord = function (this: { info: object }) {
      return this.info;
    };
}
