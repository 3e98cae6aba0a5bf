import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import { isSqlite, type AccountsTable, type Db } from '../db/index.js';
import type { Scope } from './scope.js';

export type AccountRow = Selectable<AccountsTable>;

export async function insertAccount(db: Db, row: Insertable<AccountsTable>): Promise<void> {
  await db.insertInto('accounts').values(row).execute();
}

export async function findAccountRow(db: Db, scope: Scope): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').selectAll().where('id', '=', scope.accountId).executeTakeFirst();
}

/**
 * Every account. Operator-only (the local CLI owns the whole database); never reachable from a
 * tenant's request.
 */
export async function listAccountRows(db: Db): Promise<AccountRow[]> {
  return db.selectFrom('accounts').selectAll().orderBy('created_at').orderBy('id').execute();
}

export async function countAccounts(db: Db): Promise<number> {
  const row = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function updateAccountRow(
  db: Db,
  scope: Scope,
  patch: Updateable<AccountsTable>,
): Promise<number> {
  const res = await db
    .updateTable('accounts')
    .set(patch)
    .where('id', '=', scope.accountId)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/**
 * Lock the account row until the transaction ends, so concurrent adds (sites, users, keywords,
 * owner changes) count one after another. SQLite's BEGIN IMMEDIATE already serializes writers.
 */
export async function lockAccountRow(trx: Db, scope: Scope): Promise<AccountRow | undefined> {
  let q = trx.selectFrom('accounts').selectAll().where('id', '=', scope.accountId);
  if (!isSqlite(trx)) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Rows of a tenant table that belong to the account. */
export async function countAccountRows(
  db: Db,
  scope: Scope,
  table: 'sites' | 'users' | 'keywords',
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select(sql<number>`count(*)`.as('n'))
    .where('account_id', '=', scope.accountId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
