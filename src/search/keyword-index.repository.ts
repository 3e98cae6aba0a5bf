import { sql, type RawBuilder } from 'kysely';
import { inTransaction, isSqlite, transaction, type Db } from '../db/index.js';
import { likePattern, trigramQuery } from './text-match.js';

// The only module that writes keywords_fts and keywords_fts_state (migration 0034-keyword-search):
// SQLite's trigram index over keyword text, and the rowid up to which it holds every keyword.

/** Keywords indexed per catch-up: ~0.35 s of work, so one search never pays for a whole import. */
export const KEYWORD_INDEX_CHUNK = 100_000;

/**
 * Index (SQLite) the next keywords past the watermark — those added since the last catch-up, a
 * large import's rows a chunk at a time — and return how many. Never waits for another process's
 * write lock, and never fails the search that calls it: when the database is busy or read-only the
 * rows stay unindexed, and the search reads them by rowid range instead.
 */
export async function catchUpKeywordIndex(db: Db, chunk = KEYWORD_INDEX_CHUNK): Promise<number> {
  if (!isSqlite(db) || inTransaction(db)) return 0;
  const behind = await sql<{ w: number; top: number | null }>`
    select indexed_through as w, (select max(rowid) from keywords) as top from keywords_fts_state`.execute(
    db,
  );
  const state = behind.rows[0];
  if (!state || state.top === null || state.top <= state.w) return 0;
  return db.connection().execute(async (conn) => {
    const previous = await sql<{ timeout: number }>`pragma busy_timeout`.execute(conn);
    await sql`pragma busy_timeout = 0`.execute(conn);
    try {
      return await transaction(conn, (trx) => indexNextChunk(trx, chunk));
    } catch {
      // Busy (another process is writing) or read-only: the next search tries again.
      return 0;
    } finally {
      await sql
        .raw(`pragma busy_timeout = ${Math.trunc(Number(previous.rows[0]?.timeout ?? 0))}`)
        .execute(conn);
    }
  });
}

async function indexNextChunk(trx: Db, chunk: number): Promise<number> {
  const w = Number(
    (await sql<{ w: number }>`select indexed_through as w from keywords_fts_state`.execute(trx)).rows[0]!.w,
  );
  // The last rowid of the chunk (or the table's last when fewer rows remain).
  const end = await sql<{ upto: number | null }>`
    select coalesce(
      (select rowid from keywords where rowid > ${w} order by rowid limit 1 offset ${chunk - 1}),
      (select max(rowid) from keywords)) as upto`.execute(trx);
  const upto = Number(end.rows[0]?.upto ?? w);
  if (upto <= w) return 0;
  const res = await sql`
    insert into keywords_fts(rowid, keyword)
    select rowid, keyword from keywords where rowid > ${w} and rowid <= ${upto}`.execute(trx);
  await sql`update keywords_fts_state set indexed_through = ${upto}`.execute(trx);
  const indexed = Number(res.numAffectedRows ?? 0);
  // A large catch-up leaves the index in several segments, and a query looks each trigram up in
  // every one (1.5 ms instead of 0.4 ms at 100,000 keywords): once the last chunk is in, merge them
  // into one (about 0.5 µs per keyword, so it is done only after a large catch-up).
  const last = await sql<{ top: number }>`select max(rowid) as top from keywords`.execute(trx);
  if (indexed >= OPTIMIZE_AFTER && Number(last.rows[0]!.top) <= upto)
    await sql`insert into keywords_fts(keywords_fts) values ('optimize')`.execute(trx);
  return indexed;
}

/** Keywords indexed in one catch-up from which the index is merged into one segment afterwards. */
const OPTIMIZE_AFTER = 10_000;

/**
 * The condition "the keyword contains `text`" (`lower(keyword) like '%text%'`, case-insensitive).
 * SQLite: candidates are the index's rows holding the text's trigrams plus the rows past the
 * watermark, rechecked with LIKE. PostgreSQL, or under three characters: LIKE over the account.
 * @example q.where(keywordMatch(db, 'running'))
 */
export function keywordMatch(db: Db, text: string): RawBuilder<boolean> {
  const like = sql<boolean>`lower(${sql.ref('keywords.keyword')}) like ${likePattern(text)} escape '\\'`;
  const trigrams = trigramQuery(text);
  if (!isSqlite(db) || trigrams === null) return like;
  return sql<boolean>`(${sql.ref('keywords.rowid')} in (
    select rowid from keywords_fts where keywords_fts match ${trigrams}
    union all
    select rowid from keywords where rowid > (select indexed_through from keywords_fts_state)) and ${like})`;
}
