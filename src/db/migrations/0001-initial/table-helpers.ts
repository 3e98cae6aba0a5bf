import type { CreateTableBuilder, Kysely } from 'kysely';

// Shared by the 0001 table groups. Frozen with the migration.
export type Db = Kysely<unknown>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the helpers add columns the builder cannot track
export type T = CreateTableBuilder<string, any>;

export const ts = (t: T): T =>
  t.addColumn('created_at', 'text', (c) => c.notNull()).addColumn('updated_at', 'text', (c) => c.notNull());

/** account_id, site_id, sector_id with cascading foreign keys: the tenancy spine of scoped tables. */
export const scoped = (t: T, level: 'account' | 'site' | 'sector'): T => {
  let out = t.addColumn('account_id', 'text', (c) =>
    c.notNull().references('accounts.id').onDelete('cascade'),
  );
  if (level !== 'account')
    out = out.addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'));
  if (level === 'sector')
    out = out.addColumn('sector_id', 'text', (c) => c.notNull().references('sectors.id').onDelete('cascade'));
  return out;
};

export const id = (t: T): T => t.addColumn('id', 'text', (c) => c.primaryKey());
