import { sql, type Selectable } from 'kysely';
import type { CreditBalancesTable, Db } from '../db/index.js';
import type { Scope } from '../tenancy/scope.js';
import type { Deltas } from './ledger-plan.js';

export type BalanceRow = Selectable<CreditBalancesTable>;

export async function findBalanceRow(db: Db, scope: Scope): Promise<BalanceRow | undefined> {
  return db
    .selectFrom('credit_balances')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .executeTakeFirst();
}

/** Create the account's balance row on first use; a concurrent creator wins silently. */
export async function ensureBalanceRow(trx: Db, scope: Scope, now: string): Promise<void> {
  await trx
    .insertInto('credit_balances')
    .values({
      account_id: scope.accountId,
      plan_balance: 0,
      bonus_balance: 0,
      held: 0,
      plan_allowance: 0,
      period_start: now,
      alert_level: 0,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('account_id').doNothing())
    .execute();
}

/**
 * Lock the account's balance row for the rest of the transaction and return it — only when at least
 * `minAvailable` credits are free. This guarded write comes first: on PostgreSQL a concurrent
 * transaction waits here and then re-checks the guard against the committed row; on SQLite the
 * transaction already holds the write lock (BEGIN IMMEDIATE). Nothing is read before it is locked.
 */
export async function lockBalanceRow(
  trx: Db,
  scope: Scope,
  minAvailable = 0,
): Promise<BalanceRow | undefined> {
  let q = trx
    .updateTable('credit_balances')
    .set({ held: sql<number>`held` })
    .where('account_id', '=', scope.accountId);
  if (minAvailable > 0) q = q.where(sql<boolean>`plan_balance + bonus_balance - held >= ${minAvailable}`);
  return q.returningAll().executeTakeFirst();
}

/**
 * Add `d` to the locked row. The guard restates the CHECK constraints so a planning bug surfaces as
 * "no row changed" (undefined) rather than a constraint error.
 */
export async function applyBalanceDeltas(
  trx: Db,
  scope: Scope,
  d: Deltas,
  patch: { updatedAt: string; alertLevel?: number; periodStart?: string },
): Promise<BalanceRow | undefined> {
  return trx
    .updateTable('credit_balances')
    .set({
      plan_balance: sql<number>`plan_balance + ${d.plan}`,
      bonus_balance: sql<number>`bonus_balance + ${d.bonus}`,
      held: sql<number>`held + ${d.held}`,
      plan_allowance: sql<number>`plan_allowance + ${d.allowance}`,
      updated_at: patch.updatedAt,
      ...(patch.alertLevel === undefined ? {} : { alert_level: patch.alertLevel }),
      ...(patch.periodStart === undefined ? {} : { period_start: patch.periodStart }),
    })
    .where('account_id', '=', scope.accountId)
    .where(sql<boolean>`plan_balance + ${d.plan} >= 0`)
    .where(sql<boolean>`bonus_balance + ${d.bonus} >= 0`)
    .where(sql<boolean>`held + ${d.held} >= 0`)
    .where(sql<boolean>`held + ${d.held} <= plan_balance + ${d.plan} + bonus_balance + ${d.bonus}`)
    .returningAll()
    .executeTakeFirst();
}
