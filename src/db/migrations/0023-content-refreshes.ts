import { sql, type Kysely } from 'kysely';

// Frozen once released. Refreshes of a site's existing posts (issue 19): one row per rewrite of a live
// WordPress post. It holds the live version as fetched (raw HTML, WordPress's `modified`, a hash, so
// publishing can refuse when the post changed since), the draft waiting for review, and the publish
// intent written before the remote update (so a killed publish resumes without a second revision).

type Db = Kysely<unknown>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('content_refreshes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('destination_id', 'text', (c) =>
      c.notNull().references('publish_destinations.id').onDelete('cascade'),
    )
    // The inventory row and/or our article the post is (both may be null for a post found by URL).
    .addColumn('inventory_id', 'text', (c) => c.references('site_inventory.id').onDelete('set null'))
    .addColumn('content_id', 'text', (c) => c.references('contents.id').onDelete('set null'))
    // The WordPress post id: the update goes to this post, never to a new one.
    .addColumn('remote_id', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(sql`status in ('queued','review','approved','publishing','published','failed','stale')`),
    )
    // JSON: the refresh's options (queries to add sections for, a new title).
    .addColumn('options', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('run_id', 'text')
    .addColumn('live_title', 'text')
    .addColumn('live_html', 'text')
    // WordPress's modified_gmt of the version fetched, and a hash of its raw content.
    .addColumn('live_modified', 'text')
    .addColumn('live_hash', 'text')
    .addColumn('fetched_at', 'text')
    .addColumn('draft_title', 'text')
    .addColumn('draft_html', 'text')
    // JSON: what the rewrite did (sections added, citations, links, the model's notes).
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('credits', 'integer', (c) => c.notNull().defaultTo(0))
    // JSON: written before the remote update (what we were about to send); cleared when it landed.
    .addColumn('publish_intent', 'text')
    .addColumn('publish_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('published_at', 'text')
    .addColumn('published_modified', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('error', 'text')
    .addColumn('error_code', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('content_refreshes_site')
    .on('content_refreshes')
    .columns(['account_id', 'site_id', 'status', 'created_at'])
    .execute();
  await db.schema
    .createIndex('content_refreshes_post')
    .on('content_refreshes')
    .columns(['destination_id', 'remote_id'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('content_refreshes').execute();
}
