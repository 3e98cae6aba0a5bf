import { z } from 'zod';
import { transaction, type Db } from '../db/index.js';
import { parseInput } from '../errors/index.js';
import { assertModuleEnabled } from '../tenancy/modules.js';
import { assertKeywordCapacity, assertKeywordsAddedFit } from '../tenancy/plan-limits.js';
import type { SectorScope } from '../tenancy/scope.js';
import { nowIso, timeOrderedIds } from '../util/ids.js';
import fs from 'node:fs';
import type { TextEncodingName } from './decode-text.js';
import { KEYWORD_FORMATS, type KeywordFormat } from './keyword-columns.js';
import {
  INSERT_CHUNK,
  dropKeywordSecondaryIndexes,
  existingNormalized,
  keywordInserter,
  keywordTableRows,
  withImportCache,
} from './keyword-import.repository.js';
import { byNormalized } from './keyword-batch-pack.js';
import { MAX_LISTED, type DuplicateRow, type ParsedKeyword, type RejectedRow } from './parse-keyword-file.js';
import { openKeywordRows, type KeywordRowInput } from './open-keyword-rows.js';
import type { KeywordRowStream } from './read-keyword-rows.js';
import { readKeywordRowsInWorker } from './read-keyword-rows-in-worker.js';
import { assertSectorScope } from './sector-scope.js';

export const ImportKeywordsInputSchema = z
  .object({
    file: z.string().min(1).optional().describe('Path of the export to import.'),
    bytes: z
      .custom<Uint8Array>((v) => v instanceof Uint8Array, {
        message: 'expected the file bytes (a Uint8Array or Buffer)',
      })
      .optional()
      .describe('The export itself (uploads), instead of a path.'),
    format: z
      .enum(['auto', ...KEYWORD_FORMATS])
      .default('auto')
      .describe('Tool that made the file; auto detects it from the header.'),
    source: z
      .string()
      .trim()
      .min(1)
      .max(50)
      .optional()
      .describe('Stored as keyword.source; default: the format.'),
    dryRun: z.boolean().default(false).describe('Parse and count, write nothing.'),
  })
  .refine((v) => (v.file === undefined) !== (v.bytes === undefined), {
    message: 'give exactly one of file or bytes',
    path: ['file'],
  });
export type ImportKeywordsInput = z.input<typeof ImportKeywordsInputSchema>;

export interface ImportReport {
  format: KeywordFormat;
  encoding: TextEncodingName;
  source: string;
  dryRun: boolean;
  /** Data rows read = imported + duplicates + rejectedCount. */
  rows: number;
  /** Rows written (or, on a dry run, that would be). */
  imported: number;
  duplicates: number;
  duplicatesInFile: number;
  /** Rows whose keyword the site+sector already had: the stored one is kept. */
  duplicatesExisting: number;
  /** The first 1,000 duplicates, with the line they repeat (null: an existing keyword). */
  duplicateRows: DuplicateRow[];
  /** The first 1,000 rejected rows; rejectedCount has them all. */
  rejected: RejectedRow[];
  rejectedCount: number;
  /** Things to know that did not stop the import (a repeated column name, a legacy code page). */
  warnings: string[];
}

/** How an import reads its rows (tests and the P4 bench compare both ways on the same file). */
export interface ImportKeywordsOptions {
  /** Files (or uploads) of at least this many bytes are parsed in a worker thread; default 2 MB. */
  workerMinBytes?: number;
  /** The parse worker's heap limit in MiB (default KEYWORD_WORKER_MEMORY_MB); tests lower it. */
  workerMemoryMb?: number;
}

/**
 * Below this size parsing costs less than starting a worker (tens of milliseconds, more from
 * source under tsx); above it the file parses on a second core while this thread inserts (P4).
 */
export const WORKER_MIN_BYTES = 2 * 1024 * 1024;

/**
 * Import a keyword export (Semrush, Ahrefs, Keyword Planner, Search Console, any CSV/TSV with a
 * Keyword column, or a plain list) into a site+sector. All or nothing: one transaction, and fatal
 * problems (unreadable file, no keyword column, no valid row, plan limit) write nothing. Rows with a
 * bad keyword, volume or difficulty are skipped and reported with their line numbers; keywords the
 * sector already has are kept as they are and counted as duplicates.
 * @example await importKeywords(db, scope, { file: 'semrush.csv' }) // { format: 'semrush', imported: 80, … }
 */
export async function importKeywords(
  db: Db,
  scope: SectorScope,
  input: ImportKeywordsInput,
  options: ImportKeywordsOptions = {},
): Promise<ImportReport> {
  const v = parseInput(ImportKeywordsInputSchema, input, 'keyword import');
  await assertModuleEnabled(db, scope, 'planner');
  await assertSectorScope(db, scope);
  // Encoding detection (a UTF-8 check over the whole file) and layout sniffing happen before the
  // transaction opens; inside it, parsing and inserting alternate (or overlap, in a worker) batch by
  // batch, so PostgreSQL never sees it idle for long (idle_in_transaction_session_timeout).
  const rowInput: KeywordRowInput = { file: v.file, bytes: v.bytes, format: v.format };
  const inWorker = inputBytes(rowInput) >= (options.workerMinBytes ?? WORKER_MIN_BYTES);
  const parsed: KeywordRowStream & { close?(): void } = inWorker
    ? await readKeywordRowsInWorker(rowInput, { maxMemoryMb: options.workerMemoryMb })
    : await openKeywordRows(rowInput);
  try {
    return await importRows(db, scope, v, parsed);
  } finally {
    parsed.close?.();
  }
}

