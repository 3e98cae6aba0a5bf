import type { Db, InvitesTable } from '../db/index.js';
import type { Scope } from './scope.js';

export type InviteRow = InvitesTable;

export async function insertInvite(db: Db, row: InviteRow): Promise<void> {
  await db.insertInto('invites').values(row).execute();
}

export async function listInviteRows(db: Db, scope: Scope): Promise<InviteRow[]> {
  return db
    .selectFrom('invites')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}

export async function findInviteRow(db: Db, scope: Scope, id: string): Promise<InviteRow | undefined> {
  return db
    .selectFrom('invites')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** By hash only: the token is the credential, so this lookup is how the account is learned. */
export async function findInviteByHash(db: Db, tokenHash: string): Promise<InviteRow | undefined> {
  return db.selectFrom('invites').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Revoke the open invites of an email in an account (a new invite replaces them). */
export async function revokeOpenInvites(db: Db, scope: Scope, email: string, at: string): Promise<void> {
  await db
    .updateTable('invites')
    .set({ revoked_at: at })
    .where('account_id', '=', scope.accountId)
    .where('email', '=', email)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function revokeInviteRow(db: Db, scope: Scope, id: string, at: string): Promise<void> {
  await db
    .updateTable('invites')
    .set({ revoked_at: at })
    .where('account_id', '=', scope.accountId)
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Mark an invite used if it is still open; false when it was used, revoked or expired (the race guard). */
export async function acceptInviteRow(db: Db, id: string, at: string): Promise<boolean> {
  const res = await db
    .updateTable('invites')
    .set({ accepted_at: at })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
