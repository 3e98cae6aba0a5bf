import { sql, SqliteAdapter, type Kysely } from 'kysely';

// Frozen once released. run_events.stage (which stage a log line is about) and
// automation_runs.current_stage (the stage a run is in) named the stage by number, the last two
// columns to do so after 0011 (results) and 0028 (run_items, run_operations): inserting a stage
// would have renumbered stored logs and runs. They hold the stage's key ("write") from here on. The
// map is copied here, not imported: a migration must mean the same thing after the stage list
// changes. Both columns stay nullable (a run-level log line or a run not started has no stage).

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

/** The converted columns, each with its table. */
const COLUMNS = [
  { table: 'automation_runs', column: 'current_stage' },
  { table: 'run_events', column: 'stage' },
] as const;
type Column = (typeof COLUMNS)[number];

const isSqliteDb = (db: Db) => db.getExecutor().adapter instanceof SqliteAdapter;

/** Rename the stored stage values of one column (text by now) by the map; others stay. */
async function renameStages(
  { table, column }: Column,
  rename: Record<string, string>,
  db: Db,
): Promise<void> {
  const col = sql.ref(column);
  const whens = Object.entries(rename).map(([from, to]) => sql`when ${from} then ${to}`);
  await sql`update ${sql.table(table)} set ${col} = case ${col} ${sql.join(whens, sql` `)} else ${col} end
    where ${col} in (${sql.join(Object.keys(rename))})`.execute(db);
}

/**
 * SQLite cannot change a column's type: rebuild the table from its own DDL, edited (as 0019 and
 * 0028 do). Foreign keys are off meanwhile: dropping automation_runs cascades to nothing (run_events,
 * run_items, run_operations and the batch tables reference it by name and find the rebuilt table),
 * and the rebuilt table's own references are checked after. SQLite migrations run outside a
 * transaction, where this pragma takes effect, and the copy itself runs in one, so a crash leaves
 * the old table whole. `insert … select *` converts the values to the new column's affinity
 * ('4' ↔ 4). Indexes (the one-active-run index among them) are made again from their DDL.
 */
async function rebuildSqlite(db: Db, { table, column }: Column, from: string, to: string): Promise<void> {
  const objects = await sql<{ type: string; name: string; sql: string }>`
    select type, name, sql from sqlite_master where tbl_name = ${table} and sql is not null`.execute(db);
  const old = objects.rows.find((o) => o.type === 'table')!.sql;
  const ddl = old.replace(new RegExp(`("${column}" )${from}([,)])`, 'i'), `$1${to}$2`);
  if (ddl === old) throw new Error(`0033: ${table}.${column} is not of type ${from}`);
  const tmp = `${table}_0033`;
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
        throw new Error(`0033: ${broken.rows.length} foreign keys of ${table} broken`);
    });
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

export async function up(db: Db): Promise<void> {
  for (const c of COLUMNS) {
    if (isSqliteDb(db)) await rebuildSqlite(db, c, 'integer', 'text');
    else
      await sql`alter table ${sql.table(c.table)} alter column ${sql.ref(c.column)} type text using ${sql.ref(c.column)}::text`.execute(
        db,
      );
    await renameStages(c, STAGE_KEY_OF_NUMBER, db);
  }
}

export async function down(db: Db): Promise<void> {
  // A stage added after this migration has no number here: say so, before changing anything,
  // rather than lose its rows.
  // A number an older process wrote after `up` is text now: '4', or on SQLite '4.0' (the driver
  // binds a JS number as a real); the integer column takes both back as 4.
  const numbers = Object.keys(STAGE_KEY_OF_NUMBER);
  const known = [...numbers, ...numbers.map((n) => `${n}.0`), ...Object.values(STAGE_KEY_OF_NUMBER)];
  for (const { table, column } of COLUMNS) {
    const unknown = await sql<{ stage: string }>`
      select distinct ${sql.ref(column)} as stage from ${sql.table(table)}
      where ${sql.ref(column)} not in (${sql.join(known)})`.execute(db);
    if (unknown.rows.length > 0)
      throw new Error(
        `0033 down: ${table}.${column} holds stages with no number (${unknown.rows.map((r) => r.stage).join(', ')}); delete or clear those rows first`,
      );
  }
  for (const c of COLUMNS) {
    await renameStages(c, NUMBER_OF_STAGE_KEY, db);
    if (isSqliteDb(db)) await rebuildSqlite(db, c, 'text', 'integer');
    else
      await sql`alter table ${sql.table(c.table)} alter column ${sql.ref(c.column)} type integer using ${sql.ref(c.column)}::integer`.execute(
        db,
      );
  }
}
