import type { Db, PasswordResetsTable } from '../db/index.js';
import type { Scope } from '../tenancy/scope.js';

export type PasswordResetRow = PasswordResetsTable;

export async function insertPasswordReset(db: Db, row: PasswordResetRow): Promise<void> {
  await db.insertInto('password_resets').values(row).execute();
}

/** By hash only: the reset token is the credential. */
export async function findPasswordResetByHash(
  db: Db,
  tokenHash: string,
): Promise<PasswordResetRow | undefined> {
  return db.selectFrom('password_resets').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Mark a reset used if it still is not; false when it was used already (one use only). */
export async function usePasswordReset(db: Db, scope: Scope, id: string, at: string): Promise<boolean> {
  const res = await db
    .updateTable('password_resets')
    .set({ used_at: at })
    .where('account_id', '=', scope.accountId)
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Older open resets of a user stop working when a new one is asked for. */
export async function expireOpenPasswordResets(
  db: Db,
  scope: Scope,
  userId: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('password_resets')
    .set({ used_at: at })
    .where('account_id', '=', scope.accountId)
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
}
