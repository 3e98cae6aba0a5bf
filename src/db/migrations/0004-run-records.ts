import { sql, type Kysely } from 'kysely';

// Frozen once released. A run's record is derived from these rows and the ledger, not from counters
// a killed process last saved: run_operations ties ledger op ids to the run (and stage) that
// reserved them; run_items keeps each item's outcome, so stage counts add up over resumes.

type Db = Kysely<unknown>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('run_operations')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('op_id', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text', (c) => c.notNull().references('automation_runs.id').onDelete('cascade'))
    .addColumn('stage', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('run_operations_pk', ['account_id', 'op_id'])
    .execute();
  await db.schema
    .createIndex('run_operations_run')
    .on('run_operations')
    .columns(['run_id', 'stage'])
    .execute();
  await db.schema
    .createTable('run_items')
    .addColumn('run_id', 'text', (c) => c.notNull().references('automation_runs.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('stage', 'integer', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('done','failed')`))
    .addColumn('units', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('code', 'text')
    .addColumn('reason', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('run_items_pk', ['run_id', 'stage', 'item_id'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('run_items').ifExists().execute();
  await db.schema.dropTable('run_operations').ifExists().execute();
}
