import type { Db, RefreshTokensTable } from '../db/index.js';
import type { Scope } from '../tenancy/scope.js';

export type RefreshTokenRow = RefreshTokensTable;

export async function insertRefreshToken(db: Db, row: RefreshTokenRow): Promise<void> {
  await db.insertInto('refresh_tokens').values(row).execute();
}

/** By hash only: the token itself is the credential, so this lookup is how the scope is learned. */
export async function findRefreshTokenByHash(
  db: Db,
  tokenHash: string,
): Promise<RefreshTokenRow | undefined> {
  return db.selectFrom('refresh_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Revoke one token if it is still live; false when someone else revoked it first (a reuse). */
export async function revokeRefreshTokenIfLive(
  db: Db,
  scope: Scope,
  id: string,
  at: string,
): Promise<boolean> {
  const res = await db
    .updateTable('refresh_tokens')
    .set({ revoked_at: at })
    .where('account_id', '=', scope.accountId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * Retire a token because it was traded for its successor (revoked and marked rotated); false when it
 * was no longer live (a concurrent rotation or a revocation got there first).
 */
export async function rotateRefreshTokenIfLive(
  db: Db,
  scope: Scope,
  id: string,
  at: string,
): Promise<boolean> {
  const res = await db
    .updateTable('refresh_tokens')
    .set({ revoked_at: at, rotated_at: at })
    .where('account_id', '=', scope.accountId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function revokeRefreshFamily(db: Db, scope: Scope, family: string, at: string): Promise<number> {
  const res = await db
    .updateTable('refresh_tokens')
    .set({ revoked_at: at })
    .where('account_id', '=', scope.accountId)
    .where('family', '=', family)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Revoke every session of a user, optionally keeping one family (the caller's own). */
export async function revokeUserRefreshTokens(
  db: Db,
  scope: Scope,
  userId: string,
  at: string,
  keepFamily?: string,
): Promise<number> {
  let q = db
    .updateTable('refresh_tokens')
    .set({ revoked_at: at })
    .where('account_id', '=', scope.accountId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (keepFamily) q = q.where('family', '<>', keepFamily);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** A session is alive while its family holds one unrevoked, unexpired token. */
export async function isRefreshFamilyLive(
  db: Db,
  scope: Scope,
  family: string,
  now: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('refresh_tokens')
    .select('id')
    .where('account_id', '=', scope.accountId)
    .where('family', '=', family)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
