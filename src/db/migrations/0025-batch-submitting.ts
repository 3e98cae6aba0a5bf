import { sql, SqliteAdapter, type Kysely } from 'kysely';

// Frozen once released. Batch mode (issue 17): a batch's row is now written before the provider is
// asked to create it ('submitting', its id sent as our own batch key), so a process killed between
// the provider accepting the batch and the row being stored finds the batch again instead of paying
// for it twice; 'unsent' marks a submission the provider never received. This widens the status
// CHECK on both dialects.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

const TABLE = 'ai_batches';
const OLD = ['pending', 'ended', 'expired', 'cancelled', 'failed'];
const NEW = ['submitting', 'unsent', ...OLD];
const check = (values: string[]) => `check (status in (${values.map((v) => `'${v}'`).join(',')}))`;

const isSqliteDb = (db: Db) => db.getExecutor().adapter instanceof SqliteAdapter;

/**
 * SQLite cannot alter a constraint: rebuild the table from its own DDL, edited (as 0019 does).
 * Foreign keys are off meanwhile, so dropping the old table cascades to nothing (ai_batch_items
 * references it by name and finds the rebuilt table); its indexes are made again from their DDL.
 */
async function rebuildSqlite(db: Db, values: string[]): Promise<void> {
  const objects = await sql<{ type: string; name: string; sql: string }>`
    select type, name, sql from sqlite_master where tbl_name = ${TABLE} and sql is not null`.execute(db);
  const table = objects.rows.find((o) => o.type === 'table')!;
  const ddl = table.sql.replace(/check \(\s*"?status"? in \([^)]*\)\)/i, check(values));
  if (ddl === table.sql) throw new Error('0025: the ai_batches status CHECK was not found');
  const tmp = `${TABLE}_0025`;
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await sql.raw(ddl.replace(/^create table "?ai_batches"?/i, `create table "${tmp}"`)).execute(db);
    await sql.raw(`insert into "${tmp}" select * from "${TABLE}"`).execute(db);
    await sql.raw(`drop table "${TABLE}"`).execute(db);
    await sql.raw(`alter table "${tmp}" rename to "${TABLE}"`).execute(db);
    for (const o of objects.rows) if (o.type !== 'table') await sql.raw(o.sql).execute(db);
    const broken = await sql`pragma foreign_key_check`.execute(db);
    if (broken.rows.length > 0) throw new Error(`0025: ${broken.rows.length} foreign keys broken`);
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

async function setCheck(db: Db, values: string[]): Promise<void> {
  if (isSqliteDb(db)) return rebuildSqlite(db, values);
  // PostgreSQL names a column's CHECK <table>_<column>_check.
  await sql.raw(`alter table ${TABLE} drop constraint if exists ${TABLE}_status_check`).execute(db);
  await sql.raw(`alter table ${TABLE} add constraint ${TABLE}_status_check ${check(values)}`).execute(db);
}

export async function up(db: Db): Promise<void> {
  await setCheck(db, NEW);
}

export async function down(db: Db): Promise<void> {
  // The old CHECK has no word for these: an unconfirmed submission waits like a pending batch.
  await db.updateTable(TABLE).set({ status: 'pending' }).where('status', '=', 'submitting').execute();
  await db.updateTable(TABLE).set({ status: 'failed' }).where('status', '=', 'unsent').execute();
  await setCheck(db, OLD);
}
