import { sql, SqliteAdapter, type Kysely } from 'kysely';
import { isRetryableTransactionError } from './pg-error.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

const inTrx = new WeakSet<object>();

/** Whether `db` is inside a transaction (Kysely's, or one opened by `transaction`). */
export function inTransaction(db: Db): boolean {
  return db.isTransaction || inTrx.has(db);
}

export function isSqlite(db: Db): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

/**
 * Run `fn` in one transaction — the unit of every mutation. Nested calls join the outer one.
 * On SQLite it starts with BEGIN IMMEDIATE: taking the write lock up front means concurrent
 * processes wait on busy_timeout instead of failing on a read-to-write lock upgrade.
 */
export async function transaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  if (inTransaction(db)) return fn(db);
  if (!isSqlite(db)) return pgTransaction(db, fn);
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    inTrx.add(conn);
    try {
      const result = await fn(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (err) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw err;
    } finally {
      inTrx.delete(conn);
    }
  });
}

const PG_ATTEMPTS = 2;

/**
 * A PostgreSQL transaction that runs again (once, after a short random pause) when the
 * database rolled it back for a lock timeout, a deadlock or a serialization failure. Safe because a
 * transaction body holds database work only — never a provider call or other outside effect.
 */
async function pgTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(fn);
    } catch (err) {
      if (attempt >= PG_ATTEMPTS || !isRetryableTransactionError(err)) throw err;
      await new Promise((r) => setTimeout(r, 20 + Math.random() * 80 * attempt));
    }
  }
}
