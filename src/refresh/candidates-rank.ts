import type {
  CandidateWindow,
  RefreshCandidate,
  RefreshCandidates,
} from '../api-contract/refresh-candidates.schema.js';
import type { Db } from '../db/index.js';
import { parseInput } from '../errors/index.js';
import type { SiteScope } from '../tenancy/scope.js';
import { htmlPlainText } from '../util/html-plain-text.js';
import { parseJson } from '../util/json.js';
import {
  articleBodies,
  inventoryKeywords,
  inventoryPages,
  lastDataDate,
  liveLinkPairs,
  pagesByQuery,
  pageTotals,
  publishedPages,
  type PairRow,
} from './candidates.repository.js';
import { RankCandidatesOptionsSchema, type RankCandidatesOptions } from './candidates-options.js';
import { pageKey } from './candidates-page-key.js';
import { sitePages, type SitePages } from './candidates-site-pages.js';
import { candidateWindow } from './candidates-window.js';
import { cannibalCandidates } from './cannibal-rank.js';
import { decayCandidates, windowTotals } from './decay-rank.js';
import { inboundLinks, orphanCandidates } from './orphan-pages.js';
import { inStrikingDistance, strikingCandidates } from './striking-rank.js';
import { articleText, type PageText } from './striking-coverage.js';

/** Pure: best first (score), ties by URL, then kind and query, so the same data always lists the same way. */
export function compareCandidates(a: RefreshCandidate, b: RefreshCandidate): number {
  const s = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return (
    b.score - a.score ||
    s(a.page.url, b.page.url) ||
    s(a.kind, b.kind) ||
    s(a.queries[0] ?? '', b.queries[0] ?? '')
  );
}

/** Pure: each page's top queries now (most clicks, then impressions), for the decay reason. */
function topQueries(pairs: PairRow[], n = 5): Map<string, string[]> {
  const byPage = new Map<string, PairRow[]>();
  for (const p of pairs) byPage.set(p.page, [...(byPage.get(p.page) ?? []), p]);
  const out = new Map<string, string[]>();
  for (const [page, rows] of byPage)
    out.set(
      page,
      rows
        .sort((a, b) => b.clicks - a.clicks || b.impressions - a.impressions || (a.query < b.query ? -1 : 1))
        .slice(0, n)
        .map((r) => r.query),
    );
  return out;
}

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** What we know of the text of the pages with striking-distance queries (article bodies, inventory fields). */
async function pageTexts(
  db: Db,
  scope: SiteScope,
  pages: SitePages,
  urls: string[],
): Promise<Map<string, PageText>> {
  const known = [...new Set(urls)].map((url) => ({ url, page: pages.find(url) }));
  const contentIds = known.flatMap((k) => (k.page?.contentId ? [k.page.contentId] : []));
  const bodies = new Map((await articleBodies(db, scope, contentIds)).map((b) => [b.id, b]));
  const inventoryIds = known.flatMap((k) => (k.page?.inventoryId ? [k.page.inventoryId] : []));
  const keywords = await inventoryKeywords(db, scope, inventoryIds);
  const wanted = new Set(inventoryIds);
  const inventory = new Map(
    (await inventoryPages(db, scope)).filter((r) => wanted.has(r.id)).map((r) => [r.id, r]),
  );
  const out = new Map<string, PageText>();
  for (const { url, page } of known) {
    const body = page?.contentId ? bodies.get(page.contentId) : undefined;
    const inv = page?.inventoryId ? inventory.get(page.inventoryId) : undefined;
    if (body) out.set(url, articleText(body.title, body.html));
    else if (inv)
      out.set(url, {
        source: 'inventory',
        title: inv.title,
        headings: [],
        body: htmlPlainText(inv.excerpt ?? '', ' '),
        keywords: [
          inv.focus_keyword ?? '',
          ...parseJson<string[]>(inv.tags, []),
          ...parseJson<string[]>(inv.categories, []),
          ...(keywords.get(inv.id) ?? []),
        ],
      });
  }
  return out;
}

/** Distinct pages linking to each page (by page key), and what was checked. */
export async function siteInboundLinks(db: Db, scope: SiteScope, pages: SitePages) {
  const stored = await liveLinkPairs(db, scope);
  const contentIds = pages.all.flatMap((p) => (p.contentId ? [p.contentId] : []));
  const bodies = (await articleBodies(db, scope, contentIds)).map((b) => ({ contentId: b.id, html: b.html }));
  return {
    inbound: inboundLinks(pages, stored, bodies),
    sources: { storedLinks: stored.length, bodies: bodies.length },
  };
}

