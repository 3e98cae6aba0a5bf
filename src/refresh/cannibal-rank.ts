import type {
  CandidatePageShare,
  CandidateWindow,
  RefreshCandidate,
} from '../api-contract/refresh-candidates.schema.js';
import type { PairRow } from './candidates.repository.js';
import { ctrAt, fmt, round2 } from './candidates-ctr.js';
import type { SitePages } from './candidates-site-pages.js';

/** When pages compete for one query. */
export interface CannibalOptions {
  /** A page needs at least this share of the query's impressions to count (default 0.1 = 10%). */
  minShare: number;
  /** …and at least this many impressions (default 20). */
  minPageImpressions: number;
}

export const CANNIBAL_DEFAULTS: CannibalOptions = { minShare: 0.1, minPageImpressions: 20 };

/** Pure: strongest first — most clicks, then best position, then URL. */
export function byStrength<T extends { clicks: number; position: number; url: string }>(a: T, b: T): number {
  return b.clicks - a.clicks || a.position - b.position || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);
}

/** Pure: every page's share of each query (pairs grouped by query), strongest first. */
export function sharesByQuery(pairs: PairRow[], pages: SitePages): Map<string, CandidatePageShare[]> {
  const byQuery = new Map<string, PairRow[]>();
  for (const p of pairs) byQuery.set(p.query, [...(byQuery.get(p.query) ?? []), p]);
  const out = new Map<string, CandidatePageShare[]>();
  for (const [query, rows] of byQuery) {
    const total = rows.reduce((s, r) => s + r.impressions, 0);
    out.set(
      query,
      rows
        .map((r) => ({
          ...pages.lookup(r.page),
          clicks: r.clicks,
          impressions: r.impressions,
          position: round2(r.position),
          share: total > 0 ? round2(r.impressions / total) : 0,
        }))
        .sort(byStrength),
    );
  }
  return out;
}

/**
 * Pure: queries two or more of the site's pages rank for, each with a meaningful share (pages under
 * minShare or minPageImpressions are ignored, and said so). Score: the impressions the weaker pages
 * take × the CTR at the strongest page's position — what consolidating them might bring.
 */
export function cannibalCandidates(
  pairs: PairRow[],
  pages: SitePages,
  window: CandidateWindow,
  opts: CannibalOptions = CANNIBAL_DEFAULTS,
): RefreshCandidate[] {
  const out: RefreshCandidate[] = [];
  for (const [query, all] of sharesByQuery(pairs, pages)) {
    const real = all.filter((p) => p.share >= opts.minShare && p.impressions >= opts.minPageImpressions);
    if (real.length < 2) continue;
    const [best, ...weaker] = real as [CandidatePageShare, ...CandidatePageShare[]];
    const total = all.reduce((s, p) => s + p.impressions, 0);
    const weakerImpressions = weaker.reduce((s, p) => s + p.impressions, 0);
    const value = weakerImpressions * ctrAt(best.position);
    const ignored = all.length - real.length;
    const list = real
      .map(
        (p) =>
          `${p.url} ${Math.round(p.share * 100)}% (${fmt(p.clicks)} clicks, position ${p.position.toFixed(1)})`,
      )
      .join(', ');
    out.push({
      kind: 'cannibal',
      page: { url: best.url, title: best.title, inventoryId: best.inventoryId, contentId: best.contentId },
      queries: [query],
      reason:
        `${real.length} pages split the ${fmt(total)} impressions for "${query}" in the last ${window.days} days: ${list}` +
        `${ignored > 0 ? ` (${ignored} page${ignored === 1 ? '' : 's'} with a share under ${Math.round(opts.minShare * 100)}% ignored)` : ''}.`,
      metrics: {
        pages: real.length,
        impressions: total,
        clicks: all.reduce((s, p) => s + p.clicks, 0),
        bestPosition: best.position,
        weakerImpressions,
        estimatedGain: round2(value),
      },
      pages: real,
      score: round2(value),
    });
  }
  return out;
}
