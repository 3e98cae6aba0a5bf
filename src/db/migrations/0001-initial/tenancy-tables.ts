import { sql } from 'kysely';
import { type Db, ts, scoped, id } from './table-helpers.js';

/** Plans, accounts, users and their credentials, sites and sectors. */
export async function createTenancyTables(db: Db): Promise<void> {
  await db.schema
    .createTable('plans')
    .$call(id)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('included_credits', 'integer', (c) => c.notNull().check(sql`included_credits >= 0`))
    .addColumn('max_sites', 'integer', (c) => c.notNull())
    .addColumn('max_users', 'integer', (c) => c.notNull())
    .addColumn('max_keywords', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('accounts')
    .$call(id)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('timezone', 'text', (c) => c.notNull().defaultTo('UTC'))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('active')
        .check(sql`status in ('active','suspended')`),
    )
    .addColumn('modules', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
    .$call(ts)
    .execute();

  await db.schema
    .createTable('users')
    .$call(id)
    .$call((t) => scoped(t, 'account'))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('password_hash', 'text')
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('owner','admin','editor','viewer')`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('active')
        .check(sql`status in ('active','disabled')`),
    )
    .$call(ts)
    .execute();
  await db.schema.createIndex('users_account').on('users').column('account_id').execute();

  await db.schema
    .createTable('api_keys')
    .$call(id)
    .$call((t) => scoped(t, 'account'))
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('owner','admin','editor','viewer')`))
    .addColumn('scopes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('active')
        .check(sql`status in ('active','revoked')`),
    )
    .addColumn('last_used_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('api_keys_account').on('api_keys').column('account_id').execute();

  for (const table of ['refresh_tokens', 'password_resets'] as const) {
    await db.schema
      .createTable(table)
      .$call(id)
      .$call((t) => scoped(t, 'account'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .$call((t) => (table === 'refresh_tokens' ? t.addColumn('family', 'text', (c) => c.notNull()) : t))
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn(table === 'refresh_tokens' ? 'revoked_at' : 'used_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  }

  await db.schema
    .createTable('sites')
    .$call(id)
    .$call((t) => scoped(t, 'account'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('domain', 'text')
    .addColumn('industry', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('active')
        .check(sql`status in ('active','inactive')`),
    )
    .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
    .$call(ts)
    .addUniqueConstraint('sites_account_slug', ['account_id', 'slug'])
    .execute();

  await db.schema
    .createTable('sectors')
    .$call(id)
    .$call((t) => scoped(t, 'site'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('active')
        .check(sql`status in ('active','inactive')`),
    )
    .$call(ts)
    .addUniqueConstraint('sectors_site_slug', ['site_id', 'slug'])
    .execute();
}
