import { SqliteAdapter, sql, type Kysely } from 'kysely';

// Frozen once released, like 0001. Indexes and text-search structures that keep the lists and the
// searches flat at agency scale (100,000 articles, 1,000,000 keywords): each list reads the ids of
// its page from an index that holds the list's order and the id, from whichever end is nearer.

type Db = Kysely<unknown>;

/** [name, table, columns]: `{desc}` is the list's descending order, `{nullsLast}` where PG needs it. */
export const READ_INDEXES: ReadonlyArray<readonly [string, string, string]> = [
  // Stage 2's keywords of a cluster by volume: the planner picked keywords_list_volume and walked
  // the whole site per cluster (keywords × clusters).
  ['keywords_account_cluster_volume', 'keywords', 'account_id, cluster_id, volume desc{nullsLast}, id'],
  // Content list (newest first, then id), with and without a site, with and without a status.
  ['contents_list_account', 'contents', 'account_id, created_at desc, id'],
  ['contents_list_site', 'contents', 'account_id, site_id, created_at desc, id'],
  ['contents_list_status', 'contents', 'account_id, status, created_at desc, id'],
  ['contents_list_site_status', 'contents', 'account_id, site_id, status, created_at desc, id'],
  // Idea list, the same shape.
  ['ideas_list_account', 'ideas', 'account_id, created_at desc, id'],
  ['ideas_list_site', 'ideas', 'account_id, site_id, created_at desc, id'],
  ['ideas_list_site_status', 'ideas', 'account_id, site_id, status, created_at desc, id'],
  // Cluster list within a site: its default order (highest volume first) and by name.
  ['clusters_list_volume', 'clusters', 'account_id, site_id, volume_sum desc, id'],
  ['clusters_list_name', 'clusters', 'account_id, site_id, name, id'],
  // Task list, the same shape.
  ['tasks_list_account', 'tasks', 'account_id, created_at desc, id'],
  ['tasks_list_site', 'tasks', 'account_id, site_id, created_at desc, id'],
  // Usage log (newest first, id descending): the id makes the index hold the whole order.
  ['usage_log_list', 'usage_log', 'account_id, created_at, id'],
  ['usage_log_list_site', 'usage_log', 'account_id, site_id, created_at, id'],
];

/** Text searched by substring, per table: [fts table, base table, columns]. */
export const SEARCH_TEXT: ReadonlyArray<readonly [string, string, readonly string[]]> = [
  ['contents_fts', 'contents', ['title', 'focus_keyword']],
  ['ideas_fts', 'ideas', ['title', 'brief']],
  ['clusters_fts', 'clusters', ['name']],
];

const isSqliteDb = (db: Db) => db.getExecutor().adapter instanceof SqliteAdapter;

/**
 * SQLite: an FTS5 trigram index per searched table (external content, keyed by the table's rowid,
 * kept in sync by triggers). A trigram phrase is a case-insensitive substring match, so the search
 * keeps LIKE's meaning; the caller rechecks with LIKE on the candidate rows.
 */
async function sqliteSearch(db: Db): Promise<void> {
  for (const [fts, table, cols] of SEARCH_TEXT) {
    const list = cols.join(', ');
    const fresh = cols.map((c) => `new.${c}`).join(', ');
    const stale = cols.map((c) => `old.${c}`).join(', ');
    await sql
      .raw(
        `create virtual table ${fts} using fts5(${list}, content='${table}', content_rowid='rowid', tokenize='trigram')`,
      )
      .execute(db);
    await sql.raw(`insert into ${fts}(${fts}) values ('rebuild')`).execute(db);
    await sql
      .raw(
        `create trigger ${fts}_ai after insert on ${table} begin insert into ${fts}(rowid, ${list}) values (new.rowid, ${fresh}); end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger ${fts}_ad after delete on ${table} begin insert into ${fts}(${fts}, rowid, ${list}) values ('delete', old.rowid, ${stale}); end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger ${fts}_au after update of ${list} on ${table} begin ` +
          `insert into ${fts}(${fts}, rowid, ${list}) values ('delete', old.rowid, ${stale}); ` +
          `insert into ${fts}(rowid, ${list}) values (new.rowid, ${fresh}); end`,
      )
      .execute(db);
  }
}

/**
 * PostgreSQL: pg_trgm GIN indexes on the lower-cased columns serve `lower(col) like '%text%'`
 * directly (the same substring meaning as before). pg_trgm ships with PostgreSQL's contrib and is a
 * trusted extension; where it cannot be created the searches still work, by scanning.
 */
async function postgresSearch(db: Db): Promise<void> {
  // Extensions belong to the database, not a schema: install it once, in public, and name its
  // operator class by schema, so every igny8 schema of the database can use it.
  await sql`savepoint igny8_trgm`.execute(db);
  try {
    await sql`create extension if not exists pg_trgm with schema public`.execute(db);
    await sql`release savepoint igny8_trgm`.execute(db);
  } catch {
    // No privilege, no contrib, or another schema creating it at the same moment.
    await sql`rollback to savepoint igny8_trgm`.execute(db);
  }
  const { rows } = await sql<{ schema: string }>`
    select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace
    where e.extname = 'pg_trgm'`.execute(db);
  const schema = rows[0]?.schema;
  if (schema === undefined) return;
  for (const [fts, table, cols] of SEARCH_TEXT)
    for (const c of cols)
      await sql
        .raw(`create index ${fts}_${c} on ${table} using gin (lower(${c}) "${schema}".gin_trgm_ops)`)
        .execute(db);
}

export async function up(db: Db): Promise<void> {
  const sqlite = isSqliteDb(db);
  // SQLite puts NULLs last in a descending index by itself and has no NULLS clause in CREATE INDEX.
  const nullsLast = sqlite ? '' : ' nulls last';
  for (const [name, table, columns] of READ_INDEXES)
    await sql
      .raw(`create index ${name} on ${table} (${columns.replace('{nullsLast}', nullsLast)})`)
      .execute(db);
  await (sqlite ? sqliteSearch(db) : postgresSearch(db));
}

export async function down(db: Db): Promise<void> {
  if (isSqliteDb(db)) {
    for (const [fts] of SEARCH_TEXT) {
      for (const t of ['ai', 'ad', 'au']) await sql.raw(`drop trigger if exists ${fts}_${t}`).execute(db);
      await sql.raw(`drop table if exists ${fts}`).execute(db);
    }
  } else {
    for (const [fts, , cols] of SEARCH_TEXT)
      for (const c of cols) await sql.raw(`drop index if exists ${fts}_${c}`).execute(db);
  }
  for (const [name] of [...READ_INDEXES].reverse()) await db.schema.dropIndex(name).ifExists().execute();
}
