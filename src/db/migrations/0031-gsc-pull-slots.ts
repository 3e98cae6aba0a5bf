import { sql, SqliteAdapter, type Kysely } from 'kysely';

// Frozen once released. The scheduler pulls each connected site's Search Console data by itself
// (issue 19), on slot claims like its other system tasks: schedule_slots.kind gains 'gsc-pull'.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

const TABLE = 'schedule_slots';
const BEFORE = "check (kind in ('run','renewal','publish-sync'))";
const AFTER = "check (kind in ('run','renewal','publish-sync','gsc-pull'))";

const isSqliteDb = (db: Db) => db.getExecutor().adapter instanceof SqliteAdapter;

/**
 * SQLite cannot alter a CHECK: rebuild the table from its own DDL, edited (as 0019 does). Nothing
 * references schedule_slots; its indexes are made again from their DDL. Migrations run outside a
 * transaction on SQLite, where the foreign-keys pragma takes effect.
 */
async function rebuildSqlite(db: Db, from: string, to: string): Promise<void> {
  const objects = await sql<{ type: string; name: string; sql: string }>`
    select type, name, sql from sqlite_master where tbl_name = ${TABLE} and sql is not null`.execute(db);
  const table = objects.rows.find((o) => o.type === 'table')!;
  const ddl = table.sql.replace(from, to);
  if (ddl === table.sql) throw new Error(`0031: the kind CHECK of ${TABLE} is not the expected one`);
  const tmp = `${TABLE}_0031`;
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await sql.raw(ddl.replace(/^create table "?schedule_slots"?/i, `create table "${tmp}"`)).execute(db);
    await sql.raw(`insert into "${tmp}" select * from "${TABLE}"`).execute(db);
    await sql.raw(`drop table "${TABLE}"`).execute(db);
    await sql.raw(`alter table "${tmp}" rename to "${TABLE}"`).execute(db);
    for (const o of objects.rows) if (o.type !== 'table') await sql.raw(o.sql).execute(db);
    const broken = await sql`pragma foreign_key_check`.execute(db);
    if (broken.rows.length > 0) throw new Error(`0031: ${broken.rows.length} foreign keys broken`);
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

export async function up(db: Db): Promise<void> {
  if (isSqliteDb(db)) return rebuildSqlite(db, BEFORE, AFTER);
  // PostgreSQL names a column's CHECK <table>_<column>_check.
  await sql.raw(`alter table ${TABLE} drop constraint ${TABLE}_kind_check`).execute(db);
  await sql.raw(`alter table ${TABLE} add constraint ${TABLE}_kind_check ${AFTER}`).execute(db);
}

export async function down(db: Db): Promise<void> {
  // The pulls' slots go: the old CHECK cannot hold them (the pulled data stays).
  await db.deleteFrom(TABLE).where('kind', '=', 'gsc-pull').execute();
  if (isSqliteDb(db)) return rebuildSqlite(db, AFTER, BEFORE);
  await sql.raw(`alter table ${TABLE} drop constraint ${TABLE}_kind_check`).execute(db);
  await sql.raw(`alter table ${TABLE} add constraint ${TABLE}_kind_check ${BEFORE}`).execute(db);
}
