/** How to read one page of an ordered list: `limit` rows after skipping `offset`, maybe from the end. */
export interface PagePlan {
  limit: number;
  offset: number;
  /** Read in the reverse order (then put the page back in the list's order). */
  reversed: boolean;
}

/**
 * Plan a page from whichever end of the list is nearer. Skipping rows costs in proportion to the
 * rows skipped even on an index that holds the order, so the last page of 100,000 rows read
 * forwards costs 100,000 steps and read backwards costs one page. Needs the exact total (the lists
 * count with cachedCount anyway). `limit` 0 means the page is past the end.
 * @example nearerEnd(1000, 50, 960) // { limit: 40, offset: 0, reversed: true }
 */
export function nearerEnd(total: number, limit: number, offset: number): PagePlan {
  const take = Math.max(0, Math.min(limit, total - offset));
  const fromEnd = total - offset - take;
  if (take === 0 || fromEnd >= offset) return { limit: take, offset, reversed: false };
  return { limit: take, offset: fromEnd, reversed: true };
}
