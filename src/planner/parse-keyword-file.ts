import type * as CsvSync from 'csv-parse/sync';
import { lazyRequire } from '../util/lazy-require.js';

/** Loaded on the first file parsed, not by every command (P11). */
const csvSync = lazyRequire<typeof CsvSync>('csv-parse/sync');
import { Igny8Error } from '../errors/index.js';
import { decodeText, type TextEncodingName } from './decode-text.js';
import type { ColumnMap, KeywordFormat } from './keyword-columns.js';
import { KeywordLineSet } from './keyword-line-set.js';
import { MAX_KEYWORD_LENGTH, cleanKeyword } from './normalize-keyword.js';
import { parseCpc, parseDifficulty, parseIntent, parseVolume } from './parse-metrics.js';
import { sniffLayout, type Delimiter, type FileLayout, type FormatOption } from './sniff-layout.js';

export interface ParsedKeyword {
  /** 1-based line of the row in the file. */
  line: number;
  keyword: string;
  normalized: string;
  volume: number | null;
  difficulty: number | null;
  cpc: number | null;
  intent: string | null;
}

export interface RejectedRow {
  line: number;
  reason: string;
  value: string;
}

/** A row dropped as a duplicate: of an earlier line in the file, or (firstLine null) of a stored keyword. */
export interface DuplicateRow {
  line: number;
  keyword: string;
  firstLine: number | null;
}

export interface ParsedKeywordFile {
  format: KeywordFormat;
  encoding: TextEncodingName;
  delimiter: Delimiter | null;
  headerLine: number;
  /** Data rows read (blank lines and title lines not counted) = keywords + duplicatesInFile + rejectedCount. */
  rows: number;
  /** Valid rows, unique by normalized keyword, in file order. */
  keywords: ParsedKeyword[];
  duplicatesInFile: number;
  /** The first MAX_LISTED in-file duplicates. */
  duplicates: DuplicateRow[];
  /** The first MAX_LISTED rejected rows; rejectedCount has them all. */
  rejected: RejectedRow[];
  rejectedCount: number;
  /** Things to tell the user that do not stop the import (a repeated column name, a legacy code page). */
  warnings: string[];
}

/** Rejected rows listed in a report; beyond this only the count grows (a broken million-row file stays printable). */
export const MAX_LISTED = 1000;
/** A row longer than this is not keyword data: the file is refused (fields that size are a broken export). */
export const MAX_ROW_CHARS = 100_000;

/**
 * Decode, sniff and parse a keyword export into valid unique rows plus rejected rows with line
 * numbers. Pure: no database. Fatal problems (unreadable bytes, no keyword column, broken CSV
 * structure, no valid rows) throw IMPORT_FAILED / UNSUPPORTED_FORMAT naming the line.
 * @example parseKeywordFile(fs.readFileSync('semrush.csv')).keywords[0] // { line: 2, keyword: 'best espresso machine', volume: 5400, … }
 */
export function parseKeywordFile(
  bytes: Uint8Array,
  options: { format?: FormatOption } = {},
): ParsedKeywordFile {
  const { encoding, text: raw } = decodeText(bytes);
  // csv-parse locks onto the first line ending it sees; exports that mix \r\n and \n would glue rows.
  const text = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  const layout = sniffLayout(text, options.format ?? 'auto');
  const out: KeywordTally & { keywords: ParsedKeyword[] } = { ...emptyTally(layout, encoding), keywords: [] };
  const reader = keywordRowReader(layout, out);
  try {
    csvSync().parse(text, {
      ...csvOptions(layout),
      // csv-parse hands on_record its info record (the lines included); returning null keeps it
      // from collecting a million records we already took apart.
      on_record: ((record: string[], info: { lines: number }) => {
        const row = reader.read(record, info.lines);
        if (row) out.keywords.push(row);
        return null;
      }) as never,
    });
  } catch (err) {
    throw csvFailure(err, reader.lastLine());
  }
  if (out.keywords.length === 0) throw noValidRows(out);
  return out;
}

/** What a parse has counted so far: everything in ParsedKeywordFile but the keywords themselves. */
export type KeywordTally = Omit<ParsedKeywordFile, 'keywords'> & { unique: number };

