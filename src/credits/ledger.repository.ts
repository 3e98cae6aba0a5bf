import type { Insertable, Selectable } from 'kysely';
import type { CreditTransactionsTable, Db } from '../db/index.js';
import type { Scope } from '../tenancy/scope.js';

export type EntryRow = Selectable<CreditTransactionsTable>;

export async function findEntryByIdemKey(
  db: Db,
  scope: Scope,
  idemKey: string,
): Promise<EntryRow | undefined> {
  return db
    .selectFrom('credit_transactions')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .where('idem_key', '=', idemKey)
    .executeTakeFirst();
}

export async function findEntryByOp(
  db: Db,
  scope: Scope,
  kind: EntryRow['kind'],
  opId: string,
): Promise<EntryRow | undefined> {
  return db
    .selectFrom('credit_transactions')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .where('kind', '=', kind)
    .where('op_id', '=', opId)
    .executeTakeFirst();
}

/** Insert an entry; the unique (account_id, idem_key) refuses a second one for the same operation. */
export async function insertEntry(
  trx: Db,
  scope: Scope,
  row: Omit<Insertable<CreditTransactionsTable>, 'account_id'>,
): Promise<EntryRow> {
  return trx
    .insertInto('credit_transactions')
    .values({ ...row, account_id: scope.accountId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listEntries(
  db: Db,
  scope: Scope,
  query: { limit: number; offset: number; kind?: EntryRow['kind'] | undefined },
): Promise<{ rows: EntryRow[]; total: number }> {
  let base = db.selectFrom('credit_transactions').where('account_id', '=', scope.accountId);
  if (query.kind) base = base.where('kind', '=', query.kind);
  const rows = await base
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}
