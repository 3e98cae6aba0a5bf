import { CompiledQuery, sql, type Expression, type SqlBool } from 'kysely';
import { isSqlite, type Db } from '../db/index.js';
import type { SiteScope } from '../tenancy/scope.js';
import type { GscRow } from './parse-gsc-row.js';
import type { GscLayer } from './read-gsc-rows.js';

// The write path of search_console_rows and search_console_syncs (this module owns both tables).

const COLUMNS = ['account_id', 'site_id', 'date', 'page', 'query', 'clicks', 'impressions', 'position'];
/** Rows per multi-row INSERT: SQLite binds at most 32,766 variables per statement. */
export const UPSERT_CHUNK = Math.floor(32_766 / COLUMNS.length);

/** The rows a layer holds: page × query, page totals (query ''), or query totals (page ''). */
function inLayer(layer: GscLayer): Expression<SqlBool> {
  if (layer === 'page-query') return sql<SqlBool>`page <> '' and query <> ''`;
  if (layer === 'page') return sql<SqlBool>`page <> '' and query = ''`;
  return sql<SqlBool>`page = '' and query <> ''`;
}

/** Delete the layer's rows on these days; returns how many there were. */
export async function clearDays(
  db: Db,
  scope: SiteScope,
  layer: GscLayer,
  days: readonly string[],
): Promise<number> {
  if (days.length === 0) return 0;
  const res = await db
    .deleteFrom('search_console_rows')
    .where('site_id', '=', scope.siteId)
    .where('account_id', '=', scope.accountId)
    .where('date', 'in', days)
    .where(inLayer(layer))
    .executeTakeFirst();
  return Number(res.numDeletedRows ?? 0);
}

/** Delete the layer's rows in [from, to] on the days not in `kept` (days the file had no row for). */
export async function clearRangeExcept(
  db: Db,
  scope: SiteScope,
  layer: GscLayer,
  from: string,
  to: string,
  kept: readonly string[],
): Promise<number> {
  let q = db
    .deleteFrom('search_console_rows')
    .where('site_id', '=', scope.siteId)
    .where('account_id', '=', scope.accountId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .where(inLayer(layer));
  // In chunks of days: a 16-month range is ~490 days, well under any bind limit.
  if (kept.length > 0) q = q.where('date', 'not in', kept);
  const res = await q.executeTakeFirst();
  return Number(res.numDeletedRows ?? 0);
}

/**
 * Insert rows; a row whose day × page × query is already there (after the range was cleared: an
 * earlier row of the same file, as the bulk export splits a day by country and device) is summed
 * into it, the position weighted by impressions. The statement text of a full chunk is built once.
 */
export function rowUpserter(db: Db, scope: SiteScope) {
  const sqlite = isSqlite(db);
  const cache = new Map<number, string>();
  const statement = (n: number): string => {
    let text = cache.get(n);
    if (text) return text;
    const tuples: string[] = [];
    for (let i = 0; i < n; i++) {
      const ph = COLUMNS.map((_, j) => (sqlite ? '?' : `$${i * COLUMNS.length + j + 1}`));
      tuples.push(`(${ph.join(',')})`);
    }
    const t = 'search_console_rows';
    text =
      `insert into ${t} (${COLUMNS.join(',')}) values ${tuples.join(',')} ` +
      `on conflict (site_id, date, page, query) do update set ` +
      `position = case when ${t}.impressions + excluded.impressions = 0 then excluded.position ` +
      `else (${t}.position * ${t}.impressions + excluded.position * excluded.impressions) / (${t}.impressions + excluded.impressions) end, ` +
      `clicks = ${t}.clicks + excluded.clicks, impressions = ${t}.impressions + excluded.impressions`;
    if (n === UPSERT_CHUNK) cache.set(n, text);
    return text;
  };
  return async (rows: readonly GscRow[]): Promise<void> => {
    for (let from = 0; from < rows.length; from += UPSERT_CHUNK) {
      const to = Math.min(rows.length, from + UPSERT_CHUNK);
      const params = new Array<unknown>((to - from) * COLUMNS.length);
      let j = 0;
      for (let i = from; i < to; i++) {
        const r = rows[i]!;
        params[j++] = scope.accountId;
        params[j++] = scope.siteId;
        params[j++] = r.date;
        params[j++] = r.page;
        params[j++] = r.query;
        params[j++] = r.clicks;
        params[j++] = r.impressions;
        params[j++] = r.position;
      }
      await db.executeQuery(CompiledQuery.raw(statement(to - from), params));
    }
  };
}

/** Rows the layer holds in [from, to]. */
export async function countLayer(
  db: Db,
  scope: SiteScope,
  layer: GscLayer,
  from: string,
  to: string,
): Promise<number> {
  const row = await db
    .selectFrom('search_console_rows')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('site_id', '=', scope.siteId)
    .where('account_id', '=', scope.accountId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .where(inLayer(layer))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface NewSync {
  id: string;
  source: 'file' | 'api';
  origin: string;
  date_from: string;
  date_to: string;
  rows: number;
  replaced: number;
  created_at: string;
}

export async function insertSync(db: Db, scope: SiteScope, s: NewSync): Promise<void> {
  await db
    .insertInto('search_console_syncs')
    .values({ ...s, account_id: scope.accountId, site_id: scope.siteId })
    .execute();
}

/** The last day the site holds rows for, or null. */
export async function lastDayHeld(db: Db, scope: SiteScope): Promise<string | null> {
  const row = await db
    .selectFrom('search_console_rows')
    .select((eb) => eb.fn.max('date').as('last'))
    .where('site_id', '=', scope.siteId)
    .where('account_id', '=', scope.accountId)
    .executeTakeFirst();
  return (row?.last as string | null | undefined) ?? null;
}

/**
 * Run a large write with a 256 MB SQLite page cache: a million rows update two secondary indexes
 * (by page, by query) in random key order, which the default 2 MB cache turns into page reads.
 * Restored afterwards; PostgreSQL manages its own buffers.
 */
export async function withLargeCache<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  if (!isSqlite(db)) return fn();
  const before = await sql<{ cache_size: number }>`pragma cache_size`.execute(db);
  const previous = Math.trunc(Number(before.rows[0]?.cache_size ?? -2000));
  await sql`pragma cache_size = -262144`.execute(db);
  try {
    return await fn();
  } finally {
    await sql.raw(`pragma cache_size = ${previous}`).execute(db);
  }
}
