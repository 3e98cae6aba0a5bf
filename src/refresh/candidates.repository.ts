import { sql } from 'kysely';
import type { Db } from '../db/index.js';
import type { SiteScope } from '../tenancy/scope.js';

// Read-only queries behind refresh candidates. search_console_rows belongs to src/search-console,
// site_inventory to src/inventory, internal_links and publish_records to src/publishing: this file
// only reads them. Every figure over search_console_rows is aggregated in SQL (GROUP BY over the
// site's date range, served by the (site_id, page, date) and (site_id, query, date) indexes); the
// caller only classifies the grouped rows.

/** A page's totals in one window. */
export interface PageTotalsRow {
  page: string;
  /** 1: the current window, 0: the previous one. */
  cur: number;
  /** 1: rows with query '' (the export's page totals), 0: per-query rows. */
  totals: number;
  clicks: number;
  impressions: number;
  /** Σ position × impressions, to be divided by impressions. */
  posWeight: number;
}

/** One page × query over the current window. */
export interface PairRow {
  page: string;
  query: string;
  clicks: number;
  impressions: number;
  /** Average position weighted by impressions. */
  position: number;
}

const num = (v: unknown): number => Number(v ?? 0);
// position is a REAL (float4 on PostgreSQL): Σ position × impressions over a million rows needs doubles.

/** The last day the site has Search Console rows for (imports lag, so windows end there, not today). */
export async function lastDataDate(db: Db, scope: SiteScope): Promise<string | null> {
  const row = await db
    .selectFrom('search_console_rows')
    .select((eb) => eb.fn.max('date').as('last'))
    .where('site_id', '=', scope.siteId)
    .where('account_id', '=', scope.accountId)
    .executeTakeFirst();
  return (row?.last as string | null | undefined) ?? null;
}

/**
 * Per page: clicks, impressions and Σ position×impressions in the current and the previous window,
 * split into page-total rows (query '') and per-query rows, so the caller can prefer the totals
 * (per-query rows leave out anonymised queries) where an export carried them.
 */
export async function pageTotals(
  db: Db,
  scope: SiteScope,
  range: { previousFrom: string; from: string; to: string },
): Promise<PageTotalsRow[]> {
  const { rows } = await sql<Record<string, unknown>>`
    select page,
      case when date >= ${range.from} then 1 else 0 end as cur,
      case when query = '' then 1 else 0 end as totals,
      sum(clicks) as clicks, sum(impressions) as impressions,
      sum(cast(position as double precision) * impressions) as pos_weight
    from search_console_rows
    where site_id = ${scope.siteId} and account_id = ${scope.accountId}
      and date >= ${range.previousFrom} and date <= ${range.to}
    -- By position: PostgreSQL does not see two bound copies of the window start as one expression.
    group by 1, 2, 3
  `.execute(db);
  return rows.map((r) => ({
    page: String(r.page),
    cur: num(r.cur),
    totals: num(r.totals),
    clicks: num(r.clicks),
    impressions: num(r.impressions),
    posWeight: num(r.pos_weight),
  }));
}

/**
 * Page × query totals over [from, to] with at least `minImpressions` (the noise floor keeps the
 * result small: most pairs of a large property have a handful of impressions). `query` narrows it
 * to one query (served by the (site_id, query, date) index), `pages` to some pages (at most a few hundred).
 */
