import { sql, type CreateTableBuilder, type Kysely } from 'kysely';

// Frozen once released. Internal links that wait for their target to go live, the site's existing
// posts (inventory) with their keywords, and the index stage 7 selects link candidates by.

type Db = Kysely<unknown>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the helper adds columns the builder cannot track
type T = CreateTableBuilder<string, any>;

const scoped = (t: T): T =>
  t
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'));
const ts = (t: T): T =>
  t.addColumn('created_at', 'text', (c) => c.notNull()).addColumn('updated_at', 'text', (c) => c.notNull());

export async function up(db: Db): Promise<void> {
  // One row per internal link of a published article on one destination: 'pending' while its
  // target is not live there (the link is left out of the post), 'live' once it is in the post.
  await db.schema
    .createTable('internal_links')
    .$call(scoped)
    .addColumn('destination_id', 'text', (c) =>
      c.notNull().references('publish_destinations.id').onDelete('cascade'),
    )
    .addColumn('source_content_id', 'text', (c) => c.notNull().references('contents.id').onDelete('cascade'))
    .addColumn('target_content_id', 'text', (c) => c.notNull().references('contents.id').onDelete('cascade'))
    .addColumn('anchor', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending','live')`))
    .$call(ts)
    .addUniqueConstraint('internal_links_unique', [
      'destination_id',
      'source_content_id',
      'target_content_id',
    ])
    .execute();
  // "Which posts wait for this article?" when it goes live.
  await db.schema
    .createIndex('internal_links_target')
    .on('internal_links')
    .columns(['destination_id', 'target_content_id', 'status'])
    .execute();

  // The site's existing posts and pages, read from a destination (WordPress) by `wp import-posts`.
  await db.schema
    .createTable('site_inventory')
    .$call(scoped)
    .addColumn('destination_id', 'text', (c) =>
      c.notNull().references('publish_destinations.id').onDelete('cascade'),
    )
    .addColumn('remote_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('post','page')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('excerpt', 'text')
    .addColumn('categories', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('focus_keyword', 'text')
    .addColumn('remote_modified_at', 'text', (c) => c.notNull())
    // Set when the post is one of ours (published by igny8): never a second link target or a rival.
    .addColumn('content_id', 'text', (c) => c.references('contents.id').onDelete('set null'))
    .$call(ts)
    .addUniqueConstraint('site_inventory_remote', ['destination_id', 'kind', 'remote_id'])
    .execute();
  await db.schema
    .createIndex('site_inventory_list')
    .on('site_inventory')
    .columns(['account_id', 'site_id', 'remote_modified_at', 'id'])
    .execute();
  await sql`create index site_inventory_focus_lower on site_inventory (site_id, lower(focus_keyword))`.execute(
    db,
  );
  // The keywords an inventory post is about (focus keyword, tags, categories), normalized, so link
  // candidates are found by an index lookup instead of reading the whole inventory.
  await db.schema
    .createTable('site_inventory_keywords')
    .addColumn('inventory_id', 'text', (c) => c.notNull().references('site_inventory.id').onDelete('cascade'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('keyword', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('site_inventory_keywords_pk', ['inventory_id', 'keyword'])
    .execute();
  await db.schema
    .createIndex('site_inventory_keywords_lookup')
    .on('site_inventory_keywords')
    .columns(['site_id', 'keyword'])
    .execute();

  // Stage 7 selects an article's link candidates by cluster (and by focus keyword, which
  // contents_site_focus_lower of 0002 serves) instead of reading 500 arbitrary articles.
  await db.schema
    .createIndex('contents_site_cluster')
    .on('contents')
    .columns(['site_id', 'cluster_id'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('contents_site_cluster').ifExists().execute();
  await db.schema.dropTable('site_inventory_keywords').ifExists().execute();
  await db.schema.dropTable('site_inventory').ifExists().execute();
  await db.schema.dropTable('internal_links').ifExists().execute();
}
