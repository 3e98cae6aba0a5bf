import type { CompiledQuery } from 'kysely';
import { cacheKey, cacheStamp } from './cache-stamp.js';
import type { Db } from './transaction.js';
import type { WriteTrackerPlugin } from './write-tracker-plugin.js';

interface Entry {
  stamp: string;
  n: number;
}

const MAX_ENTRIES = 500;
const caches = new WeakMap<WriteTrackerPlugin, Map<string, Entry>>();

/** A query whose one row holds the count in `n` (`select count(*) as n …`). */
export interface CountQuery {
  compile(): CompiledQuery<{ n: number | string | bigint }>;
}

/**
 * An exact count, remembered until one of `tables` may have changed. Paginated lists return the
 * total with every page, and counting 100,000 rows costs milliseconds each time while a dashboard
 * asks for the same total again and again. A remembered count is reused only while this
 * connection has not written to `tables` and no other connection has committed anything (SQLite's
 * data_version); inside a transaction, and on PostgreSQL, the query runs every time.
 * @example const total = await cachedCount(db, ['keywords'], q.select(sql`count(*)`.as('n')))
 */
export async function cachedCount(db: Db, tables: readonly string[], query: CountQuery): Promise<number> {
  const compiled = query.compile();
  const count = async () => Number((await db.executeQuery(compiled)).rows[0]?.n ?? 0);
  const at = cacheStamp(db, tables);
  if (at === null) return count();
  const { tracker, stamp } = at;
  const key = cacheKey(compiled);
  let cache = caches.get(tracker);
  if (cache === undefined) caches.set(tracker, (cache = new Map()));
  const hit = cache.get(key);
  if (hit !== undefined && hit.stamp === stamp) return hit.n;
  const n = await count();
  cache.delete(key);
  cache.set(key, { stamp, n });
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return n;
}
