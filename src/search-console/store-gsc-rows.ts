import { transaction, type Db } from '../db/index.js';
import type { Igny8Error } from '../errors/index.js';
import type { SiteScope } from '../tenancy/scope.js';
import { newId, nowIso } from '../util/ids.js';
import * as repo from './gsc-rows.repository.js';
import { mergeGscRows } from './merge-gsc-rows.js';
import type { GscRow } from './parse-gsc-row.js';
import type { GscRowStream } from './read-gsc-rows.js';

export interface StoreMeta {
  source: 'file' | 'api';
  origin: string;
  /** The range replaced (a pull's request); default: the first to the last day of the rows. */
  range?: { from: string; to: string };
  /** Raised (rolling back) when no row was valid and no range was given. */
  empty: () => Igny8Error;
}

export interface StoreResult {
  syncId: string;
  dateFrom: string;
  dateTo: string;
  stored: number;
  merged: number;
  replaced: number;
}

/** Parsed rows between two rounds of writes. */
const BATCH_ROWS = 8 * repo.UPSERT_CHUNK;

/**
 * Replace a date range's rows (of the stream's layer) with the stream's, in one transaction, and
 * record the sync. Days are cleared as their first row arrives and the range's other days at the
 * end, so the stream is read once; parsing and writing alternate, so PostgreSQL never sees the
 * transaction idle for long.
 */
export async function storeGscRows(
  db: Db,
  scope: SiteScope,
  parsed: GscRowStream,
  meta: StoreMeta,
): Promise<StoreResult> {
  const { tally } = parsed;
  return transaction(db, (trx) => repo.withLargeCache(trx, () => write(trx)));

  async function write(trx: Db): Promise<StoreResult> {
    const upsert = repo.rowUpserter(trx, scope);
    const cleared = new Set<string>();
    let replaced = 0;
    for await (const batch of parsed.batches(BATCH_ROWS)) {
      replaced += await repo.clearDays(trx, scope, tally.layer, newDays(batch, cleared));
      await upsert(mergeGscRows(batch));
    }
    if (tally.valid === 0 && !meta.range) throw meta.empty();
    const from = meta.range?.from ?? tally.dateFrom!;
    const to = meta.range?.to ?? tally.dateTo!;
    replaced += await repo.clearRangeExcept(trx, scope, tally.layer, from, to, [...cleared]);
    const stored = await repo.countLayer(trx, scope, tally.layer, from, to);
    const syncId = newId();
    await repo.insertSync(trx, scope, {
      id: syncId,
      source: meta.source,
      origin: meta.origin,
      date_from: from,
      date_to: to,
      rows: stored,
      replaced,
      created_at: nowIso(),
    });
    return { syncId, dateFrom: from, dateTo: to, stored, merged: tally.valid - stored, replaced };
  }
}

/** Days of the batch not cleared yet (marked cleared). */
function newDays(batch: readonly GscRow[], cleared: Set<string>): string[] {
  const fresh: string[] = [];
  for (const r of batch)
    if (!cleared.has(r.date)) {
      cleared.add(r.date);
      fresh.push(r.date);
    }
  return fresh;
}
