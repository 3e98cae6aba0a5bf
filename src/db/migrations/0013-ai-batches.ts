import { sql, type Kysely } from 'kysely';

// Frozen once released. Batch mode (issue 17): a stage's AI calls go to the provider's batch API and
// the answers arrive hours later. ai_batches keeps each submitted batch (the provider's id, so a
// process killed while waiting polls the same batch again instead of resubmitting); ai_batch_items
// ties each request's custom id to the run, the stage (by key) and the item, and to the credit hold
// (op id) it is settled under.

type Db = Kysely<unknown>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('ai_batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('run_id', 'text', (c) => c.notNull().references('automation_runs.id').onDelete('cascade'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('provider_batch_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending','ended','expired','cancelled','failed')`),
    )
    .addColumn('requests', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ai_batches_run').on('ai_batches').columns(['run_id', 'stage']).execute();
  await db.schema
    .createTable('ai_batch_items')
    .addColumn('batch_id', 'text', (c) => c.notNull().references('ai_batches.id').onDelete('cascade'))
    .addColumn('custom_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('run_id', 'text', (c) => c.notNull().references('automation_runs.id').onDelete('cascade'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('op_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending','answered','failed','resubmitted')`),
    )
    .addColumn('error', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ai_batch_items_pk', ['batch_id', 'custom_id'])
    .execute();
  await db.schema
    .createIndex('ai_batch_items_run_custom')
    .on('ai_batch_items')
    .columns(['run_id', 'custom_id'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('ai_batch_items').ifExists().execute();
  await db.schema.dropTable('ai_batches').ifExists().execute();
}
