import { sql, type Kysely } from 'kysely';

// Frozen once released, like 0001. Automation schedules, the slots they fired (one row per slot:
// the unique key is what makes a slot fire once across processes), notification channels and
// their deliveries (one row per notification and channel: the same claim for delivery).

type Db = Kysely<unknown>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('schedules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    // What the user wrote ("weekdays 06:00" or a cron expression) and the cron it means.
    .addColumn('cadence', 'text', (c) => c.notNull())
    .addColumn('cron', 'text', (c) => c.notNull())
    .addColumn('options', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('catch_up', 'text', (c) => c.notNull().check(sql`catch_up in ('once','skip')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active','paused')`))
    // Slots at or before this instant never fire (set on creation and on resume).
    .addColumn('anchor_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('schedules_account_name', ['account_id', 'name'])
    .execute();
  await db.schema
    .createIndex('schedules_account_site')
    .on('schedules')
    .columns(['account_id', 'site_id'])
    .execute();

  await db.schema
    .createTable('schedule_slots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // A schedule's id, or a system task's key ("renewal:<account>", "publish-sync:<site>").
    .addColumn('schedule_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('run','renewal','publish-sync')`))
    .addColumn('slot_time', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('claimed','started','done','skipped','failed')`),
    )
    .addColumn('missed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('run_id', 'text')
    .addColumn('detail', 'text')
    .addColumn('claimed_by', 'text', (c) => c.notNull())
    .addColumn('claimed_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addUniqueConstraint('schedule_slots_once', ['schedule_id', 'slot_time'])
    .execute();
  await db.schema
    .createIndex('schedule_slots_status')
    .on('schedule_slots')
    .columns(['status', 'claimed_at'])
    .execute();

  await db.schema
    .createTable('notification_channels')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('webhook','email')`))
    // Shown to users: an email address, or a webhook's origin (its full URL may be a secret).
    .addColumn('target', 'text', (c) => c.notNull())
    // AES-256-GCM envelope of the channel's JSON config (webhook URL and signing secret).
    .addColumn('config_enc', 'text', (c) => c.notNull())
    .addColumn('events', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active','disabled')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('notification_channels_account_name', ['account_id', 'name'])
    .execute();

  await db.schema
    .createTable('notification_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('channel_id', 'text', (c) =>
      c.notNull().references('notification_channels.id').onDelete('cascade'),
    )
    .addColumn('notification_id', 'text', (c) =>
      c.notNull().references('notifications.id').onDelete('cascade'),
    )
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('sending','sent','failed')`))
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addUniqueConstraint('notification_deliveries_once', ['channel_id', 'notification_id'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  for (const table of ['notification_deliveries', 'notification_channels', 'schedule_slots', 'schedules'])
    await db.schema.dropTable(table).ifExists().execute();
}
