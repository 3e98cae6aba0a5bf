import { transaction, type Db } from '../db/index.js';
import type { Scope } from '../tenancy/scope.js';
import { assertRunOwned } from './run-operation-guard.js';
import { recordOwnedRunItem, recordRunItem, type ItemOutcomeRecord } from './run-records.repository.js';

/**
 * Record an item's outcome only while `owner` holds the run, as a save's fence does. The common case
 * is one fenced statement; when it writes nothing, the full fence (a transaction that locks the run
 * row) decides exactly as before: RUN_LEASE_LOST or RUN_CANCELLED is thrown, or a failure reported
 * for an item already done is let go without overwriting it.
 */
export async function recordItemFenced(
  db: Db,
  scope: Scope,
  runId: string,
  owner: string,
  o: ItemOutcomeRecord,
): Promise<void> {
  if (await recordOwnedRunItem(db, scope, runId, owner, o)) return;
  await transaction(db, async (trx) => {
    await assertRunOwned(trx, runId, owner);
    await recordRunItem(trx, scope, runId, o);
  });
}
