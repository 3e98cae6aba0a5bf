import type { CandidateWindow, RefreshCandidate } from '../api-contract/refresh-candidates.schema.js';
import type { PageTotalsRow } from './candidates.repository.js';
import { ctrAt, fmt, round2 } from './candidates-ctr.js';
import type { SitePages } from './candidates-site-pages.js';

/** When a page counts as decaying (window over window). */
export interface DecayOptions {
  /** Clicks lost, as a percentage of the previous window (default 20). */
  minClickLossPct: number;
  /** …and at least this many clicks lost (default 10): the noise floor, so 2 → 1 clicks is not decay. */
  minClicksLost: number;
  /** Or average position worse by at least this much (default 3)… */
  minPositionDrop: number;
  /** …with at least this many impressions in both windows (default 100), so a position on a handful of impressions does not count. */
  minImpressions: number;
}

export const DECAY_DEFAULTS: DecayOptions = {
  minClickLossPct: 20,
  minClicksLost: 10,
  minPositionDrop: 3,
  minImpressions: 100,
};

interface Totals {
  clicks: number;
  impressions: number;
  position: number;
}

/**
 * Pure: a page's totals per window. Where the export carried page totals (query '') they are used;
 * otherwise the per-query rows are summed (which leaves out anonymised queries); when only one
 * window has totals, both use the per-query sums so like is compared with like.
 */
export function windowTotals(rows: PageTotalsRow[]): Map<string, { cur: Totals; prev: Totals }> {
  // [previous per-query, previous totals, current per-query, current totals] per page.
  const byPage = new Map<string, Array<PageTotalsRow | undefined>>();
  for (const r of rows) {
    const slots = byPage.get(r.page) ?? [undefined, undefined, undefined, undefined];
    slots[r.cur * 2 + r.totals] = r;
    byPage.set(r.page, slots);
  }
  const totals = (r: PageTotalsRow | undefined): Totals =>
    r
      ? {
          clicks: r.clicks,
          impressions: r.impressions,
          position: r.impressions > 0 ? r.posWeight / r.impressions : 0,
        }
      : { clicks: 0, impressions: 0, position: 0 };
  const out = new Map<string, { cur: Totals; prev: Totals }>();
  for (const [page, [prevQ, prevT, curQ, curT]] of byPage) {
    // Totals in one window and only per-query rows in the other would compare unlike sums.
    const mixed = Boolean((prevT && !curT && curQ) || (curT && !prevT && prevQ));
    out.set(page, {
      prev: totals(mixed ? prevQ : (prevT ?? prevQ)),
      cur: totals(mixed ? curQ : (curT ?? curQ)),
    });
  }
  return out;
}

/**
 * Pure: pages losing clicks (≥ minClickLossPct % and ≥ minClicksLost) or position (worse by ≥
 * minPositionDrop on ≥ minImpressions impressions in both windows). Score: the clicks lost, or for
 * a position-only drop the clicks the lost positions cost at today's impressions (CTR curve).
 */
export function decayCandidates(
  rows: PageTotalsRow[],
  pages: SitePages,
  topQueries: Map<string, string[]>,
  window: CandidateWindow,
  opts: DecayOptions = DECAY_DEFAULTS,
): RefreshCandidate[] {
  const out: RefreshCandidate[] = [];
  for (const [page, { cur, prev }] of windowTotals(rows)) {
    const lost = prev.clicks - cur.clicks;
    const clickDecay =
      lost >= opts.minClicksLost && prev.clicks > 0 && (lost / prev.clicks) * 100 >= opts.minClickLossPct;
    const drop = cur.position - prev.position;
    const positionDecay =
      cur.impressions >= opts.minImpressions &&
      prev.impressions >= opts.minImpressions &&
      drop >= opts.minPositionDrop;
    if (!clickDecay && !positionDecay) continue;
    const positionCost = Math.max(0, cur.impressions * (ctrAt(prev.position) - ctrAt(cur.position)));
    const parts: string[] = [];
    if (clickDecay)
      parts.push(
        `clicks fell ${Math.round((lost / prev.clicks) * 100)}% (${fmt(prev.clicks)} → ${fmt(cur.clicks)}, −${fmt(lost)})`,
      );
    if (positionDecay)
      parts.push(`average position slipped ${prev.position.toFixed(1)} → ${cur.position.toFixed(1)}`);
    const sentence = parts.join(' and ');
    out.push({
      kind: 'decay',
      page: pages.lookup(page),
      queries: topQueries.get(page) ?? [],
      reason: `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)} in the last ${window.days} days (${window.from} – ${window.to}) against the ${window.days} before.`,
      metrics: {
        clicks: cur.clicks,
        previousClicks: prev.clicks,
        clicksLost: lost,
        clickLossPct: prev.clicks > 0 ? round2((lost / prev.clicks) * 100) : 0,
        impressions: cur.impressions,
        previousImpressions: prev.impressions,
        position: round2(cur.position),
        previousPosition: round2(prev.position),
      },
      score: round2(clickDecay ? Math.max(lost, positionCost) : positionCost),
    });
  }
  return out;
}