/** The size of the import (0 when the file cannot be read: the in-thread path reports why). */
function inputBytes(input: KeywordRowInput): number {
  if (input.bytes) return input.bytes.length;
  try {
    return fs.statSync(input.file!).size;
  } catch {
    return 0;
  }
}

async function importRows(
  db: Db,
  scope: SectorScope,
  v: z.output<typeof ImportKeywordsInputSchema>,
  parsed: KeywordRowStream,
): Promise<ImportReport> {
  const { tally } = parsed;
  const source = v.source ?? tally.format;

  const write = async (trx: Db) => {
    const existing = await existingNormalized(trx, scope);
    const insert = v.dryRun ? null : freshInserter(trx, scope, source);
    const duplicateRows: DuplicateRow[] = [];
    let fresh = 0;
    let imported = 0;
    let indexesDecided = false;
    let restoreIndexes: (() => Promise<void>) | null = null;
    for await (const batch of parsed.batches(BATCH_ROWS)) {
      // Into an empty sector (the usual large import) every row is fresh: no lookup per row.
      const add: ParsedKeyword[] = existing.size === 0 ? batch : [];
      const stored: ParsedKeyword[] = [];
      if (existing.size > 0)
        for (const k of batch) {
          if (existing.lineOf(k.normalized) === undefined) add.push(k);
          else if (duplicateRows.length < MAX_LISTED) stored.push(k);
        }
      // A batch from the parse worker comes in key order: the first duplicates listed are the
      // first in the file, as when the batch is in file order (batches follow each other in it).
      stored.sort((a, b) => a.line - b.line);
      for (const k of stored.slice(0, MAX_LISTED - duplicateRows.length))
        duplicateRows.push({ line: k.line, keyword: k.keyword, firstLine: null });
      fresh += add.length;
      imported += insert ? await insert(add) : add.length;
      if (insert && !indexesDecided && imported >= REBUILD_INDEXES_AFTER) {
        // A large import: the rest goes in faster without the secondary indexes, which are rebuilt
        // at the end (same transaction). Not when the table is much larger than this import, where
        // rebuilding would sort far more rows than the import adds.
        indexesDecided = true;
        if ((await keywordTableRows(trx)) <= 10 * imported)
          restoreIndexes = await dropKeywordSecondaryIndexes(trx);
      }
    }
    if (restoreIndexes) await restoreIndexes();
    if (v.dryRun) await assertKeywordCapacity(trx, scope, fresh);
    else await assertKeywordsAddedFit(trx, scope, imported);
    const duplicatesExisting = tally.unique - imported;
    const listed = [...tally.duplicates, ...duplicateRows].sort((a, b) => a.line - b.line);
    const report: ImportReport = {
      format: tally.format,
      encoding: tally.encoding,
      source,
      dryRun: v.dryRun,
      rows: tally.rows,
      imported,
      duplicates: tally.duplicatesInFile + duplicatesExisting,
      duplicatesInFile: tally.duplicatesInFile,
      duplicatesExisting,
      duplicateRows: listed.slice(0, MAX_LISTED),
      rejected: tally.rejected,
      rejectedCount: tally.rejectedCount,
      warnings: tally.warnings,
    };
    return report;
  };
  return v.dryRun ? write(db) : transaction(db, (trx) => withImportCache(trx, () => write(trx)));
}

/** Rows inserted after which a SQLite import drops the keyword secondary indexes and rebuilds them at the end. */
export const REBUILD_INDEXES_AFTER = 100_000;

/** Rows parsed between two rounds of inserts: sorted together, so each round writes in key order. */
const BATCH_ROWS = 16 * INSERT_CHUNK;

/**
 * Insert each batch in key order: both unique indexes (id; site+sector+normalized) then grow in runs
 * instead of at random pages. The ids are time-ordered (UUIDv7, ascending across batches), so the
 * primary-key index only grows at its end. Rows are bound chunk by chunk straight from the parsed keywords. Returns the
 * rows really inserted (a concurrent import may have stored some keywords first).
 */
function freshInserter(trx: Db, scope: SectorScope, source: string) {
  const insert = keywordInserter(trx, {
    account_id: scope.accountId,
    site_id: scope.siteId,
    sector_id: scope.sectorId,
    source,
    created_at: nowIso(),
  });
  return async (fresh: ParsedKeyword[]): Promise<number> => {
    fresh.sort(byNormalized);
    let inserted = 0;
    for (let i = 0; i < fresh.length; i += INSERT_CHUNK) {
      const end = Math.min(i + INSERT_CHUNK, fresh.length);
      // Ids chunk by chunk (still ascending): a batch's worth would outlive many collections.
      inserted += await insert(fresh, timeOrderedIds(end - i), i, end);
    }
    return inserted;
  };
}
