import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/index.js';
import type { SiteScope } from '../tenancy/scope.js';

// Read queries over search_console_rows for charts and top lists. A page's day comes from its
// page-total row (query '') when one was imported, else from the sum of its page × query rows
// (which leave out the queries Google anonymizes); a query's day likewise from a query-total row
// (page '') or the sum over pages. Positions are weighted by impressions.

export interface GscMetricRow {
  clicks: number;
  impressions: number;
  /** Σ position·impressions / Σ impressions; null without impressions. */
  position: number | null;
}

export interface GscWindow {
  from: string;
  to: string;
}

type Dim = 'page' | 'query';
const other = (d: Dim): Dim => (d === 'page' ? 'query' : 'page');

/**
 * One row per key × day: the total row when present, else the sum of the detail rows. `filter`
 * narrows to one page or query; `exact` to one page × query pair.
 */
function daily(
  scope: SiteScope,
  dim: Dim,
  w: GscWindow,
  filter: { key?: string; exact?: { page: string; query: string } },
): RawBuilder<unknown> {
  const d = sql.ref(dim);
  const o = sql.ref(other(dim));
  const pw = sql`cast(position as double precision) * impressions`;
  if (filter.exact) {
    return sql`select ${d} as k, date, sum(clicks) as clicks, sum(impressions) as impressions, sum(${pw}) as pw
      from search_console_rows
      where site_id = ${scope.siteId} and account_id = ${scope.accountId}
        and date >= ${w.from} and date <= ${w.to}
        and page = ${filter.exact.page} and query = ${filter.exact.query}
      group by ${d}, date`;
  }
  const key = filter.key !== undefined ? sql`and ${d} = ${filter.key}` : sql``;
  return sql`select ${d} as k, date,
      coalesce(sum(case when ${o} = '' then clicks end), sum(clicks)) as clicks,
      coalesce(sum(case when ${o} = '' then impressions end), sum(impressions)) as impressions,
      coalesce(sum(case when ${o} = '' then ${pw} end), sum(${pw})) as pw
    from search_console_rows
    where site_id = ${scope.siteId} and account_id = ${scope.accountId}
      and date >= ${w.from} and date <= ${w.to} and ${d} <> '' ${key}
    group by ${d}, date`;
}

const metric = (r: { clicks: unknown; impressions: unknown; pw: unknown }): GscMetricRow => {
  const impressions = Number(r.impressions ?? 0);
  return {
    clicks: Number(r.clicks ?? 0),
    impressions,
    position: impressions > 0 ? Number(r.pw) / impressions : null,
  };
};

export type GscSort = 'clicks' | 'impressions' | 'position';

/** The top pages or queries over a window, one page of them, and how many there are. */
export async function topKeys(
  db: Db,
  scope: SiteScope,
  dim: Dim,
  w: GscWindow,
  o: { limit: number; offset: number; sort: GscSort; search?: string },
): Promise<{ items: Array<GscMetricRow & { key: string }>; total: number }> {
  const like = o.search
    ? sql`where lower(k) like ${`%${o.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`
    : sql``;
  const order =
    o.sort === 'position'
      ? sql`sum(pw) / nullif(sum(impressions), 0) asc, sum(impressions) desc`
      : o.sort === 'impressions'
        ? sql`sum(impressions) desc, sum(clicks) desc`
        : sql`sum(clicks) desc, sum(impressions) desc`;
  const inner = daily(scope, dim, w, {});
  const { rows } = await sql<{ k: string; clicks: unknown; impressions: unknown; pw: unknown }>`
    select k, sum(clicks) as clicks, sum(impressions) as impressions, sum(pw) as pw
    from (${inner}) as d ${like}
    group by k order by ${order}, k limit ${o.limit} offset ${o.offset}`.execute(db);
  const count = await sql<{ n: unknown }>`select count(distinct k) as n from (${inner}) as d ${like}`.execute(
    db,
  );
  return { items: rows.map((r) => ({ key: r.k, ...metric(r) })), total: Number(count.rows[0]?.n ?? 0) };
}

/** Day by day for one page, one query, or one page × query pair (days without data are absent). */
export async function series(
  db: Db,
  scope: SiteScope,
  w: GscWindow,
  f: { page?: string; query?: string },
): Promise<Array<GscMetricRow & { date: string }>> {
  const inner =
    f.page !== undefined && f.query !== undefined
      ? daily(scope, 'page', w, { exact: { page: f.page, query: f.query } })
      : f.page !== undefined
        ? daily(scope, 'page', w, { key: f.page })
        : daily(scope, 'query', w, { key: f.query! });
  const { rows } = await sql<{ date: string; clicks: unknown; impressions: unknown; pw: unknown }>`
    select date, sum(clicks) as clicks, sum(impressions) as impressions, sum(pw) as pw
    from (${inner}) as d group by date order by date`.execute(db);
  return rows.map((r) => ({ date: r.date, ...metric(r) }));
}

/** First and last day held, and the row count. */
export async function heldRange(
  db: Db,
  scope: SiteScope,
): Promise<{ from: string | null; to: string | null; rows: number }> {
  const r = await db
    .selectFrom('search_console_rows')
    .select((eb) => [eb.fn.min('date').as('from'), eb.fn.max('date').as('to'), eb.fn.countAll().as('n')])
    .where('site_id', '=', scope.siteId)
    .where('account_id', '=', scope.accountId)
    .executeTakeFirst();
  return {
    from: (r?.from as string | null) ?? null,
    to: (r?.to as string | null) ?? null,
    rows: Number(r?.n ?? 0),
  };
}

export async function recentSyncs(db: Db, scope: SiteScope, limit: number) {
  return db
    .selectFrom('search_console_syncs')
    .selectAll()
    .where('site_id', '=', scope.siteId)
    .where('account_id', '=', scope.accountId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * Page × query totals over a window (the detail rows only), position weighted by impressions: what
 * striking-distance and cannibalization checks read. Ordered by impressions, one page of them.
 * @example await pageQueryTotals(db, scope, { from: '2026-03-01', to: '2026-03-28' }, { limit: 500, offset: 0, minImpressions: 10 })
 */
export async function pageQueryTotals(
  db: Db,
  scope: SiteScope,
  w: GscWindow,
  o: { limit: number; offset: number; minImpressions?: number },
): Promise<Array<GscMetricRow & { page: string; query: string }>> {
  const { rows } = await sql<{
    page: string;
    query: string;
    clicks: unknown;
    impressions: unknown;
    pw: unknown;
  }>`
    select page, query, sum(clicks) as clicks, sum(impressions) as impressions,
      sum(cast(position as double precision) * impressions) as pw
    from search_console_rows
    where site_id = ${scope.siteId} and account_id = ${scope.accountId}
      and date >= ${w.from} and date <= ${w.to} and page <> '' and query <> ''
    group by page, query
    having sum(impressions) >= ${o.minImpressions ?? 0}
    order by sum(impressions) desc, page, query
    limit ${o.limit} offset ${o.offset}`.execute(db);
  return rows.map((r) => ({ page: r.page, query: r.query, ...metric(r) }));
}
