import type {
  CandidatePageShare,
  CandidateWindow,
  MergePlan,
  Redirect,
} from '../api-contract/refresh-candidates.schema.js';
import { fmt } from './candidates-ctr.js';

export type MergePage = CandidatePageShare & { inboundLinks: number };

export const MERGE_NOTE =
  "A proposal only: nothing is redirected, unpublished or deleted automatically. Merge the weaker pages' " +
  'useful content into the page kept, then add the redirects on the site.';

// A page with no impressions has position 0 in the figures; it ranks after every real position.
const pos = (p: MergePage) => (p.impressions > 0 && p.position > 0 ? p.position : Number.POSITIVE_INFINITY);

/** Pure: the page to keep first — most clicks, then best position, then most internal links, then URL. */
export function byKeepOrder(a: MergePage, b: MergePage): number {
  return (
    b.clicks - a.clicks ||
    pos(a) - pos(b) ||
    b.inboundLinks - a.inboundLinks ||
    (a.url < b.url ? -1 : a.url > b.url ? 1 : 0)
  );
}

function whyKept(keep: MergePage, next: MergePage): string {
  if (keep.clicks !== next.clicks)
    return `${keep.url} is kept: it has the most clicks (${fmt(keep.clicks)} against ${fmt(next.clicks)} for the next page).`;
  if (pos(keep) !== pos(next))
    return `${keep.url} is kept: clicks tie at ${fmt(keep.clicks)}, and it has the best average position (${keep.position.toFixed(1)} against ${Number.isFinite(pos(next)) ? next.position.toFixed(1) : 'none'}).`;
  if (keep.inboundLinks !== next.inboundLinks)
    return `${keep.url} is kept: clicks and position tie, and it has the most internal links pointing to it (${keep.inboundLinks} against ${next.inboundLinks}).`;
  return `${keep.url} is kept: clicks, position and internal links tie, so the first URL in order is proposed.`;
}

/** Pure: the path a redirect is written for (as the site serves it, not lower-cased). */
export function redirectPath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/**
 * Pure: which page to keep (most clicks, then best position, then most internal links — and why)
 * and a 301 from every other page to it. Nothing is deleted: it is a plan to review.
 * @example planMerge('cold brew', window, pages)
 */
export function planMerge(
  query: string | null,
  window: CandidateWindow | null,
  pages: MergePage[],
  ignored: CandidatePageShare[] = [],
): MergePlan {
  const sorted = [...pages].sort(byKeepOrder);
  const [keep, ...rest] = sorted;
  if (!keep)
    return {
      query,
      window,
      keep: null,
      why: `No page of this site has impressions${query ? ` for "${query}"` : ''} in the window: nothing to merge.`,
      pages: [],
      ignored,
      redirects: [],
      note: MERGE_NOTE,
    };
  const redirects: Redirect[] = rest.map((p) => ({
    from: redirectPath(p.url),
    fromUrl: p.url,
    to: keep.url,
    code: 301,
  }));
  return {
    query,
    window,
    keep,
    why:
      (rest[0]
        ? whyKept(keep, rest[0])
        : `Only ${keep.url} ranks${query ? ` for "${query}"` : ''}: nothing to merge.`) +
      (ignored.length > 0
        ? ` ${ignored.length} page${ignored.length === 1 ? '' : 's'} with a tiny share of the impressions ${ignored.length === 1 ? 'is' : 'are'} left out.`
        : ''),
    pages: sorted,
    ignored,
    redirects,
    note: MERGE_NOTE,
  };
}
