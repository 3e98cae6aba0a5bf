import type { Kysely } from 'kysely';

// Frozen once released. How igny8 reaches a site's Search Console property (issue 19): the property
// (sc-domain:example.com or a URL prefix) and the Google service-account key that may read it, the
// key sealed with the master key (AES-256-GCM, like provider keys). One per site.

type Db = Kysely<unknown>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('search_console_connections')
    .addColumn('site_id', 'text', (c) => c.primaryKey().references('sites.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('property', 'text', (c) => c.notNull())
    // The service account's address, shown so users know whom to add to the property.
    .addColumn('client_email', 'text', (c) => c.notNull())
    .addColumn('key_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('search_console_connections_account')
    .on('search_console_connections')
    .columns(['account_id'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('search_console_connections').execute();
}
