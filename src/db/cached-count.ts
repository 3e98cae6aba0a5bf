import type { CompiledQuery } from 'kysely';
import { inTransaction, type Db } from './transaction.js';
import { WriteTrackerPlugin } from './write-tracker-plugin.js';

interface Entry {
  stamp: string;
  n: number;
}

const MAX_ENTRIES = 500;
const caches = new WeakMap<WriteTrackerPlugin, Map<string, Entry>>();

function trackerOf(db: Db): WriteTrackerPlugin | undefined {
  for (const p of db.getExecutor().plugins) if (p instanceof WriteTrackerPlugin) return p;
  return undefined;
}

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
  const tracker = trackerOf(db);
  if (tracker === undefined || inTransaction(db)) return count();
  const version = tracker.dataVersion();
  if (version === null) return count();
  const stamp = `${version}/${tracker.stamp(tables)}`;
  const key = JSON.stringify([compiled.sql, compiled.parameters], (_k, v: unknown) =>
    typeof v === 'bigint' ? `${v}n` : v,
  );
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
