import type { Db } from '../db/index.js';
import type { SiteScope } from '../tenancy/scope.js';
import { rankCandidates } from './candidates-rank.js';

/** At most this many sections are added by default: a refresh is an edit, not a new article. */
const DEFAULT_QUERY_COUNT = 5;

/**
 * The queries a refresh adds sections for when none are given: the page's striking-distance
 * queries (weighted position 8–20, enough impressions) that it does not cover yet, best first —
 * the same ranking `igny8 refresh candidates --kind striking` shows. Empty without Search Console data.
 */
export async function defaultRefreshQueries(db: Db, scope: SiteScope, pageUrl: string): Promise<string[]> {
  const { candidates } = await rankCandidates(db, scope, {
    kinds: ['striking'],
    page: pageUrl,
    limit: DEFAULT_QUERY_COUNT,
  });
  return [...new Set(candidates.flatMap((c) => c.queries.slice(0, 1)))].slice(0, DEFAULT_QUERY_COUNT);
}