export function emptyTally(layout: FileLayout, encoding: TextEncodingName): KeywordTally {
  return {
    format: layout.format,
    encoding,
    delimiter: layout.delimiter,
    headerLine: layout.headerLine,
    warnings: [
      ...(/^(utf-8|utf-16)/.test(encoding)
        ? []
        : [`the file is not Unicode: read as ${encoding} (detected); check accented keywords`]),
      ...layout.warnings,
    ],
    rows: 0,
    unique: 0,
    duplicatesInFile: 0,
    duplicates: [],
    rejected: [],
    rejectedCount: 0,
  };
}

/** csv-parse options for a sniffed layout (the same for the whole-file and the streaming parse). */
export function csvOptions(layout: FileLayout) {
  return {
    delimiter: layout.delimiter ?? '\t',
    // A plain list keeps quotes as typed: `"best" coffee` is a keyword, not a quoted field.
    quote: layout.delimiter !== null ? '"' : false,
    record_delimiter: '\n',
    from_line: layout.headerLine + 1,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
  } as const;
}

/**
 * Validation and in-file dedupe of parsed records, one at a time: read() returns the row when it is
 * a valid keyword not seen earlier in the file, and counts it into the tally otherwise (rejected with
 * its line, or a duplicate of the line it repeats). Holds only the normalized keywords seen.
 */
export function keywordRowReader(layout: FileLayout, tally: KeywordTally) {
  const seen = new KeywordLineSet();
  let lastLine = layout.headerLine;
  const reject = (line: number, reason: string, value: string) => {
    tally.rejectedCount++;
    if (tally.rejected.length < MAX_LISTED) tally.rejected.push({ line, reason, value: clip(value) });
  };
  return {
    lastLine: () => lastLine,
    read(record: string[], endLine: number): ParsedKeyword | null {
      if (isBlank(record, layout.columns.keyword)) return null;
      const line = startLine(record, endLine, lastLine);
      lastLine = endLine;
      if (recordChars(record) > MAX_ROW_CHARS) throw hugeRow(line);
      tally.rows++;
      const row = toKeyword(record, layout.delimiter === null, layout.columns, line);
      if ('reason' in row) {
        reject(line, row.reason, row.value);
        return null;
      }
      if (seen.add(row.normalized, line)) {
        tally.unique++;
        return row;
      }
      const firstLine = seen.lineOf(row.normalized)!;
      tally.duplicatesInFile++;
      if (tally.duplicates.length < MAX_LISTED)
        tally.duplicates.push({ line, keyword: row.keyword, firstLine });
      return null;
    },
  };
}

type RowResult = ParsedKeyword | { reason: string; value: string };

function toKeyword(record: string[], plain: boolean, cols: ColumnMap, line: number): RowResult {
  const cell = plain ? record.join(' ') : (record[cols.keyword] ?? '');
  const keyword = cleanKeyword(cell);
  if (keyword === '') return { reason: 'empty keyword', value: record.join(', ') };
  if (keyword.length > MAX_KEYWORD_LENGTH)
    return {
      reason: `keyword longer than ${MAX_KEYWORD_LENGTH} characters (${keyword.length})`,
      value: keyword,
    };
  // eslint-disable-next-line no-control-regex -- control characters never belong in a keyword
  if (/[\u0000-\u001F\u007F-\u009F]/.test(keyword))
    return { reason: 'keyword contains control characters', value: keyword };
  const volume = cols.volume === undefined ? { value: null } : parseVolume(record[cols.volume]);
  if (volume.error !== undefined) return { reason: volume.error, value: keyword };
  const difficulty =
    cols.difficulty === undefined ? { value: null } : parseDifficulty(record[cols.difficulty]);
  if (difficulty.error !== undefined) return { reason: difficulty.error, value: keyword };
  return {
    line,
    keyword,
    normalized: keyword.toLowerCase(),
    volume: volume.value ?? null,
    difficulty: difficulty.value ?? null,
    cpc: cpcOf(record, cols),
    intent: cols.intent === undefined ? null : parseIntent(record[cols.intent]),
  };
}

