import type { Selectable } from 'kysely';
import type { CreditHoldsTable, Db } from '../db/index.js';
import type { Scope } from '../tenancy/scope.js';
import { newId } from '../util/ids.js';

export type HoldRow = Selectable<CreditHoldsTable>;

export async function findHold(db: Db, scope: Scope, opId: string): Promise<HoldRow | undefined> {
  return db
    .selectFrom('credit_holds')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .where('op_id', '=', opId)
    .executeTakeFirst();
}

/** The unique (account_id, op_id) refuses a second hold for the same operation. */
export async function insertHold(
  trx: Db,
  scope: Scope,
  values: { opId: string; amount: number; operation: string; expiresAt: string; createdAt: string },
): Promise<HoldRow> {
  return trx
    .insertInto('credit_holds')
    .values({
      id: newId(),
      account_id: scope.accountId,
      op_id: values.opId,
      amount: values.amount,
      status: 'held',
      settled_amount: null,
      operation: values.operation,
      expires_at: values.expiresAt,
      created_at: values.createdAt,
      resolved_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Resolve an active hold — the guarded write that makes "every hold resolves once" hold under
 * concurrency: only one transaction sees status 'held' and gets the row back.
 */
export async function resolveHold(
  trx: Db,
  scope: Scope,
  opId: string,
  to: { status: 'settled' | 'released' | 'expired'; settledAmount?: number; resolvedAt: string },
): Promise<HoldRow | undefined> {
  return trx
    .updateTable('credit_holds')
    .set({ status: to.status, settled_amount: to.settledAmount ?? null, resolved_at: to.resolvedAt })
    .where('account_id', '=', scope.accountId)
    .where('op_id', '=', opId)
    .where('status', '=', 'held')
    .returningAll()
    .executeTakeFirst();
}

/**
 * Active holds past their expiry, across all accounts. Deliberately unscoped: the sweeper serves
 * every tenant, and each expiry it performs afterwards is scoped to the hold's own account.
 */
export async function findStaleHolds(
  db: Db,
  nowIso: string,
  limit: number,
): Promise<Array<{ accountId: string; opId: string }>> {
  const rows = await db
    .selectFrom('credit_holds')
    .select(['account_id', 'op_id'])
    .where('status', '=', 'held')
    .where('expires_at', '<=', nowIso)
    .orderBy('expires_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ accountId: r.account_id, opId: r.op_id }));
}