/** The site's known pages (inventory and published articles). */
export async function loadSitePages(db: Db, scope: SiteScope): Promise<SitePages> {
  return sitePages(await inventoryPages(db, scope), await publishedPages(db, scope));
}

/** The window ending at the last day with data, or null when the site has none. */
export async function dataWindow(db: Db, scope: SiteScope, days: number): Promise<CandidateWindow | null> {
  const last = await lastDataDate(db, scope);
  return last ? candidateWindow(last, days) : null;
}

/**
 * Refresh candidates of a site, ranked by estimated clicks at stake, each with its reason and the
 * figures behind it: decaying pages, striking-distance queries a page does not cover, queries
 * several pages split, and pages no internal link points to. Search Console figures are
 * aggregated in SQL over the window (the last `windowDays` days with data vs the ones before).
 * @example await rankCandidates(db, scope, { kinds: ['decay'], windowDays: 28, limit: 20 })
 */
export async function rankCandidates(
  db: Db,
  scope: SiteScope,
  options: RankCandidatesOptions = {},
): Promise<RefreshCandidates> {
  const o = parseInput(RankCandidatesOptionsSchema, options, 'candidate options');
  const want = new Set(o.kinds);
  const window = await dataWindow(db, scope, o.windowDays);
  const pages = await loadSitePages(db, scope);
  const found: RefreshCandidate[] = [];
  let traffic = new Map<string, { clicks: number; impressions: number }>();
  if (window) {
    const totalRows = await pageTotals(db, scope, window);
    const totals = windowTotals(totalRows);
    traffic = new Map([...totals].map(([url, t]) => [pageKey(url), t.cur]));
    const floor = Math.min(o.striking.minImpressions, o.cannibal.minPageImpressions);
    const pairs =
      want.has('striking') || want.has('cannibal')
        ? await pagesByQuery(db, scope, window, { minImpressions: floor })
        : [];
    if (want.has('decay')) {
      const decaying = decayCandidates(totalRows, pages, new Map(), window, o.decay);
      // Top queries only for the decaying pages (one narrow query), unless every pair is at hand already.
      const urls = [...new Set(decaying.map((c) => c.page.url))];
      const top = topQueries(
        pairs.length > 0 || urls.length === 0
          ? pairs
          : (
              await Promise.all(
                chunks(urls, 200).map((p) =>
                  pagesByQuery(db, scope, window, { minImpressions: 1, pages: p }),
                ),
              )
            ).flat(),
      );
      found.push(...decaying.map((c) => ({ ...c, queries: top.get(c.page.url) ?? [] })));
    }
    if (want.has('striking')) {
      const near = inStrikingDistance(pairs, o.striking);
      const texts = await pageTexts(
        db,
        scope,
        pages,
        near.map((p) => p.page),
      );
      found.push(...strikingCandidates(near, pages, texts, window, o.striking));
    }
    if (want.has('cannibal')) found.push(...cannibalCandidates(pairs, pages, window, o.cannibal));
  }
  if (want.has('orphan')) {
    const { inbound, sources } = await siteInboundLinks(db, scope, pages);
    found.push(...orphanCandidates(pages, inbound, traffic, sources));
  }
  if (o.page !== undefined) {
    const key = pageKey(o.page);
    const mine = (c: RefreshCandidate) =>
      pageKey(c.page.url) === key || (c.pages ?? []).some((p) => pageKey(p.url) === key);
    found.splice(0, found.length, ...found.filter(mine));
  }
  found.sort(compareCandidates);
  const counts: Record<string, number> = {};
  for (const k of o.kinds) counts[k] = found.filter((c) => c.kind === k).length;
  return {
    window,
    candidates: found.slice(0, o.limit),
    total: found.length,
    counts,
    hint: emptyHint(window, found.length, pages, o.windowDays),
  };
}

function emptyHint(
  window: CandidateWindow | null,
  found: number,
  pages: SitePages,
  days: number,
): string | null {
  if (!window)
    return (
      'No Search Console data for this site yet: decay, striking distance and cannibalization need an imported ' +
      "performance export or an API pull (`igny8 gsc import FILE` or `igny8 gsc pull`; the dashboard's Search Console page)." +
      (pages.all.length === 0
        ? ' Orphans need the site inventory or published articles, and there are none either.'
        : '')
    );
  if (found === 0)
    return `Nothing crossed the thresholds in the last ${days} days (${window.from} – ${window.to}) against the ${days} before.`;
  return null;
}