/** The CPC column, or the midpoint of Keyword Planner's top-of-page bid range (either end alone if one is missing). */
function cpcOf(record: string[], cols: ColumnMap): number | null {
  if (cols.cpc !== undefined) return parseCpc(record[cols.cpc]);
  const lo = cols.cpcLow === undefined ? null : parseCpc(record[cols.cpcLow]);
  const hi = cols.cpcHigh === undefined ? null : parseCpc(record[cols.cpcHigh]);
  if (lo !== null && hi !== null) return Math.round(((lo + hi) / 2) * 100) / 100;
  return lo ?? hi;
}

/** csv-parse reports the line a record ends on; a quoted field with line breaks started earlier. */
function startLine(record: string[], endLine: number, previousEnd: number): number {
  if (endLine <= previousEnd + 1) return endLine;
  let breaks = 0;
  for (const f of record) for (let i = f.indexOf('\n'); i >= 0; i = f.indexOf('\n', i + 1)) breaks++;
  return endLine - breaks;
}

/** A row of only empty cells (",,,," lines Excel leaves behind) is not a row. */
export function isBlank(record: string[], keywordColumn: number): boolean {
  const kw = record[keywordColumn];
  if (kw !== undefined && kw !== '' && kw.charCodeAt(0) > 32) return false;
  for (const f of record) if (f.trim() !== '') return false;
  return true;
}

function recordChars(record: string[]): number {
  let n = 0;
  for (const f of record) n += f.length;
  return n;
}

function hugeRow(line: number): Igny8Error {
  return new Igny8Error(
    'IMPORT_FAILED',
    `line ${line}: a row is longer than ${MAX_ROW_CHARS.toLocaleString('en-US')} characters`,
    {
      hint: 'The file is not a keyword export, or a quote swallowed many lines; fix that row.',
      details: { line },
    },
  );
}

export function csvFailure(err: unknown, lastGoodLine: number): Igny8Error {
  if (err instanceof Igny8Error) return err;
  // The sync and streaming builds of csv-parse each have their own CsvError class: match the code.
  if (!isCsvError(err)) {
    return new Igny8Error('IMPORT_FAILED', `The file could not be parsed: ${(err as Error).message}`, {
      hint: 'Check that it is a CSV/TSV export; report a bug if it is.',
      cause: err,
    });
  }
  const line = (err as CsvSync.CsvError & { lines?: number }).lines ?? lastGoodLine + 1;
  if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
    const opened = lastGoodLine + 1;
    return new Igny8Error('IMPORT_FAILED', `line ${opened}: a quoted field opened here is never closed`, {
      hint: 'Close the quote (or remove the stray `"`) on that line and import again.',
      details: { line: opened },
    });
  }
  return new Igny8Error('IMPORT_FAILED', `line ${line}: ${err.message}`, {
    hint: 'Fix the CSV structure on that line and import again.',
    details: { line, csvCode: err.code },
  });
}

function isCsvError(err: unknown): err is CsvSync.CsvError {
  const code = (err as { code?: unknown } | null)?.code;
  return err instanceof Error && typeof code === 'string' && code.startsWith('CSV_');
}

export function noValidRows(out: KeywordTally): Igny8Error {
  if (out.rows === 0) {
    const line = Math.max(1, out.headerLine);
    return new Igny8Error('IMPORT_FAILED', `line ${line}: the file has a header but no keyword rows`, {
      hint: 'Export again with the keywords included.',
      details: { line, format: out.format, encoding: out.encoding },
    });
  }
  const first = out.rejected[0]!;
  return new Igny8Error(
    'IMPORT_FAILED',
    `No valid keyword rows: all ${out.rejectedCount} rows were rejected (first at line ${first.line}: ${first.reason})`,
    {
      hint: 'Fix the rejected rows listed in details.rejected and import again.',
      details: {
        line: first.line,
        format: out.format,
        encoding: out.encoding,
        rejected: out.rejected.slice(0, 20),
      },
    },
  );
}

function clip(s: string): string {
  return s.length > 100 ? `${s.slice(0, 100)}…` : s;
}
