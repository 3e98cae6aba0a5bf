import { z } from 'zod';
import type { Db } from '../db/index.js';
import { Igny8Error, parseInput } from '../errors/index.js';
import { openTextStream } from '../planner/decode-text-stream.js';
import type { SiteScope } from '../tenancy/scope.js';
import { gscByteSource, refuseArchive } from './gsc-file-source.js';
import { readGscRows, type GscLayer, type GscTally } from './read-gsc-rows.js';
import { siteDomain } from './site-domain.js';
import { storeGscRows } from './store-gsc-rows.js';

export const ImportGscFileInputSchema = z
  .object({
    file: z.string().min(1).optional().describe('Path of the CSV to import.'),
    bytes: z
      .custom<Uint8Array>((v) => v instanceof Uint8Array, { message: 'expected the file bytes' })
      .optional()
      .describe('The file itself (uploads), instead of a path.'),
    fileName: z.string().trim().min(1).max(255).optional().describe('Recorded as the sync origin.'),
  })
  .refine((v) => (v.file === undefined) !== (v.bytes === undefined), {
    message: 'give exactly one of file or bytes',
    path: ['file'],
  });
export type ImportGscFileInput = z.input<typeof ImportGscFileInputSchema>;

export interface GscImportReport {
  syncId: string;
  siteId: string;
  origin: string;
  /** Which rows the file held and replaced: page × query, page totals, or query totals. */
  layer: GscLayer;
  dateFrom: string;
  dateTo: string;
  /** Data rows read = stored + merged + rejectedCount + offDomainCount + anonymized + otherSearchTypes. */
  rows: number;
  /** Rows now held for the range (day × page × query). */
  stored: number;
  /** Rows summed into an earlier row of the same day × page × query (the bulk export splits by country, device). */
  merged: number;
  /** Rows of the same range and layer that were there before and were replaced. */
  replaced: number;
  rejectedCount: number;
  rejected: GscTally['rejected'];
  offDomainCount: number;
  offDomain: GscTally['offDomain'];
  anonymized: number;
  otherSearchTypes: number;
  warnings: string[];
}

/**
 * Import a Search Console performance table into a site, streamed: replaces the rows of the file's
 * date range (and layer) in one transaction — importing the same file again changes nothing — and
 * records a search_console_syncs row. Rows with a bad date or number are skipped and listed; pages
 * off the site's domain are counted and listed, never stored. Nothing is written when the file is
 * unreadable, has no valid row, or has only pages of another domain.
 * @example await importGscFile(db, scope, { file: 'gsc.csv' }) // { stored: 1200, replaced: 0, … }
 */
export async function importGscFile(
  db: Db,
  scope: SiteScope,
  input: ImportGscFileInput,
): Promise<GscImportReport> {
  const v = parseInput(ImportGscFileInputSchema, input, 'Search Console import');
  const domain = await siteDomain(db, scope);
  const open = gscByteSource(v);
  await refuseArchive(open);
  const parsed = await readGscRows(await openTextStream(open), domain);
  const { tally } = parsed;
  const origin = v.fileName ?? (v.file ? v.file.split(/[\\/]/).pop()! : 'upload');
  const stored = await storeGscRows(db, scope, parsed, {
    source: 'file',
    origin,
    empty: () => nothingToStore(tally),
  });
  return {
    ...stored,
    siteId: scope.siteId,
    origin,
    layer: tally.layer,
    rows: tally.rows,
    rejectedCount: tally.rejectedCount,
    rejected: tally.rejected,
    offDomainCount: tally.offDomainCount,
    offDomain: tally.offDomain,
    anonymized: tally.anonymized,
    otherSearchTypes: tally.otherSearchTypes,
    warnings: gscWarnings(tally, domain),
  };
}

function nothingToStore(t: GscTally): Igny8Error {
  if (
    t.offDomainCount > 0 &&
    t.offDomainCount + t.rejectedCount + t.anonymized + t.otherSearchTypes === t.rows
  ) {
    return new Igny8Error(
      'GSC_OFF_DOMAIN',
      `None of the ${t.offDomainCount} rows' pages is on the site's domain (first: ${t.offDomain[0]!.page})`,
      {
        hint: "Import the file into the site it belongs to (--site), or correct the site's domain.",
        details: { offDomainCount: t.offDomainCount, offDomain: t.offDomain.slice(0, 10) },
      },
    );
  }
  const first = t.rejected[0];
  return new Igny8Error(
    'IMPORT_FAILED',
    t.rows === 0
      ? 'The file has a header but no data rows'
      : `No valid row in ${t.rows} data rows${first ? ` (line ${first.line}: ${first.reason})` : ''}`,
    {
      hint: 'Each row needs a YYYY-MM-DD date, a page URL and/or a query, whole clicks and impressions, and a position of 1 or more.',
      details: { rows: t.rows, rejected: t.rejected.slice(0, 10), anonymized: t.anonymized },
    },
  );
}

export function gscWarnings(t: GscTally, domain: string | null): string[] {
  const w: string[] = [];
  if (domain === null && t.layer !== 'query')
    w.push('The site has no domain set, so pages were not checked against it (igny8 site update --domain).');
  if (t.offDomainCount > 0)
    w.push(`${t.offDomainCount} row(s) with pages outside ${domain} were not stored (listed in offDomain).`);
  if (t.rejectedCount > 0) w.push(`${t.rejectedCount} row(s) were invalid and skipped (listed in rejected).`);
  if (t.anonymized > 0)
    w.push(`${t.anonymized} row(s) without a query (anonymized by Google) were not stored.`);
  if (t.otherSearchTypes > 0)
    w.push(`${t.otherSearchTypes} row(s) of other search types than web were not stored.`);
  return w;
}