export async function pagesByQuery(
  db: Db,
  scope: SiteScope,
  range: { from: string; to: string },
  opts: { minImpressions: number; query?: string; pages?: string[] },
): Promise<PairRow[]> {
  if (opts.pages?.length === 0) return [];
  const oneQuery = opts.query === undefined ? sql`query <> ''` : sql`query = ${opts.query}`;
  const onlyPages = opts.pages ? sql`and page in (${sql.join(opts.pages)})` : sql``;
  const { rows } = await sql<Record<string, unknown>>`
    select page, query, sum(clicks) as clicks, sum(impressions) as impressions,
      sum(cast(position as double precision) * impressions) as pos_weight
    from search_console_rows
    where site_id = ${scope.siteId} and account_id = ${scope.accountId}
      and date >= ${range.from} and date <= ${range.to} and ${oneQuery} ${onlyPages}
    group by page, query
    having sum(impressions) >= ${opts.minImpressions}
  `.execute(db);
  return rows.map((r) => {
    const impressions = num(r.impressions);
    return {
      page: String(r.page),
      query: String(r.query),
      clicks: num(r.clicks),
      impressions,
      position: impressions > 0 ? num(r.pos_weight) / impressions : 0,
    };
  });
}

export interface InventoryPageRow {
  id: string;
  url: string;
  title: string;
  excerpt: string | null;
  focus_keyword: string | null;
  tags: string;
  categories: string;
  content_id: string | null;
}

/** The site's imported posts and pages. */
export function inventoryPages(db: Db, scope: SiteScope): Promise<InventoryPageRow[]> {
  return db
    .selectFrom('site_inventory')
    .select(['id', 'url', 'title', 'excerpt', 'focus_keyword', 'tags', 'categories', 'content_id'])
    .where('account_id', '=', scope.accountId)
    .where('site_id', '=', scope.siteId)
    .orderBy('url')
    .execute();
}

export interface PublishedPageRow {
  content_id: string;
  url: string;
  title: string;
  slug: string;
}

/** igny8's articles live on the site (published, WordPress status publish, with their URL). */
export async function publishedPages(db: Db, scope: SiteScope): Promise<PublishedPageRow[]> {
  const rows = await db
    .selectFrom('publish_records')
    .innerJoin('contents', 'contents.id', 'publish_records.content_id')
    .select([
      'contents.id as content_id',
      'publish_records.remote_url as url',
      'contents.title as title',
      'contents.slug as slug',
    ])
    .where('publish_records.account_id', '=', scope.accountId)
    .where('publish_records.site_id', '=', scope.siteId)
    .where('contents.account_id', '=', scope.accountId)
    .where('publish_records.status', '=', 'published')
    .where('publish_records.remote_url', 'is not', null)
    .orderBy('contents.id')
    .execute();
  return rows.map((r) => ({ ...r, url: r.url! }));
}

/** Inventory keywords (focus keyword, tags, categories; normalized) of some posts. */
export async function inventoryKeywords(
  db: Db,
  scope: SiteScope,
  inventoryIds: string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < inventoryIds.length; i += 500) {
    const rows = await db
      .selectFrom('site_inventory_keywords')
      .select(['inventory_id', 'keyword'])
      .where('site_id', '=', scope.siteId)
      .where('inventory_id', 'in', inventoryIds.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.inventory_id, [...(out.get(r.inventory_id) ?? []), r.keyword]);
  }
  return out;
}

/** Title and body of some of the site's articles. */
export async function articleBodies(
  db: Db,
  scope: SiteScope,
  contentIds: string[],
): Promise<Array<{ id: string; title: string; html: string }>> {
  const out: Array<{ id: string; title: string; html: string }> = [];
  for (let i = 0; i < contentIds.length; i += 500) {
    out.push(
      ...(await db
        .selectFrom('contents')
        .select(['id', 'title', 'html'])
        .where('account_id', '=', scope.accountId)
        .where('site_id', '=', scope.siteId)
        .where('id', 'in', contentIds.slice(i, i + 500))
        .execute()),
    );
  }
  return out;
}

/** Distinct (target, source) pairs of the internal links igny8 stored as live on the site. */
export async function liveLinkPairs(
  db: Db,
  scope: SiteScope,
): Promise<Array<{ target: string; source: string }>> {
  return db
    .selectFrom('internal_links')
    .select(['target_content_id as target', 'source_content_id as source'])
    .distinct()
    .where('account_id', '=', scope.accountId)
    .where('site_id', '=', scope.siteId)
    .where('status', '=', 'live')
    .execute();
}
