import { sql } from 'kysely';
import { type Db, ts, scoped, id } from './table-helpers.js';

/** Publishing destinations and records, automation runs and their events. */
export async function createPublishingTables(db: Db): Promise<void> {
  await db.schema
    .createTable('publish_destinations')
    .$call(id)
    .$call((t) => scoped(t, 'site'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('wordpress','folder','webhook')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('config', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('secret_enc', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('active')
        .check(sql`status in ('active','inactive')`),
    )
    .$call(ts)
    .addUniqueConstraint('publish_destinations_site_name', ['site_id', 'name'])
    .execute();

  await db.schema
    .createTable('publish_records')
    .$call(id)
    .$call((t) => scoped(t, 'site'))
    .addColumn('content_id', 'text', (c) => c.notNull().references('contents.id').onDelete('cascade'))
    .addColumn('destination_id', 'text', (c) =>
      c.notNull().references('publish_destinations.id').onDelete('cascade'),
    )
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('unpublished')
        .check(sql`status in ('unpublished','scheduled','publishing','published','failed')`),
    )
    .addColumn('intent', 'text')
    .addColumn('marker', 'text', (c) => c.notNull().unique())
    .addColumn('remote_id', 'text')
    .addColumn('remote_url', 'text')
    .addColumn('remote_status', 'text')
    .addColumn('remote_media', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('scheduled_at', 'text')
    .addColumn('published_at', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .$call(ts)
    .addUniqueConstraint('publish_records_content_destination', ['content_id', 'destination_id'])
    .execute();
  await db.schema
    .createIndex('publish_records_site')
    .on('publish_records')
    .columns(['site_id', 'status'])
    .execute();

  await db.schema
    .createTable('automation_runs')
    .$call(id)
    .$call((t) => scoped(t, 'site'))
    .addColumn('trigger', 'text', (c) => c.notNull().check(sql`trigger in ('cli','api','schedule','worker')`))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('queued','running','paused','cancelled','completed','failed')`),
    )
    .addColumn('options', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('results', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('estimate_credits', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('credit_cap', 'integer')
    .addColumn('credits_used', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('current_stage', 'integer')
    .addColumn('lease_owner', 'text')
    .addColumn('lease_expires_at', 'text')
    .addColumn('error', 'text')
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .$call(ts)
    .execute();
  // One active run per site, enforced by the database rather than by a read-then-write.
  await sql`create unique index automation_runs_one_active on automation_runs (site_id) where status in ('queued','running','paused')`.execute(
    db,
  );
  await db.schema
    .createIndex('automation_runs_site')
    .on('automation_runs')
    .columns(['site_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('run_events')
    .$call(id)
    .$call((t) => scoped(t, 'account'))
    .addColumn('run_id', 'text', (c) => c.notNull().references('automation_runs.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('stage', 'integer')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('data', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('run_events_run_seq', ['run_id', 'seq'])
    .execute();
}
