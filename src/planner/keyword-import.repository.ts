import { CompiledQuery, sql, type Insertable } from 'kysely';
import { isSqlite, type Db, type KeywordsTable } from '../db/index.js';
import type { SectorScope } from '../tenancy/scope.js';
import { KeywordLineSet } from './keyword-line-set.js';

// The import's write path over `keywords` (dedupe set, multi-row inserts, page cache, index rebuild);
// the planner owns the table, and keywords.repository.ts holds its reads and curation writes.

/**
 * Rows per multi-row INSERT: SQLite allows at most 32,766 bound variables per statement (PostgreSQL
 * 65,535), and a keyword row binds 15.
 */
const KEYWORD_COLUMNS = 15;
export const INSERT_CHUNK = Math.floor(32_766 / KEYWORD_COLUMNS);

/** Keywords read per query while loading the existing ones (keyset pages over the unique index). */
const EXISTING_PAGE = 50_000;

/**
 * The normalized keywords already stored in a site+sector (the dedupe set of an import), read in
 * pages in key order into a compact set, so a large sector never sits in memory as row objects.
 */
export async function existingNormalized(
  db: Db,
  scope: SectorScope,
  page = EXISTING_PAGE,
): Promise<KeywordLineSet> {
  const out = new KeywordLineSet();
  for (let after: string | null = null; ;) {
    let q = db
      .selectFrom('keywords')
      .select('normalized')
      .where('site_id', '=', scope.siteId)
      .where('sector_id', '=', scope.sectorId)
      .where('account_id', '=', scope.accountId);
    if (after !== null) q = q.where('normalized', '>', after);
    const rows = await q.orderBy('normalized').limit(page).execute();
    for (const r of rows) out.add(r.normalized, 0);
    if (rows.length < page) return out;
    after = rows[rows.length - 1]!.normalized;
  }
}

/** Column order of an inserted keyword row: the compiled statement's parameters follow it. */
const COLUMNS = [
  'id',
  'account_id',
  'site_id',
  'sector_id',
  'keyword',
  'normalized',
  'volume',
  'difficulty',
  'cpc',
  'intent',
  'source',
  'cluster_id',
  'status',
  'created_at',
  'updated_at',
] as const satisfies ReadonlyArray<keyof KeywordsTable>;

export type NewKeywordRow = { [C in (typeof COLUMNS)[number]]: Insertable<KeywordsTable>[C] };

/** What differs per row of an import (besides its id); the rest (scope, source, time) is shared. */
export interface KeywordValues {
  keyword: string;
  normalized: string;
  volume: number | null;
  difficulty: number | null;
  cpc: number | null;
  intent: string | null;
}

export interface KeywordCommon {
  account_id: string;
  site_id: string;
  sector_id: string;
  source: string;
  created_at: string;
}

function toRow(v: KeywordValues, id: string, c: KeywordCommon): NewKeywordRow {
  return {
    id,
    account_id: c.account_id,
    site_id: c.site_id,
    sector_id: c.sector_id,
    keyword: v.keyword,
    normalized: v.normalized,
    volume: v.volume,
    difficulty: v.difficulty,
    cpc: v.cpc,
    intent: v.intent,
    source: c.source,
    cluster_id: null,
    status: 'new',
    created_at: c.created_at,
    updated_at: c.created_at,
  };
}

/** The parameters of items[from, to) in COLUMNS order, built straight from the values (no row objects). */
function flatParams(
  items: readonly KeywordValues[],
  ids: readonly string[],
  from: number,
  to: number,
  c: KeywordCommon,
): unknown[] {
  const out = new Array<unknown>((to - from) * COLUMNS.length);
  let j = 0;
  for (let i = from; i < to; i++) {
    const v = items[i]!;
    out[j++] = ids[i - from];
    out[j++] = c.account_id;
    out[j++] = c.site_id;
    out[j++] = c.sector_id;
    out[j++] = v.keyword;
    out[j++] = v.normalized;
    out[j++] = v.volume;
    out[j++] = v.difficulty;
    out[j++] = v.cpc;
    out[j++] = v.intent;
    out[j++] = c.source;
    out[j++] = null;
    out[j++] = 'new';
    out[j++] = c.created_at;
    out[j++] = c.created_at;
  }
  return out;
}

