import { cacheStamp, type Db } from '../db/index.js';
import { findAccountRow, type AccountRow } from './account.repository.js';
import type { Scope } from './scope.js';

const MAX_REMEMBERED = 1000;

/** Per connection (its write tracker): account id → the row read, while the stamp holds. */
const remembered = new WeakMap<object, Map<string, { stamp: string; row: AccountRow }>>();

/**
 * The account's row, remembered until `accounts` may have changed (a write on this connection, or
 * any commit by another: SQLite's data_version). Every API request reads it twice (is the account
 * active, is the route's module enabled); a suspension or a module change still counts from the
 * very next request. On PostgreSQL and inside transactions it is read every time.
 * @example const row = await currentAccountRow(db, { accountId })
 */
export async function currentAccountRow(db: Db, scope: Scope): Promise<AccountRow | undefined> {
  const at = cacheStamp(db, ['accounts']);
  const map = at ? remembered.get(at.tracker) : undefined;
  const hit = map?.get(scope.accountId);
  if (hit !== undefined && hit.stamp === at?.stamp) return { ...hit.row };
  const row = await findAccountRow(db, scope);
  if (at !== null && row !== undefined) {
    let m = map;
    if (m === undefined) remembered.set(at.tracker, (m = new Map()));
    // Under the stamp read before the row: a write in between moves it, so nothing stale is kept.
    m.delete(scope.accountId);
    m.set(scope.accountId, { stamp: at.stamp, row: { ...row } });
    if (m.size > MAX_REMEMBERED) m.delete(m.keys().next().value!);
  }
  return row;
}
