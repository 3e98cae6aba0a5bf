import type { Db } from '../db/index.js';
import type { Scope } from '../tenancy/scope.js';

/** Clicks, impressions and weighted position of a page over a window of days. */
export interface WindowFigures {
  from: string;
  to: string;
  clicks: number;
  impressions: number;
  /** Σ position·impressions / Σ impressions; null without impressions. */
  position: number | null;
}

/** One refresh that went live, before against after. */
export interface RefreshResult {
  refreshId: string;
  url: string;
  title: string | null;
  publishedAt: string;
  days: number;
  /** 'ready' once `days` full days after going live have arrived; else 'waiting'. */
  status: 'ready' | 'waiting';
  /** Full days of data after going live held so far (at most `days`). */
  daysAvailable: number;
  before: WindowFigures;
  /** Null while waiting. */
  after: WindowFigures | null;
  /** after − before (position: negative = moved up); null while waiting. */
  change: { clicks: number; impressions: number; position: number | null } | null;
}

export interface DayRow {
  date: string;
  query: string;
  clicks: number;
  impressions: number;
  position: number;
}

const DAY = 86_400_000;
const dayOf = (iso: string) => iso.slice(0, 10);
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const daysBetween = (a: string, b: string) =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);

/** Sum a window: page totals (query '') when the data has them, else the query rows. */
export function windowFigures(rows: readonly DayRow[], from: string, to: string): WindowFigures {
  const inside = rows.filter((r) => r.date >= from && r.date <= to);
  const totals = inside.filter((r) => r.query === '');
  const use = totals.length ? totals : inside;
  let clicks = 0;
  let impressions = 0;
  let weighted = 0;
  for (const r of use) {
    clicks += r.clicks;
    impressions += r.impressions;
    weighted += r.position * r.impressions;
  }
  return {
    from,
    to,
    clicks,
    impressions,
    position: impressions > 0 ? Math.round((weighted / impressions) * 100) / 100 : null,
  };
}

/**
 * Pure: before/after of one page. The day it went live is left out (half a day of each); "after" is
 * shown only once `days` full days after it have arrived (`lastDay` is the newest day held).
 * @example compareWindows(rows, '2026-03-01T10:00:00Z', 28, '2026-04-10')
 */
export function compareWindows(
  rows: readonly DayRow[],
  publishedAt: string,
  days: number,
  lastDay: string | null,
): Pick<RefreshResult, 'status' | 'daysAvailable' | 'before' | 'after' | 'change'> {
  const live = dayOf(publishedAt);
  const before = windowFigures(rows, addDays(live, -days), addDays(live, -1));
  const daysAvailable = lastDay ? Math.max(0, Math.min(days, daysBetween(live, lastDay))) : 0;
  if (daysAvailable < days) return { status: 'waiting', daysAvailable, before, after: null, change: null };
  const after = windowFigures(rows, addDays(live, 1), addDays(live, days));
  return {
    status: 'ready',
    daysAvailable,
    before,
    after,
    change: {
      clicks: after.clicks - before.clicks,
      impressions: after.impressions - before.impressions,
      position:
        after.position !== null && before.position !== null
          ? Math.round((after.position - before.position) * 100) / 100
          : null,
    },
  };
}

const pageVariants = (url: string) => {
  const bare = url.replace(/\/+$/, '');
  return [...new Set([bare, `${bare}/`])];
};

/**
 * Before/after figures of every refresh of the site that went live, newest first (read from the
 * Search Console rows, owned by src/search-console).
 */
export async function refreshResults(
  db: Db,
  scope: Scope & { siteId: string },
  days: number,
): Promise<RefreshResult[]> {
  const published = await db
    .selectFrom('content_refreshes')
    .select(['id', 'url', 'draft_title', 'live_title', 'published_at'])
    .where('account_id', '=', scope.accountId)
    .where('site_id', '=', scope.siteId)
    .where('status', '=', 'published')
    .where('published_at', 'is not', null)
    .orderBy('published_at', 'desc')
    .limit(200)
    .execute();
  if (published.length === 0) return [];
  const last = await db
    .selectFrom('search_console_rows')
    .select((eb) => eb.fn.max('date').as('d'))
    .where('account_id', '=', scope.accountId)
    .where('site_id', '=', scope.siteId)
    .executeTakeFirst();
  const lastDay = (last?.d as string | null | undefined) ?? null;
  const out: RefreshResult[] = [];
  for (const r of published) {
    const live = dayOf(r.published_at!);
    const rows = await db
      .selectFrom('search_console_rows')
      .select(['date', 'query', 'clicks', 'impressions', 'position'])
      .where('site_id', '=', scope.siteId)
      .where('account_id', '=', scope.accountId)
      .where('page', 'in', pageVariants(r.url))
      .where('date', '>=', addDays(live, -days))
      .where('date', '<=', addDays(live, days))
      .execute();
    out.push({
      refreshId: r.id,
      url: r.url,
      title: r.draft_title ?? r.live_title,
      publishedAt: r.published_at!,
      days,
      ...compareWindows(
        rows.map((x) => ({
          ...x,
          clicks: Number(x.clicks),
          impressions: Number(x.impressions),
          position: Number(x.position),
        })),
        r.published_at!,
        days,
        lastDay,
      ),
    });
  }
  return out;
}
