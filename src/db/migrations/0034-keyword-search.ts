import { SqliteAdapter, sql, type Kysely } from 'kysely';

// Frozen once released. SQLite: a trigram index over keyword text, so the global search finds a
// keyword by substring without scanning the account. A million-row import must not pay for it
// (every indexed row costs ~3.4 µs, a sixth of the import's budget), so inserts are not indexed
// row by row: keywords_fts_state.indexed_through is a rowid watermark. Rows at or below it are in
// the index (renames and deletes keep them right, by trigger); rows above it (new keywords, an
// import) are read by rowid range until the search indexes them, in chunks (src/search).
// PostgreSQL: nothing. Its search scans the account's keywords as before (a pg_trgm index would be
// maintained on every imported row; PostgreSQL has no cheap deferred path like this one).

type Db = Kysely<unknown>;

const isSqliteDb = (db: Db) => db.getExecutor().adapter instanceof SqliteAdapter;

export async function up(db: Db): Promise<void> {
  if (!isSqliteDb(db)) return;
  // Contentless (the text stays in keywords), rowids only (detail=none: the search rechecks every
  // candidate with LIKE, so it needs no positions), deletable by rowid (contentless_delete).
  await sql`create virtual table keywords_fts using fts5(keyword, content='', contentless_delete=1, detail=none, tokenize='trigram')`.execute(
    db,
  );
  await sql`create table keywords_fts_state (id integer primary key check (id = 1), indexed_through integer not null)`.execute(
    db,
  );
  // Existing keywords are indexed now (a one-time cost of ~3.4 s per million rows), in one segment.
  await sql`insert into keywords_fts(rowid, keyword) select rowid, keyword from keywords`.execute(db);
  await sql`insert into keywords_fts(keywords_fts) values ('optimize')`.execute(db);
  await sql`insert into keywords_fts_state (id, indexed_through) select 1, coalesce(max(rowid), 0) from keywords`.execute(
    db,
  );
  const indexed = 'old.rowid <= (select indexed_through from keywords_fts_state)';
  await sql
    .raw(
      `create trigger keywords_fts_au after update of keyword on keywords when ${indexed} begin ` +
        'delete from keywords_fts where rowid = old.rowid; ' +
        'insert into keywords_fts(rowid, keyword) values (new.rowid, new.keyword); end',
    )
    .execute(db);
  // A deleted keyword leaves the index. When the table's highest rowids go, SQLite hands them out
  // again: the watermark drops to the highest remaining rowid, so a new row reusing one is read as
  // unindexed rather than taken for the deleted row's entry.
  await sql
    .raw(
      `create trigger keywords_fts_ad after delete on keywords when ${indexed} begin ` +
        'delete from keywords_fts where rowid = old.rowid; ' +
        'update keywords_fts_state set indexed_through = (select coalesce(max(rowid), 0) from keywords) ' +
        'where indexed_through > (select coalesce(max(rowid), 0) from keywords); end',
    )
    .execute(db);
}

export async function down(db: Db): Promise<void> {
  if (!isSqliteDb(db)) return;
  await sql`drop trigger if exists keywords_fts_ad`.execute(db);
  await sql`drop trigger if exists keywords_fts_au`.execute(db);
  await sql`drop table if exists keywords_fts_state`.execute(db);
  await sql`drop table if exists keywords_fts`.execute(db);
}
