import type { Db } from '../db/index.js';
import { nowIso } from '../util/ids.js';
import { hashApiKey, looksLikeApiKey } from './api-key-format.js';
import { findApiKeyRowByHash, touchApiKey } from './api-key.repository.js';
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
 * The actor an API key acts as, or null for a malformed, unknown or revoked key, or one whose user
 * is disabled. A key never acts above its user's current role. Records last use, to the minute.
 * @example const actor = await authenticateApiKey(db, req.header('authorization').slice(7))
 */
export async function authenticateApiKey(db: Db, rawKey: string): Promise<Actor | null> {
  const raw = rawKey.trim();
  if (!looksLikeApiKey(raw)) return null;
  const key = await findApiKeyRowByHash(db, hashApiKey(raw));
  if (!key || key.status !== 'active') return null;
  const scope = { accountId: key.account_id };
  let role = key.role;
  // The holder and the maker (usually one person): the key dies with either and never outranks them.
  for (const id of new Set([key.user_id, key.created_by].filter((x): x is string => x !== null))) {
    const user = await findUserRow(db, scope, id);
    if (!user || user.status !== 'active') return null;
    if (!roleAtLeast(user.role, role)) role = user.role;
  }
  const now = Date.now();
  const last = key.last_used_at ? Date.parse(key.last_used_at) : NaN;
  if (!(now - last < LAST_USED_RESOLUTION_MS)) await touchApiKey(db, scope, key.id, nowIso(new Date(now)));
  return { accountId: key.account_id, userId: key.user_id, apiKeyId: key.id, role };
}