function insertQuery(db: Db, rows: NewKeywordRow[]) {
  return db
    .insertInto('keywords')
    .values(rows)
    .onConflict((oc) => oc.columns(['site_id', 'sector_id', 'normalized']).doNothing());
}

/**
 * A keyword inserter for one import: inserts items[from, to) (with ids[0, to - from)) as one multi-row
 * INSERT (at most INSERT_CHUNK rows) that skips rows whose normalized keyword already exists in
 * their site+sector (a concurrent import got there first). Building and compiling a 2,000-row
 * statement costs more than running it, so the SQL of a full chunk is compiled once by Kysely and
 * reused with fresh parameters, after checking on the first chunk that our parameter order is
 * exactly the compiled one. Returns rows really inserted.
 */
export function keywordInserter(db: Db, common: KeywordCommon) {
  let full: string | null = null;
  let reusable = true;
  return async function insert(
    items: readonly KeywordValues[],
    ids: readonly string[],
    from: number,
    to: number,
  ): Promise<number> {
    const count = to - from;
    if (count <= 0) return 0;
    if (count === INSERT_CHUNK && full !== null) {
      const res = await db.executeQuery(CompiledQuery.raw(full, flatParams(items, ids, from, to, common)));
      return Number(res.numAffectedRows ?? 0);
    }
    const rows: NewKeywordRow[] = [];
    for (let i = from; i < to; i++) rows.push(toRow(items[i]!, ids[i - from]!, common));
    const query = insertQuery(db, rows);
    if (count === INSERT_CHUNK && reusable) {
      const compiled = query.compile();
      const check = flatParams(items, ids, from, to, common);
      reusable =
        compiled.parameters.length === check.length && compiled.parameters.every((p, i) => p === check[i]);
      if (reusable) full = compiled.sql;
    }
    const res = await query.executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0);
  };
}

/**
 * Run an import with a larger SQLite page cache: a million-row import updates two indexes in random
 * key order, and the default 2 MB cache turns that into millions of page reads. 80 MB: with
 * time-ordered ids the primary key only grows at its end, so the cache holds the unique keyword
 * index, which batch-sorted inserts (not one sort of the whole file) revisit every batch: at 64 MB
 * more of its pages were spilled to the WAL and read back (about 0.8 s more system CPU per million
 * rows, P4); 96 MB saved little more and took the peak RSS near 500 MB. Restored afterwards;
 * PostgreSQL manages its own buffers.
 */
export async function withImportCache<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  if (!isSqlite(db)) return fn();
  const before = await sql<{ cache_size: number }>`pragma cache_size`.execute(db);
  const previous = Number(before.rows[0]?.cache_size ?? -2000);
  await sql`pragma cache_size = -81920`.execute(db);
  try {
    return await fn();
  } finally {
    await sql.raw(`pragma cache_size = ${Math.trunc(previous)}`).execute(db);
  }
}

/**
 * For a large SQLite import: drop the keywords table's secondary indexes (the list, cluster and
 * volume orders; not the primary key nor the unique site+sector+normalized constraint, which the
 * insert's conflict check needs) and return the function that recreates them from their stored SQL.
 * Two of them are in volume order, so a million random-order inserts touch random pages of each;
 * building them once afterwards sorts instead. Both run inside the import's transaction, so a failed
 * import rolls the DDL back with the rows and leaves the schema as it was. PostgreSQL keeps its
 * indexes: dropping one there locks the whole table (every tenant's reads) until the commit.
 */
export async function dropKeywordSecondaryIndexes(db: Db): Promise<(() => Promise<void>) | null> {
  if (!isSqlite(db)) return null;
  const { rows } = await sql<{ name: string; sql: string }>`
    select name, sql from sqlite_master
    where type = 'index' and tbl_name = 'keywords' and sql is not null
    order by name`.execute(db);
  for (const r of rows) await sql`drop index ${sql.id(r.name)}`.execute(db);
  return async () => {
    for (const r of rows) await sql.raw(r.sql).execute(db);
  };
}

/** Rows in the keywords table (every tenant): what rebuilding its indexes would sort. */
export async function keywordTableRows(db: Db): Promise<number> {
  const row = await db
    .selectFrom('keywords')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
