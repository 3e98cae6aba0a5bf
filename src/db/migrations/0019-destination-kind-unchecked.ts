import { sql, SqliteAdapter, type Kysely } from 'kysely';

// Frozen once released. publish_destinations.kind had a SQL CHECK listing the kinds, so every new
// destination kind needed a migration; the publishing repository checks the kind on each write
// instead (against api-contract's DESTINATION_KINDS), and this drops the CHECK on both dialects.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

const TABLE = 'publish_destinations';
/** The CHECK as 0001 wrote it (down restores exactly this). */
const KIND_CHECK = "check (kind in ('wordpress','folder','webhook'))";

const isSqliteDb = (db: Db) => db.getExecutor().adapter instanceof SqliteAdapter;

/**
 * SQLite cannot drop a constraint: rebuild the table from its own DDL, edited. Foreign keys are off
 * meanwhile, so dropping the old table cascades to nothing (publish_records and internal_links
 * reference it by name and find the rebuilt table); SQLite migrations run outside a transaction,
 * where this pragma takes effect. The table's indexes and triggers are made again from their DDL.
 */
async function rebuildSqlite(db: Db, edit: (ddl: string) => string): Promise<void> {
  const objects = await sql<{ type: string; name: string; sql: string }>`
    select type, name, sql from sqlite_master where tbl_name = ${TABLE} and sql is not null`.execute(db);
  const table = objects.rows.find((o) => o.type === 'table')!;
  const ddl = edit(table.sql);
  if (ddl === table.sql) return;
  const tmp = `${TABLE}_0019`;
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await sql
      .raw(ddl.replace(/^create table "?publish_destinations"?/i, `create table "${tmp}"`))
      .execute(db);
    await sql.raw(`insert into "${tmp}" select * from "${TABLE}"`).execute(db);
    await sql.raw(`drop table "${TABLE}"`).execute(db);
    await sql.raw(`alter table "${tmp}" rename to "${TABLE}"`).execute(db);
    for (const o of objects.rows) if (o.type !== 'table') await sql.raw(o.sql).execute(db);
    const broken = await sql`pragma foreign_key_check`.execute(db);
    if (broken.rows.length > 0) throw new Error(`0019: ${broken.rows.length} foreign keys broken`);
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

export async function up(db: Db): Promise<void> {
  if (isSqliteDb(db)) {
    await rebuildSqlite(db, (ddl) => ddl.replace(/\s+check \(kind in \([^)]*\)\)/i, ''));
    return;
  }
  // PostgreSQL names a column's CHECK <table>_<column>_check.
  await sql.raw(`alter table ${TABLE} drop constraint if exists ${TABLE}_kind_check`).execute(db);
}

export async function down(db: Db): Promise<void> {
  if (isSqliteDb(db)) {
    await rebuildSqlite(db, (ddl) => ddl.replace(/("kind" text not null)/i, `$1 ${KIND_CHECK}`));
    return;
  }
  await sql.raw(`alter table ${TABLE} add constraint ${TABLE}_kind_check ${KIND_CHECK}`).execute(db);
}
