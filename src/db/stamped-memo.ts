import { cacheStamp } from './cache-stamp.js';
import type { Db } from './transaction.js';

/** Where a value was read: the connection's write tracker and the stamp of the tables it came from. */
export type ReadAt = NonNullable<ReturnType<typeof cacheStamp>>;

export interface StampedMemo<V> {
  /** The stamp to read and remember under, or null when nothing may be remembered (see cacheStamp). */
  at(db: Db): ReadAt | null;
  /** The value remembered for `key` under `at`'s stamp, else undefined. */
  get(at: ReadAt | null, key: string): V | undefined;
  /** Remember `value`, read under `at` (taken before the read: a write in between moves the stamp). */
  set(at: ReadAt | null, key: string, value: V): void;
  delete(at: ReadAt | null, key: string): void;
}

/**
 * Values read from `tables`, remembered per connection until one of them may have changed (a write
 * on this connection, any commit by another: the rule of cachedCount), at most `max` per connection,
 * least recently stored dropped first. On PostgreSQL and inside transactions nothing is remembered.
 * @example const accounts = stampedMemo<AccountRow>(['accounts'], 1000)
 */
export function stampedMemo<V>(tables: readonly string[], max: number): StampedMemo<V> {
  const byTracker = new WeakMap<object, Map<string, { stamp: string; value: V }>>();
  return {
    at: (db) => cacheStamp(db, tables),
    get(at, key) {
      if (at === null) return undefined;
      const hit = byTracker.get(at.tracker)?.get(key);
      return hit !== undefined && hit.stamp === at.stamp ? hit.value : undefined;
    },
    set(at, key, value) {
      if (at === null) return;
      let map = byTracker.get(at.tracker);
      if (map === undefined) byTracker.set(at.tracker, (map = new Map()));
      map.delete(key);
      map.set(key, { stamp: at.stamp, value });
      while (map.size > max) map.delete(map.keys().next().value!);
    },
    delete(at, key) {
      if (at !== null) byTracker.get(at.tracker)?.delete(key);
    },
  };
}
