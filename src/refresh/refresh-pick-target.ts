import type { Db } from '../db/index.js';
import type { SiteScope } from '../tenancy/scope.js';
import { rankCandidates } from './candidates-rank.js';
import { pageKey } from './candidates-page-key.js';
import { recentRefreshUrls } from './refresh.repository.js';

/** A page refreshed this recently is left alone: its new version needs time to be measured. */
const RESTING_DAYS = 28;

export interface RefreshTarget {
  /** What `refresh.run` takes: the inventory id or the igny8 article id. */
  post: string;
  url: string;
  /** The candidate's reason, recorded on the schedule slot. */
  reason: string;
}

/**
 * The page a scheduled refresh takes: the best-ranked decay or striking-distance candidate that
 * igny8 can fetch (imported into the inventory, or published by igny8), with no refresh open and none
 * in the last 28 days. Null when there is none — the slot says so instead of refreshing at random.
 */
export async function pickRefreshTarget(
  db: Db,
  scope: SiteScope,
  now: Date = new Date(),
): Promise<RefreshTarget | null> {
  const { candidates } = await rankCandidates(db, scope, { kinds: ['decay', 'striking'], limit: 100 });
  const since = new Date(now.getTime() - RESTING_DAYS * 86_400_000).toISOString();
  const resting = new Set((await recentRefreshUrls(db, scope, since)).map(pageKey));
  for (const c of candidates) {
    const post = c.page.inventoryId ?? c.page.contentId;
    if (!post || resting.has(pageKey(c.page.url))) continue;
    return { post, url: c.page.url, reason: c.reason };
  }
  return null;
}
