import { stampedMemo, type Db } from '../db/index.js';
import { findAccountRow, type AccountRow } from './account.repository.js';
import type { Scope } from './scope.js';

/** Account id → the row read, per connection, while `accounts` is unchanged. */
const remembered = stampedMemo<AccountRow>(['accounts'], 1000);

/**
 * The account's row, remembered until `accounts` may have changed (a write on this connection, or
 * any commit by another: SQLite's data_version). Every API request reads it twice (is the account
 * active, is the route's module enabled); a suspension or a module change still counts from the
 * very next request. On PostgreSQL and inside transactions it is read every time.
 * @example const row = await currentAccountRow(db, { accountId })
 */
export async function currentAccountRow(db: Db, scope: Scope): Promise<AccountRow | undefined> {
  const at = remembered.at(db);
  const hit = remembered.get(at, scope.accountId);
  if (hit !== undefined) return { ...hit };
  const row = await findAccountRow(db, scope);
  // Under the stamp read before the row: a write in between moves it, so nothing stale is kept.
  if (row !== undefined) remembered.set(at, scope.accountId, { ...row });
  return row;
}
