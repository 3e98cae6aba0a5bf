import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import type { Db } from '../db/index.js';
import { Igny8Error } from '../errors/index.js';
import { openTextStream } from '../planner/decode-text-stream.js';
import type { SecretBox } from '../secrets/index.js';
import type { SiteScope } from '../tenancy/scope.js';
import { createGscApiClient, type GscApiOptions } from './gsc-api-client.js';
import { getConnectionRow } from './gsc-connections.repository.js';
import { daysBetween, pullRange } from './gsc-days.js';
import { gscByteSource } from './gsc-file-source.js';
import { gscWarnings } from './gsc-import.service.js';
import { lastDayHeld } from './gsc-rows.repository.js';
import { parseDay } from './parse-gsc-row.js';
import { readGscRows, type GscTally } from './read-gsc-rows.js';
import { parseServiceAccountKey } from './service-account-key.js';
import { siteDomain } from './site-domain.js';
import { storeGscRows } from './store-gsc-rows.js';

export interface GscPullInput {
  from?: string;
  to?: string;
  /** After each day fetched (the CLI prints it on stderr). */
  onProgress?: (p: { day: string; done: number; days: number; rows: number }) => void;
  /** "Today" (tests); default: the current UTC day. */
  today?: string;
}

export interface GscPullReport {
  syncId: string;
  siteId: string;
  property: string;
  dateFrom: string;
  dateTo: string;
  days: number;
  /** Rows the API returned. */
  fetched: number;
  stored: number;
  replaced: number;
  offDomainCount: number;
  offDomain: GscTally['offDomain'];
  warnings: string[];
}

/**
 * Pull the site's Search Console data with its service account: one searchAnalytics.query per day
 * (dimensions date × page × query, final data, paged by 25,000 rows), spooled to a temporary file,
 * then stored like an import: the whole range replaced in one transaction, one sync recorded.
 * Without `from`, it starts 3 days before the last day held (Search Console revises recent days),
 * or 16 months back on the first pull.
 * @example await pullGsc(db, secrets, api, scope, {}) // { dateFrom: '2026-03-08', stored: 5120, … }
 */
export async function pullGsc(
  db: Db,
  secrets: SecretBox,
  api: GscApiOptions,
  scope: SiteScope,
  input: GscPullInput = {},
): Promise<GscPullReport> {
  for (const [field, v] of [
    ['from', input.from],
    ['to', input.to],
  ] as const)
    if (v !== undefined && parseDay(v) !== v)
      throw new Igny8Error('VALIDATION_FAILED', `--${field} must be a day as YYYY-MM-DD, not "${v}"`, {
        fields: { [field]: ['expected YYYY-MM-DD'] },
      });
  const domain = await siteDomain(db, scope);
  const conn = await getConnectionRow(db, scope);
  if (!conn)
    throw new Igny8Error('GSC_NOT_CONFIGURED', `Site ${scope.siteId} has no Search Console connection`, {
      hint: 'Connect it with `igny8 gsc connect --property sc-domain:example.com --key-file key.json`, or import an export with `igny8 gsc import`.',
    });
  const today = input.today ?? new Date().toISOString().slice(0, 10);
  const { from, to } = pullRange({
    from: input.from,
    to: input.to,
    lastHeld: await lastDayHeld(db, scope),
    today,
  });
  if (from > to)
    throw new Igny8Error('VALIDATION_FAILED', `The range ${from} … ${to} is empty`, {
      hint: '--from must be on or before --to.',
      fields: { from: ['must be on or before to'] },
    });
  const client = await createGscApiClient(parseServiceAccountKey(secrets.decrypt(conn.key_enc)), api);
  const days = daysBetween(from, to);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-gsc-'));
  const spool = path.join(dir, 'pull.csv');
  // The rows go to disk, not memory, and no transaction is open while Google answers.
  const out = fs.createWriteStream(spool);
  try {
    const write = async (s: string) => {
      if (!out.write(s)) await once(out, 'drain');
    };
    await write('date,page,query,clicks,impressions,position\n');
    let fetched = 0;
    for (const [i, day] of days.entries()) {
      const rows = await client.queryDays(conn.property, day, day);
      for (const r of rows) {
        const [date, page, query] = r.keys;
        await write(
          `${date},${csvCell(page)},${csvCell(query)},${r.clicks},${r.impressions},${r.position}\n`,
        );
      }
      fetched += rows.length;
      input.onProgress?.({ day, done: i + 1, days: days.length, rows: fetched });
    }
    out.end();
    await once(out, 'finish');
    const parsed = await readGscRows(await openTextStream(gscByteSource({ file: spool })), domain);
    const stored = await storeGscRows(db, scope, parsed, {
      source: 'api',
      origin: conn.property,
      range: { from, to },
      empty: () => new Igny8Error('INTERNAL', 'unreachable: a pull always has a range'),
    });
    return {
      syncId: stored.syncId,
      siteId: scope.siteId,
      property: conn.property,
      dateFrom: from,
      dateTo: to,
      days: days.length,
      fetched,
      stored: stored.stored,
      replaced: stored.replaced,
      offDomainCount: parsed.tally.offDomainCount,
      offDomain: parsed.tally.offDomain,
      warnings: gscWarnings(parsed.tally, domain),
    };
  } finally {
    // A failed pull leaves the spool open: close it before its folder goes.
    if (!out.closed) {
      // Its write errors are moot now: the pull's own error is the one to report.
      out.on('error', () => {});
      await new Promise<void>((resolve) => out.destroy().once('close', () => resolve()));
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
