import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db, UsersTable } from '../db/index.js';
import type { Scope } from './scope.js';

export type UserRow = Selectable<UsersTable>;

export async function insertUser(db: Db, row: Insertable<UsersTable>): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function findUserRow(db: Db, scope: Scope, id: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** A user of the account by id or email. */
export async function findUserRowByRef(db: Db, scope: Scope, ref: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .where((eb) => eb.or([eb('id', '=', ref), eb('email', '=', ref.trim().toLowerCase())]))
    .executeTakeFirst();
}

/**
 * The user with this email in any account. Emails are unique across accounts and sign-in happens
 * before the account is known, so this one lookup is unscoped; it returns a single row, never a list.
 */
export async function findUserRowByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
}

export async function listUserRows(db: Db, scope: Scope): Promise<UserRow[]> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .orderBy('created_at')
    .orderBy('email')
    .execute();
}

export async function updateUserRow(
  db: Db,
  scope: Scope,
  id: string,
  patch: Updateable<UsersTable>,
): Promise<number> {
  const res = await db
    .updateTable('users')
    .set(patch)
    .where('account_id', '=', scope.accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export async function deleteUserRow(db: Db, scope: Scope, id: string): Promise<number> {
  const res = await db
    .deleteFrom('users')
    .where('account_id', '=', scope.accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** Active owners of the account other than `exceptId`. */
export async function countOtherActiveOwners(db: Db, scope: Scope, exceptId: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select(sql<number>`count(*)`.as('n'))
    .where('account_id', '=', scope.accountId)
    .where('role', '=', 'owner')
    .where('status', '=', 'active')
    .where('id', '!=', exceptId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
