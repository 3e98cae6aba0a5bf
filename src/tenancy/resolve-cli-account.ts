import type { Db } from '../db/index.js';
import { Igny8Error } from '../errors/index.js';

/**
 * The account a local CLI acts for: the one named, or the only one in the database. Locally the CLI
 * has the database itself, so it acts as the account's owner.
 */
export async function resolveCliAccount(core: { db: Db }, wanted?: string): Promise<string> {
  if (wanted) {
    const row = await core.db.selectFrom('accounts').select('id').where('id', '=', wanted).executeTakeFirst();
    if (!row) {
      throw new Igny8Error('ACCOUNT_NOT_FOUND', `No account with id "${wanted}"`, {
        action: { id: 'list_accounts' },
      });
    }
    return row.id;
  }
  const rows = await core.db.selectFrom('accounts').select('id').limit(2).execute();
  if (rows.length === 0) {
    throw new Igny8Error('NOT_INITIALIZED', 'This database has no account yet', {
      action: { id: 'init_project' },
    });
  }
  if (rows.length > 1) {
    throw new Igny8Error('USAGE', 'Several accounts exist; say which one to act for', {
      hint: 'Pass --account <id>, set IGNY8_ACCOUNT, or set `account` in igny8.config.ts (`igny8 account list`).',
    });
  }
  return rows[0]!.id;
}
