import { sql, type OnConflictBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import { isSqlite, type Db } from '../db/index.js';
import type { Scope } from '../tenancy/scope.js';
import { nowIso } from '../util/ids.js';
import { stageKeyOf, stageNumberOf, storedFormsOf } from './stored-stage.js';

/**
 * The durable side of a run's record. Credits come from the ledger (charges of the op ids the run
 * reserved); counts come from per-item outcomes. Both survive SIGKILL, takeover and resume, so a
 * record never restarts from whatever counter a process last saved.
 */

/** Add `value` to `map[key]` (rows of one stage stored under its key and, from an older process, its number). */
function addTo<K>(map: Map<K, number>, key: K, value: number): void {
  map.set(key, (map.get(key) ?? 0) + value);
}

/** Tie a ledger op id to the run that reserved it; the first run to reserve an op keeps it. */
export async function recordRunOperation(
  db: Db,
  scope: Scope,
  runId: string,
  stage: number,
  opId: string,
): Promise<void> {
  await db
    .insertInto('run_operations')
    .values({
      account_id: scope.accountId,
      op_id: opId,
      run_id: runId,
      stage: stageKeyOf(stage),
      created_at: nowIso(),
    })
    .onConflict((oc) => oc.columns(['account_id', 'op_id']).doNothing())
    .execute();
}

export interface ItemOutcomeRecord {
  stage: number;
  itemId: string;
  status: 'done' | 'failed';
  units?: number;
  created?: number;
  code?: string | null;
  reason?: string | null;
}

/** The columns an item's outcome sets, on insert and on conflict alike. */
function itemValues(o: ItemOutcomeRecord) {
  return {
    status: o.status,
    units: o.units ?? 1,
    created: o.created ?? 0,
    code: o.code ?? null,
    reason: o.reason ? o.reason.slice(0, 2000) : null,
    updated_at: nowIso(),
  };
}

/** Upsert one item's latest outcome in this run (a retried item that succeeds counts once, as done). */
export async function recordRunItem(
  db: Db,
  scope: Scope,
  runId: string,
  o: ItemOutcomeRecord,
): Promise<void> {
  const values = itemValues(o);
  await db
    .insertInto('run_items')
    .values({
      run_id: runId,
      account_id: scope.accountId,
      stage: stageKeyOf(o.stage),
      item_id: o.itemId,
      ...values,
    })
    .onConflict((oc) => onItemConflict(oc, o, values))
    .execute();
}

function onItemConflict(
  oc: OnConflictBuilder<Database, 'run_items'>,
  o: ItemOutcomeRecord,
  values: ReturnType<typeof itemValues>,
) {
  const update = oc.columns(['run_id', 'stage', 'item_id']).doUpdateSet(values);
  // A failure never overwrites a done item: a late report from a process that lost the item
  // (or a retry that failed after another attempt succeeded) is not the item's outcome.
  return o.status === 'failed' ? update.where('run_items.status', '<>', 'done') : update;
}

/**
 * recordRunItem fenced in one statement: written only while `owner` holds the run and it is not
 * cancelled (on PostgreSQL the run row is locked as the full fence locks it). Returns false when
 * nothing was written — not owned, or a failure that must not overwrite a done item — and the
 * caller runs the full fence to learn which. One statement instead of a transaction of four: the
 * runner records every item this way.
 */
export async function recordOwnedRunItem(
  db: Db,
  scope: Scope,
  runId: string,
  owner: string,
  o: ItemOutcomeRecord,
): Promise<boolean> {
  const values = itemValues(o);
  const owned = db
    .selectFrom('automation_runs')
    .select(sql.lit(1).as('one'))
    .where('id', '=', runId)
    .where('lease_owner', '=', owner)
    .where('status', '<>', 'cancelled');
  // PostgreSQL types a bare parameter in a select list as text; the integer columns say so.
  const int = (n: number) => sql<number>`cast(${n} as integer)`;
  const row = db
    .selectNoFrom([
      sql<string>`${runId}`.as('run_id'),
      sql<string>`${scope.accountId}`.as('account_id'),
      sql<string>`${stageKeyOf(o.stage)}`.as('stage'),
      sql<string>`${o.itemId}`.as('item_id'),
      sql<string>`${values.status}`.as('status'),
      int(values.units).as('units'),
      int(values.created).as('created'),
      sql<string | null>`${values.code}`.as('code'),
      sql<string | null>`${values.reason}`.as('reason'),
      sql<string>`${values.updated_at}`.as('updated_at'),
    ])
    .where(({ exists }) => exists(isSqlite(db) ? owned : owned.forUpdate()));
  const res = await db
    .insertInto('run_items')
    .columns([
      'run_id',
      'account_id',
      'stage',
      'item_id',
      'status',
      'units',
      'created',
      'code',
      'reason',
      'updated_at',
    ])
    .expression(row)
    .onConflict((oc) => onItemConflict(oc, o, values))
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** Credits charged in the ledger for each run's operations, per stage: runId → stage → credits. */
export async function ledgerCreditsByRun(
  db: Db,
  scope: Scope,
  runIds: string[],
): Promise<Map<string, Map<number, number>>> {
  const out = new Map<string, Map<number, number>>();
  if (runIds.length === 0) return out;
  const rows = await db
    .selectFrom('run_operations as ro')
    .innerJoin('credit_transactions as ct', (j) =>
      j
        .onRef('ct.account_id', '=', 'ro.account_id')
        // The charge's idempotency key, so the lookup uses the ledger's unique index.
        .on('ct.idem_key', '=', sql<string>`'charge:' || ro.op_id`),
    )
    .select(['ro.run_id', 'ro.stage', sql<number>`sum(abs(ct.amount))`.as('credits')])
    .where('ro.account_id', '=', scope.accountId)
    .where('ro.run_id', 'in', runIds)
    .groupBy(['ro.run_id', 'ro.stage'])
    .execute();
  for (const r of rows) {
    const byStage = out.get(r.run_id) ?? new Map<number, number>();
    addTo(byStage, stageNumberOf(r.stage), Number(r.credits));
    out.set(r.run_id, byStage);
  }
  return out;
}

/** The ledger total of one run (its `--max-credits` cap is enforced against this). */
export async function ledgerCreditsOfRun(db: Db, scope: Scope, runId: string): Promise<number> {
  const byStage = (await ledgerCreditsByRun(db, scope, [runId])).get(runId);
  return [...(byStage?.values() ?? [])].reduce((a, b) => a + b, 0);
}

export interface StageItemCounts {
  done: number;
  failed: number;
  created: number;
}

/** Item outcomes per run and stage: runId → stage → counts. */
export async function itemCountsByRun(
  db: Db,
  scope: Scope,
  runIds: string[],
): Promise<Map<string, Map<number, StageItemCounts>>> {
  const out = new Map<string, Map<number, StageItemCounts>>();
  if (runIds.length === 0) return out;
  const rows = await db
    .selectFrom('run_items')
    .select([
      'run_id',
      'stage',
      sql<number>`sum(case when status = 'done' then units else 0 end)`.as('done'),
      sql<number>`sum(case when status = 'failed' then units else 0 end)`.as('failed'),
      sql<number>`sum(created)`.as('created'),
    ])
    .where('account_id', '=', scope.accountId)
    .where('run_id', 'in', runIds)
    .groupBy(['run_id', 'stage'])
    .execute();
  for (const r of rows) {
    const byStage = out.get(r.run_id) ?? new Map<number, StageItemCounts>();
    const n = stageNumberOf(r.stage);
    const was = byStage.get(n) ?? { done: 0, failed: 0, created: 0 };
    byStage.set(n, {
      done: was.done + Number(r.done),
      failed: was.failed + Number(r.failed),
      created: was.created + Number(r.created),
    });
    out.set(r.run_id, byStage);
  }
  return out;
}

/** The items of one stage of a run with an outcome recorded (done or failed). */
export async function recordedItemIds(
  db: Db,
  scope: Scope,
  runId: string,
  stage: number,
): Promise<Set<string>> {
  const rows = await db
    .selectFrom('run_items')
    .select('item_id')
    .where('account_id', '=', scope.accountId)
    .where('run_id', '=', runId)
    .where('stage', 'in', storedFormsOf(stage))
    .execute();
  return new Set(rows.map((r) => r.item_id));
}

/** Op ids of a run whose holds are still open (a cancel releases them at once). */
export async function openHoldsOfRun(db: Db, scope: Scope, runId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('run_operations as ro')
    .innerJoin('credit_holds as h', (j) =>
      j.onRef('h.account_id', '=', 'ro.account_id').onRef('h.op_id', '=', 'ro.op_id'),
    )
    .select('ro.op_id')
    .where('ro.account_id', '=', scope.accountId)
    .where('ro.run_id', '=', runId)
    .where('h.status', '=', 'held')
    .execute();
  return rows.map((r) => r.op_id);
}

/** Usage of a run's operations per stage, from the usage log (successful calls only). */
export interface StageUsage {
  stage: number;
  calls: number;
  credits: number;
  usd: number;
  usdCacheSaved: number;
  /** USD the provider's batch API saved against the synchronous price. */
  usdBatchSaved: number;
  tokensIn: number;
  tokensCached: number;
  tokensCacheWrite: number;
  images: number;
}

export async function usageByStageOfRun(db: Db, scope: Scope, runId: string): Promise<StageUsage[]> {
  const rows = await db
    .selectFrom('run_operations as ro')
    .innerJoin('usage_log as u', (j) =>
      j.onRef('u.account_id', '=', 'ro.account_id').onRef('u.op_id', '=', 'ro.op_id'),
    )
    .select([
      'ro.stage',
      sql<number>`count(*)`.as('calls'),
      sql<number>`sum(u.credits)`.as('credits'),
      sql<number>`sum(u.usd)`.as('usd'),
      sql<number>`sum(u.usd_cache_saved)`.as('saved'),
      sql<number>`sum(u.usd_batch_saved)`.as('batch_saved'),
      sql<number>`sum(u.tokens_in)`.as('tokens_in'),
      sql<number>`sum(u.tokens_cached)`.as('tokens_cached'),
      sql<number>`sum(u.tokens_cache_write)`.as('tokens_cache_write'),
      sql<number>`sum(u.images)`.as('images'),
    ])
    .where('ro.account_id', '=', scope.accountId)
    .where('ro.run_id', '=', runId)
    .where('u.status', '=', 'ok')
    .groupBy('ro.stage')
    .execute();
  // Summed by stage number (keyed rows and any a pre-0028 process numbered), in stage order.
  const byStage = new Map<number, StageUsage>();
  for (const r of rows) {
    const stage = stageNumberOf(r.stage);
    const was = byStage.get(stage);
    const add = (field: Exclude<keyof StageUsage, 'stage'>, value: unknown) =>
      (was?.[field] ?? 0) + Number(value);
    byStage.set(stage, {
      stage,
      calls: add('calls', r.calls),
      credits: add('credits', r.credits),
      usd: add('usd', r.usd),
      usdCacheSaved: add('usdCacheSaved', r.saved),
      usdBatchSaved: add('usdBatchSaved', r.batch_saved),
      tokensIn: add('tokensIn', r.tokens_in),
      tokensCached: add('tokensCached', r.tokens_cached),
      tokensCacheWrite: add('tokensCacheWrite', r.tokens_cache_write),
      images: add('images', r.images),
    });
  }
  return [...byStage.values()].sort((a, b) => a.stage - b.stage);
}
