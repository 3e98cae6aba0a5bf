import type { CompiledQuery } from 'kysely';
import { inTransaction, type Db } from './transaction.js';
import { WriteTrackerPlugin } from './write-tracker-plugin.js';

function trackerOf(db: Db): WriteTrackerPlugin | undefined {
  for (const p of db.getExecutor().plugins) if (p instanceof WriteTrackerPlugin) return p;
  return undefined;
}

/**
 * What a result derived from `tables` may be remembered under: the connection's write tracker and
 * a stamp that changes whenever this connection writes one of `tables` or another connection
 * commits anything (SQLite's data_version). Null when nothing may be remembered: inside a
 * transaction, on PostgreSQL (no tracker), or when data_version cannot be read now.
 * @example const at = cacheStamp(db, ['keywords']); if (at && hit?.stamp === at.stamp) return hit.value
 */
export function cacheStamp(
  db: Db,
  tables: readonly string[],
): { tracker: WriteTrackerPlugin; stamp: string } | null {
  const tracker = trackerOf(db);
  if (tracker === undefined || inTransaction(db)) return null;
  const version = tracker.dataVersion();
  if (version === null) return null;
  return { tracker, stamp: `${version}/${tracker.stamp(tables)}` };
}

/** A cache key for a compiled query: its SQL and its parameters. */
export function cacheKey(compiled: CompiledQuery): string {
  return JSON.stringify([compiled.sql, compiled.parameters], (_k, v: unknown) =>
    typeof v === 'bigint' ? `${v}n` : v,
  );
}
