import { sql } from 'kysely';
import { type Db, ts, scoped, id } from './table-helpers.js';

/** Keywords, clusters, ideas, tasks, contents and images. */
export async function createPipelineTables(db: Db): Promise<void> {
  await db.schema
    .createTable('clusters')
    .$call(id)
    .$call((t) => scoped(t, 'sector'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('primary_keyword', 'text')
    .addColumn('keyword_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('volume_sum', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('ai','local','manual')`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('new')
        .check(sql`status in ('new','planned')`),
    )
    .$call(ts)
    .execute();
  await db.schema
    .createIndex('clusters_site')
    .on('clusters')
    .columns(['site_id', 'sector_id', 'status'])
    .execute();

  await db.schema
    .createTable('keywords')
    .$call(id)
    .$call((t) => scoped(t, 'sector'))
    .addColumn('keyword', 'text', (c) => c.notNull())
    .addColumn('normalized', 'text', (c) => c.notNull())
    .addColumn('volume', 'integer')
    .addColumn('difficulty', 'integer', (c) =>
      c.check(sql`difficulty is null or (difficulty >= 0 and difficulty <= 100)`),
    )
    .addColumn('cpc', 'double precision')
    .addColumn('intent', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('cluster_id', 'text', (c) => c.references('clusters.id').onDelete('set null'))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('new')
        .check(sql`status in ('new','clustered','excluded')`),
    )
    .$call(ts)
    .addUniqueConstraint('keywords_site_sector_normalized', ['site_id', 'sector_id', 'normalized'])
    .execute();
  await db.schema
    .createIndex('keywords_account_site')
    .on('keywords')
    .columns(['account_id', 'site_id', 'status'])
    .execute();
  await db.schema.createIndex('keywords_cluster').on('keywords').column('cluster_id').execute();

  await db.schema
    .createTable('ideas')
    .$call(id)
    .$call((t) => scoped(t, 'sector'))
    .addColumn('cluster_id', 'text', (c) => c.references('clusters.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('brief', 'text')
    .addColumn('outline', 'text', (c) => c.notNull())
    .addColumn('primary_keywords', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('secondary_keywords', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('target_words', 'integer', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('structure', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) =>
      c
        .notNull()
        .defaultTo('ai')
        .check(sql`source in ('ai','user')`),
    )
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('new')
        .check(sql`status in ('new','queued')`),
    )
    .$call(ts)
    .execute();
  await db.schema.createIndex('ideas_site').on('ideas').columns(['site_id', 'status']).execute();
  await db.schema.createIndex('ideas_cluster').on('ideas').column('cluster_id').execute();

  await db.schema
    .createTable('tasks')
    .$call(id)
    .$call((t) => scoped(t, 'sector'))
    .addColumn('idea_id', 'text', (c) => c.notNull().unique().references('ideas.id').onDelete('cascade'))
    .addColumn('prompt_override', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('queued')
        .check(sql`status in ('queued','running','done','failed')`),
    )
    .$call(ts)
    .execute();
  await db.schema.createIndex('tasks_site').on('tasks').columns(['site_id', 'status']).execute();

  await db.schema
    .createTable('contents')
    .$call(id)
    .$call((t) => scoped(t, 'sector'))
    .addColumn('task_id', 'text', (c) => c.unique().references('tasks.id').onDelete('set null'))
    .addColumn('idea_id', 'text', (c) => c.references('ideas.id').onDelete('set null'))
    .addColumn('cluster_id', 'text', (c) => c.references('clusters.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('excerpt', 'text')
    .addColumn('meta_title', 'text')
    .addColumn('meta_description', 'text')
    .addColumn('focus_keyword', 'text')
    .addColumn('keywords', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('word_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('seo_score', 'integer', (c) =>
      c.check(sql`seo_score is null or (seo_score >= 0 and seo_score <= 100)`),
    )
    .addColumn('seo_report', 'text')
    .addColumn('link_suggestions', 'text')
    .addColumn('provenance', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('draft')
        .check(sql`status in ('draft','review','approved','rejected')`),
    )
    .$call(ts)
    .execute();
  await db.schema.createIndex('contents_site').on('contents').columns(['site_id', 'status']).execute();
  await db.schema
    .createIndex('contents_focus')
    .on('contents')
    .columns(['site_id', 'focus_keyword'])
    .execute();

  await db.schema
    .createTable('images')
    .$call(id)
    .$call((t) => scoped(t, 'sector'))
    .addColumn('content_id', 'text', (c) => c.notNull().references('contents.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('featured','inline')`))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('prompt', 'text', (c) => c.notNull())
    .addColumn('negative_prompt', 'text')
    .addColumn('alt', 'text')
    .addColumn('caption', 'text')
    .addColumn('file_path', 'text')
    .addColumn('sha256', 'text')
    .addColumn('mime', 'text')
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('size_bytes', 'integer')
    .addColumn('model', 'text')
    .addColumn('error', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending','generating','done','failed')`),
    )
    .$call(ts)
    .addUniqueConstraint('images_content_role_position', ['content_id', 'role', 'position'])
    .execute();
  await db.schema.createIndex('images_site').on('images').columns(['site_id', 'status']).execute();
}
