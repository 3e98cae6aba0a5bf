import type { CandidateWindow, RefreshCandidate } from '../api-contract/refresh-candidates.schema.js';
import type { PairRow } from './candidates.repository.js';
import { ctrAt, fmt, round2 } from './candidates-ctr.js';
import type { SitePages } from './candidates-site-pages.js';
import { CHECKED_TEXT, queryCovered, type PageText } from './striking-coverage.js';

/** Which page × query pairs are within striking distance. */
export interface StrikingOptions {
  /** Weighted average position from (default 8)… */
  minPosition: number;
  /** …to (default 20): the bottom of page one and page two. */
  maxPosition: number;
  /** Impressions in the window (default 50). */
  minImpressions: number;
  /** The position the CTR gain is estimated at (default 3). */
  targetPosition: number;
}

export const STRIKING_DEFAULTS: StrikingOptions = {
  minPosition: 8,
  maxPosition: 20,
  minImpressions: 50,
  targetPosition: 3,
};

/** Pure: the pairs in the position band with enough impressions (before the coverage check). */
export function inStrikingDistance(pairs: PairRow[], opts: StrikingOptions = STRIKING_DEFAULTS): PairRow[] {
  return pairs.filter(
    (p) =>
      p.impressions >= opts.minImpressions &&
      p.position >= opts.minPosition &&
      p.position <= opts.maxPosition,
  );
}

/**
 * Pure: striking-distance queries the page does not cover yet (see queryCovered), valued at
 * impressions × (CTR at targetPosition − CTR now).
 */
export function strikingCandidates(
  pairs: PairRow[],
  pages: SitePages,
  texts: Map<string, PageText>,
  window: CandidateWindow,
  opts: StrikingOptions = STRIKING_DEFAULTS,
): RefreshCandidate[] {
  const out: RefreshCandidate[] = [];
  for (const p of inStrikingDistance(pairs, opts)) {
    const page = pages.lookup(p.page);
    const text = texts.get(p.page) ?? { source: 'none', title: '', headings: [], body: '', keywords: [] };
    if (queryCovered(p.query, text) !== null) continue;
    const gain = Math.max(0, p.impressions * (ctrAt(opts.targetPosition) - ctrAt(p.position)));
    out.push({
      kind: 'striking',
      page,
      queries: [p.query],
      reason:
        `"${p.query}" had ${fmt(p.impressions)} impressions at average position ${p.position.toFixed(1)} ` +
        `(${fmt(p.clicks)} clicks) in the last ${window.days} days` +
        (text.source === 'none'
          ? `; the page is neither in the inventory nor one of our articles, so its text could not be checked`
          : `, and the page does not cover it yet (checked ${CHECKED_TEXT[text.source]})`) +
        `; at position ${opts.targetPosition} that is ≈${fmt(gain)} more clicks.`,
      metrics: {
        impressions: p.impressions,
        clicks: p.clicks,
        position: round2(p.position),
        ctr: p.impressions > 0 ? round2((p.clicks / p.impressions) * 100) / 100 : 0,
        estimatedGain: round2(gain),
      },
      score: round2(gain),
    });
  }
  return out;
}
