import { stampedMemo, type Db } from '../db/index.js';
import { nowIso } from '../util/ids.js';
import { hashApiKey, looksLikeApiKey } from './api-key-format.js';
import { findApiKeyRowByHash, touchApiKey, type ApiKeyRow } from './api-key.repository.js';
import { roleAtLeast } from './roles.js';
import type { Actor } from './scope.js';
import { findUserRow } from './user.repository.js';

/**
 * How stale `last_used_at` may get. Writing it on every request cost a write per read (P5: p95 42 ms
 * against 25 at 32 connections, and every cached count on other connections invalidated); once a
 * minute still tells an admin which keys are in use.
 */
export const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Per connection: key hash → the key and the actor found, while api_keys and users (a write to
 * either may revoke or demote it) are unchanged.
 */
const remembered = stampedMemo<{ key: ApiKeyRow; actor: Actor }>(['api_keys', 'users'], 1000);

/**
 * The actor an API key acts as, or null for a malformed, unknown or revoked key, or one whose user
 * is disabled. A key never acts above its user's current role. Records last use, to the minute.
 * An actor found is remembered (by the key's hash) until api_keys or users may have changed — a
 * write on this connection, or any commit by another (SQLite's data_version) — so a revoked key or
 * a disabled user is refused on the very next request; on PostgreSQL every request reads.
 * @example const actor = await authenticateApiKey(db, req.header('authorization').slice(7))
 */
export async function authenticateApiKey(db: Db, rawKey: string): Promise<Actor | null> {
  const raw = rawKey.trim();
  if (!looksLikeApiKey(raw)) return null;
  const hash = hashApiKey(raw);
  const at = remembered.at(db);
  const hit = remembered.get(at, hash);
  if (hit !== undefined && !touchDue(hit.key, Date.now())) return { ...hit.actor };
  const found = await readActor(db, hash);
  if (found === null) {
    remembered.delete(at, hash);
    return null;
  }
  const now = Date.now();
  if (touchDue(found.key, now)) {
    // Remembered from the next request on, read under a stamp that our own touch no longer moves.
    await touchApiKey(db, { accountId: found.key.account_id }, found.key.id, nowIso(new Date(now)));
  } else {
    // Under the stamp read before the rows: a write in between moves it, so nothing stale is kept.
    remembered.set(at, hash, found);
  }
  return found.actor;
}

function touchDue(key: ApiKeyRow, now: number): boolean {
  const last = key.last_used_at ? Date.parse(key.last_used_at) : NaN;
  return !(now - last < LAST_USED_RESOLUTION_MS);
}

async function readActor(db: Db, hash: string): Promise<{ key: ApiKeyRow; actor: Actor } | null> {
  const key = await findApiKeyRowByHash(db, hash);
  if (!key || key.status !== 'active') return null;
  const scope = { accountId: key.account_id };
  let role = key.role;
  // The holder and the maker (usually one person): the key dies with either and never outranks them.
  for (const id of new Set([key.user_id, key.created_by].filter((x): x is string => x !== null))) {
    const user = await findUserRow(db, scope, id);
    if (!user || user.status !== 'active') return null;
    if (!roleAtLeast(user.role, role)) role = user.role;
  }
  return { key, actor: { accountId: key.account_id, userId: key.user_id, apiKeyId: key.id, role } };
}
