import type { Insertable, Selectable } from 'kysely';
import type { ApiKeysTable, Db } from '../db/index.js';
import type { Scope } from './scope.js';

export type ApiKeyRow = Selectable<ApiKeysTable>;

export async function insertApiKey(db: Db, row: Insertable<ApiKeysTable>): Promise<void> {
  await db.insertInto('api_keys').values(row).execute();
}

export async function listApiKeyRows(db: Db, scope: Scope): Promise<ApiKeyRow[]> {
  return db
    .selectFrom('api_keys')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** A key of the account by id or by its prefix (with or without the "igny8_" start). */
export async function findApiKeyRowByRef(db: Db, scope: Scope, ref: string): Promise<ApiKeyRow | undefined> {
  const prefix = ref.replace(/^igny8_/, '').replace(/_.*$/, '');
  return db
    .selectFrom('api_keys')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .where((eb) => eb.or([eb('id', '=', ref), eb('prefix', '=', prefix)]))
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

/**
 * The key with this SHA-256. Authentication happens before the account is known, so this lookup is
 * unscoped; the hash of a random secret is the credential, and it returns one row at most.
 */
export async function findApiKeyRowByHash(db: Db, hash: string): Promise<ApiKeyRow | undefined> {
  return db.selectFrom('api_keys').selectAll().where('hash', '=', hash).executeTakeFirst();
}

export async function touchApiKey(db: Db, scope: Scope, id: string, at: string): Promise<void> {
  await db
    .updateTable('api_keys')
    .set({ last_used_at: at })
    .where('account_id', '=', scope.accountId)
    .where('id', '=', id)
    .execute();
}

export async function revokeApiKeyRow(db: Db, scope: Scope, id: string, at: string): Promise<number> {
  const res = await db
    .updateTable('api_keys')
    .set({ status: 'revoked', revoked_at: at })
    .where('account_id', '=', scope.accountId)
    .where('id', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Revoke every active key of a user (before the user is deleted and the keys lose their owner). */
export async function revokeUserApiKeys(db: Db, scope: Scope, userId: string, at: string): Promise<number> {
  const res = await db
    .updateTable('api_keys')
    .set({ status: 'revoked', revoked_at: at })
    .where('account_id', '=', scope.accountId)
    .where((eb) => eb.or([eb('user_id', '=', userId), eb('created_by', '=', userId)]))
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
