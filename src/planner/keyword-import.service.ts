import fs from 'node:fs';
import { z } from 'zod';
import { transaction, type Db } from '../db/index.js';
import { Igny8Error, parseInput } from '../errors/index.js';
import { assertModuleEnabled } from '../tenancy/modules.js';
import { assertKeywordCapacity } from '../tenancy/plan-limits.js';
import type { SectorScope } from '../tenancy/scope.js';
import { nowIso } from '../util/ids.js';
import type { TextEncodingName } from './decode-text.js';
import { KEYWORD_FORMATS, type KeywordFormat } from './keyword-columns.js';
import { INSERT_CHUNK, existingNormalized, keywordInserter, withImportCache } from './keywords.repository.js';
import {
  MAX_LISTED,
  parseKeywordFile,
  type DuplicateRow,
  type ParsedKeyword,
  type RejectedRow,
} from './parse-keyword-file.js';
import { assertSectorScope } from './sector-scope.js';
import { sortedRandomIds } from './sorted-random-ids.js';

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

/** Larger files are not keyword exports (a million-row export is ~60 MB), and would not fit in a string. */
const MAX_FILE_BYTES = 400 * 1024 * 1024;

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
): Promise<ImportReport> {
  const v = parseInput(ImportKeywordsInputSchema, input, 'keyword import');
  await assertModuleEnabled(db, scope, 'planner');
  await assertSectorScope(db, scope);
  const parsed = parseKeywordFile(v.bytes ?? readImportFile(v.file!), { format: v.format });
  const source = v.source ?? parsed.format;

  const write = async (trx: Db) => {
    const existing = await existingNormalized(trx, scope);
    const fresh: ParsedKeyword[] = [];
    const duplicateRows = [...parsed.duplicates];
    for (const k of parsed.keywords) {
      if (!existing.has(k.normalized)) fresh.push(k);
      else if (duplicateRows.length < MAX_LISTED)
        duplicateRows.push({ line: k.line, keyword: k.keyword, firstLine: null });
    }
    await assertKeywordCapacity(trx, scope, fresh.length);
    const imported = v.dryRun ? fresh.length : await insertFresh(trx, scope, fresh, source);
    const duplicatesExisting = parsed.keywords.length - imported;
    const report: ImportReport = {
      format: parsed.format,
      encoding: parsed.encoding,
      source,
      dryRun: v.dryRun,
      rows: parsed.rows,
      imported,
      duplicates: parsed.duplicatesInFile + duplicatesExisting,
      duplicatesInFile: parsed.duplicatesInFile,
      duplicatesExisting,
      duplicateRows: duplicateRows.sort((a, b) => a.line - b.line),
      rejected: parsed.rejected,
      rejectedCount: parsed.rejectedCount,
      warnings: parsed.warnings,
    };
    return report;
  };
  return v.dryRun ? write(db) : transaction(db, (trx) => withImportCache(trx, () => write(trx)));
}

/**
 * Insert in key order: both unique indexes (id; site+sector+normalized) then grow at their end
 * instead of at random pages, which halves SQLite's work on a million rows. The ids are still
 * random v4 UUIDs, only handed out in sorted order (sortedRandomIds). Rows are bound chunk by chunk
 * straight from the parsed keywords, so a big import never builds a million row objects.
 */
async function insertFresh(
  trx: Db,
  scope: SectorScope,
  fresh: ParsedKeyword[],
  source: string,
): Promise<number> {
  // Parsed cells are slices of the whole file's text; comparing those reads all over a 100+ MB
  // string and takes twice as long as the flat copy (same value) sorted here.
  for (const k of fresh) k.normalized = Buffer.from(k.normalized, 'utf16le').toString('utf16le');
  const ordered = [...fresh].sort((a, b) =>
    a.normalized < b.normalized ? -1 : a.normalized > b.normalized ? 1 : 0,
  );
  const ids = sortedRandomIds(ordered.length);
  const insert = keywordInserter(trx, {
    account_id: scope.accountId,
    site_id: scope.siteId,
    sector_id: scope.sectorId,
    source,
    created_at: nowIso(),
  });
  let inserted = 0;
  for (let i = 0; i < ordered.length; i += INSERT_CHUNK) {
    inserted += await insert(ordered, ids, i, Math.min(i + INSERT_CHUNK, ordered.length));
  }
  return inserted;
}

function readImportFile(file: string): Uint8Array {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Igny8Error(
      missing ? 'FILE_NOT_FOUND' : 'IMPORT_FAILED',
      `Cannot open ${file}: ${(cause as Error).message}`,
      {
        hint: missing
          ? 'Check the path (relative paths start from the current folder).'
          : 'Check the file permissions.',
        cause,
      },
    );
  }
  if (!stat.isFile()) {
    throw new Igny8Error('IMPORT_FAILED', `${file} is not a file`, {
      hint: 'Pass the exported CSV/TSV/TXT file.',
    });
  }
  if (stat.size > MAX_FILE_BYTES) {
    throw new Igny8Error(
      'IMPORT_FAILED',
      `${file} is ${Math.round(stat.size / 1e6)} MB; the limit is 400 MB`,
      {
        hint: 'Split the export into smaller files and import each.',
      },
    );
  }
  try {
    return fs.readFileSync(file);
  } catch (cause) {
    throw new Igny8Error('IMPORT_FAILED', `Cannot read ${file}: ${(cause as Error).message}`, {
      hint: 'Check the file permissions.',
      cause,
    });
  }
}
