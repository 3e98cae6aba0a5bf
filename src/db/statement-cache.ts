import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** What we need of a better-sqlite3 Database (its statements also tell whether they are mid-iteration). */
export interface RawSqlite {
  close(): void;
  prepare(sql: string): SqliteStatement & { readonly busy: boolean };
}

/** Statements kept; the few with very long SQL (multi-row INSERTs) have their own smaller allowance. */
const MAX_STATEMENTS = 256;
const MAX_LONG_STATEMENTS = 4;
const LONG_SQL = 10_000;

/**
 * better-sqlite3 behind a cache of prepared statements, for Kysely. Kysely prepares every query
 * anew, and preparing costs about as much as running a small indexed query (a 2,000-row INSERT:
 * milliseconds), while repositories send the same SQL text over and over. Least recently used
 * statements are dropped first. A statement still being iterated is never handed out twice.
 */
export function withStatementCache(raw: RawSqlite): SqliteDatabase {
  const short = new Map<string, SqliteStatement & { readonly busy: boolean }>();
  const long = new Map<string, SqliteStatement & { readonly busy: boolean }>();
  return {
    close() {
      short.clear();
      long.clear();
      raw.close();
    },
    prepare(sql: string): SqliteStatement {
      const cache = sql.length > LONG_SQL ? long : short;
      const hit = cache.get(sql);
      if (hit !== undefined) {
        if (hit.busy) return raw.prepare(sql);
        // Re-inserting moves it to the end: Map order is the recency order.
        cache.delete(sql);
        cache.set(sql, hit);
        return hit;
      }
      const stmt = raw.prepare(sql);
      cache.set(sql, stmt);
      if (cache.size > (cache === long ? MAX_LONG_STATEMENTS : MAX_STATEMENTS))
        cache.delete(cache.keys().next().value!);
      return stmt;
    },
  };
}
