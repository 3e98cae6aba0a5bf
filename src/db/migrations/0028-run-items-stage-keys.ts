import { sql, SqliteAdapter, type Kysely } from 'kysely';

// Frozen once released. run_items and run_operations named a run's stage by number (an integer
// column, and in run_items part of the primary key), so inserting a stage would have renumbered
// stored outcomes and operations. They hold the stage's key ("write") from here on, as run results
// do since 0011. The map is copied here, not imported: a migration must mean the same thing after
// STAGES changes.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

export const STAGE_KEY_OF_NUMBER: Readonly<Record<string, string>> = {
  '1': 'cluster',
  '2': 'ideas',
  '3': 'tasks',
  '4': 'write',
  '5': 'image_prompts',
  '6': 'images',
  '7': 'review',
  '8': 'refresh',
};
const NUMBER_OF_STAGE_KEY = Object.fromEntries(Object.entries(STAGE_KEY_OF_NUMBER).map(([n, k]) => [k, n]));

const TABLES = ['run_items', 'run_operations'] as const;

const isSqliteDb = (db: Db) => db.getExecutor().adapter instanceof SqliteAdapter;

/** Rename the stored stage values of one table (a text column by now) by the map; others stay. */
async function renameStages(db: Db, table: string, rename: Record<string, string>): Promise<void> {
  const whens = Object.entries(rename).map(([from, to]) => sql`when ${from} then ${to}`);
  await sql`update ${sql.table(table)} set stage = case stage ${sql.join(whens, sql` `)} else stage end
    where stage in (${sql.join(Object.keys(rename))})`.execute(db);
}

/**
 * SQLite cannot change a column's type: rebuild the table from its own DDL, edited (as 0019 does).
 * Foreign keys are off meanwhile (nothing references these tables, and their own references are
 * checked after); SQLite migrations run outside a transaction, where this pragma takes effect, and
 * the copy itself runs in one, so a crash leaves the old table whole. `insert … select *` converts
 * the values to the new column's affinity ('4' ↔ 4). Indexes are made again from their DDL.
 */
async function rebuildSqlite(db: Db, table: string, edit: (ddl: string) => string): Promise<void> {
  const objects = await sql<{ type: string; name: string; sql: string }>`
    select type, name, sql from sqlite_master where tbl_name = ${table} and sql is not null`.execute(db);
  const ddl = edit(objects.rows.find((o) => o.type === 'table')!.sql);
  const tmp = `${table}_0028`;
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      await sql
        .raw(ddl.replace(new RegExp(`^create table "?${table}"?`, 'i'), `create table "${tmp}"`))
        .execute(trx);
      await sql.raw(`insert into "${tmp}" select * from "${table}"`).execute(trx);
      await sql.raw(`drop table "${table}"`).execute(trx);
      await sql.raw(`alter table "${tmp}" rename to "${table}"`).execute(trx);
      for (const o of objects.rows) if (o.type !== 'table') await sql.raw(o.sql).execute(trx);
      const broken = await sql`pragma foreign_key_check(${sql.raw(`"${table}"`)})`.execute(trx);
      if (broken.rows.length > 0)
        throw new Error(`0028: ${broken.rows.length} foreign keys of ${table} broken`);
    });
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

const STAGE_INTEGER = /("stage" )integer( not null)/i;
const STAGE_TEXT = /("stage" )text( not null)/i;

export async function up(db: Db): Promise<void> {
  for (const table of TABLES) {
    if (isSqliteDb(db)) await rebuildSqlite(db, table, (ddl) => ddl.replace(STAGE_INTEGER, '$1text$2'));
    else
      await sql`alter table ${sql.table(table)} alter column stage type text using stage::text`.execute(db);
    await renameStages(db, table, STAGE_KEY_OF_NUMBER);
  }
}

export async function down(db: Db): Promise<void> {
  for (const table of TABLES) {
    await renameStages(db, table, NUMBER_OF_STAGE_KEY);
    // A stage added after this migration has no number here: say so rather than lose its rows.
    const unknown = await sql<{ stage: string }>`
      select distinct stage from ${sql.table(table)} where stage not in (${sql.join(Object.keys(STAGE_KEY_OF_NUMBER))})`.execute(
      db,
    );
    if (unknown.rows.length > 0)
      throw new Error(
        `0028 down: ${table} holds stages with no number (${unknown.rows.map((r) => r.stage).join(', ')}); delete those rows first`,
      );
    if (isSqliteDb(db)) await rebuildSqlite(db, table, (ddl) => ddl.replace(STAGE_TEXT, '$1integer$2'));
    else
      await sql`alter table ${sql.table(table)} alter column stage type integer using stage::integer`.execute(
        db,
      );
  }
}
