import { sql, type Kysely } from 'kysely';

// Frozen once released. Search Console performance per site (issue 19): one row per day, page and
// query, as the Search Analytics API returns them with dimensions [date, page, query] and as the
// bulk exports carry them; and one row per import or API pull, so re-importing a date range is
// idempotent (the range's rows are replaced) and pulls are incremental (start after the last day held).

type Db = Kysely<unknown>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('search_console_rows')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    // YYYY-MM-DD in the property's time zone (Search Console reports in Pacific time).
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('page', 'text', (c) => c.notNull())
    // '' for page-level totals (an export without a query dimension).
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('clicks', 'integer', (c) => c.notNull())
    .addColumn('impressions', 'integer', (c) => c.notNull())
    // Average position that day; aggregate over days weighted by impressions.
    .addColumn('position', 'real', (c) => c.notNull())
    .addPrimaryKeyConstraint('search_console_rows_pk', ['site_id', 'date', 'page', 'query'])
    .execute();
  await db.schema
    .createIndex('search_console_rows_by_query')
    .on('search_console_rows')
    .columns(['site_id', 'query', 'date'])
    .execute();
  await db.schema
    .createIndex('search_console_rows_by_page')
    .on('search_console_rows')
    .columns(['site_id', 'page', 'date'])
    .execute();

  await db.schema
    .createTable('search_console_syncs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('file','api')`))
    // The file's name, or the Search Console property (sc-domain:example.com, https://example.com/).
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('date_from', 'text', (c) => c.notNull())
    .addColumn('date_to', 'text', (c) => c.notNull())
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('replaced', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('search_console_syncs_site')
    .on('search_console_syncs')
    .columns(['account_id', 'site_id', 'created_at'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('search_console_syncs').execute();
  await db.schema.dropTable('search_console_rows').execute();
}
