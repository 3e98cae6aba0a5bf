import type { CompiledQuery } from 'kysely';
import { cacheKey, cacheStamp } from './cache-stamp.js';
import type { Db } from './transaction.js';
import type { WriteTrackerPlugin } from './write-tracker-plugin.js';

/** Ids in one remembered list, and in all of a connection's lists (a few tens of bytes each). */
export const MAX_IDS_PER_LIST = 250_000;
const MAX_IDS = 500_000;

interface Entry {
  stamp: string;
  /** Null: asked for once under this stamp, not read yet. */
  ids: readonly string[] | null;
}

interface Cache {
  entries: Map<string, Entry>;
  size: number;
}

const caches = new WeakMap<WriteTrackerPlugin, Cache>();

/** A query that returns the ids of a list in the list's order (`select id … order by …`). */
export interface IdsQuery {
  compile(): CompiledQuery<{ id: string }>;
}

/**
 * The ids of an ordered list, remembered until one of `tables` may have changed (the same rule as
 * cachedCount), or null when they are not: then read the page another way. A deep page of a long
 * list costs a walk over every row it skips (50,000 index entries for the middle of 100,000
 * keywords, per request); with the ids at hand it is one lookup of the page's own rows. Reading the
 * whole list costs about as much as 20 such walks, so it is read only when the same list is asked
 * for a second time under the same stamp: a list that changes between asks (an import is
 * running) keeps the walk. Lists longer than `MAX_IDS_PER_LIST` (`expected`, the list's count) are
 * never remembered.
 * @example const ids = await cachedIds(db, ['keywords'], q.select('id').orderBy('volume', 'desc'), total)
 */
export async function cachedIds(
  db: Db,
  tables: readonly string[],
  query: IdsQuery,
  expected: number,
): Promise<readonly string[] | null> {
  if (expected > MAX_IDS_PER_LIST) return null;
  const at = cacheStamp(db, tables);
  if (at === null) return null;
  let cache = caches.get(at.tracker);
  if (cache === undefined) caches.set(at.tracker, (cache = { entries: new Map(), size: 0 }));
  const compiled = query.compile();
  const key = cacheKey(compiled);
  const hit = cache.entries.get(key);
  if (hit !== undefined && hit.stamp === at.stamp && hit.ids !== null) {
    // Re-inserting moves it to the end: Map order is the recency order.
    cache.entries.delete(key);
    cache.entries.set(key, hit);
    return hit.ids;
  }
  forget(cache, key);
  if (hit === undefined || hit.stamp !== at.stamp) {
    cache.entries.set(key, { stamp: at.stamp, ids: null });
    return null;
  }
  const ids = (await db.executeQuery(compiled)).rows.map((r) => r.id);
  if (ids.length > MAX_IDS_PER_LIST) return ids;
  cache.entries.set(key, { stamp: at.stamp, ids });
  cache.size += ids.length;
  // Least recently used first (Map order); marks without ids are dropped along the way.
  for (const k of cache.entries.keys()) {
    if (cache.size <= MAX_IDS && cache.entries.size <= 64) break;
    if (k !== key) forget(cache, k);
  }
  return ids;
}

function forget(cache: Cache, key: string): void {
  const e = cache.entries.get(key);
  if (e === undefined) return;
  cache.size -= e.ids?.length ?? 0;
  cache.entries.delete(key);
}
