import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { Pool as PgPool, PoolClient as PgPoolClient } from 'pg';
import { Igny8Error } from '../errors/index.js';
import { classifyPgConnectError, classifyPgQueryError } from './pg-error.js';
import type { Database } from './schema.js';
import { withStatementCache } from './statement-cache.js';
import { StripNulPlugin } from './strip-nul-plugin.js';
import { WriteTrackerPlugin } from './write-tracker-plugin.js';

export type DialectName = 'sqlite' | 'postgres';

export interface DbHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  /** The URL with any password masked, safe to print. */
  displayUrl: string;
  close(): Promise<void>;
}

export interface CreateDbOptions {
  /** Relative sqlite paths resolve against this folder. */
  baseDir?: string;
  poolSize?: number;
  /** PostgreSQL session limits (config `database.*TimeoutMs`). */
  timeouts?: PgTimeouts;
}

/** The one place that knows which database we talk to. */
export async function createDb(url: string, options: CreateDbOptions = {}): Promise<DbHandle> {
  if (url.startsWith('sqlite:')) return createSqlite(url, options);
  if (/^postgres(ql)?:\/\//.test(url)) return createPostgres(url, options);
  throw new Igny8Error('DATABASE_URL_INVALID', `Unsupported database URL "${url.split(':')[0]}:…"`, {
    hint: 'Use sqlite:./igny8.db or postgres://user:password@host:5432/db in database.url or IGNY8_DATABASE_URL.',
  });
}

/** Resolve a sqlite: URL to a file path (or ":memory:"). */
export function sqlitePath(url: string, baseDir = process.cwd()): string {
  const rest = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
  if (rest === ':memory:' || rest === '') return ':memory:';
  return path.resolve(baseDir, rest);
}

async function createSqlite(url: string, options: CreateDbOptions): Promise<DbHandle> {
  const { default: SQLite } = await import('better-sqlite3');
  const file = sqlitePath(url, options.baseDir);
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  let raw: InstanceType<typeof SQLite>;
  try {
    raw = new SQLite(file);
  } catch (cause) {
    throw new Igny8Error(
      'DATABASE_UNAVAILABLE',
      `Cannot open SQLite database ${file}: ${(cause as Error).message}`,
      {
        hint: 'Check that the folder exists and is writable.',
        cause,
      },
    );
  }
  // WAL lets readers and one writer work at once; the busy timeout lets several processes share the file.
  raw.pragma('journal_mode = WAL');
  raw.pragma('busy_timeout = 15000');
  raw.pragma('foreign_keys = ON');
  raw.pragma('synchronous = NORMAL');
  const conn = raw;
  // Read straight from the connection (no Kysely round trip); a busy connection just means "unknown".
  const dataVersionStmt = raw.prepare('pragma data_version').pluck();
  const dataVersion = (): number | null => {
    try {
      return dataVersionStmt.get() as number;
    } catch {
      return null;
    }
  };
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(raw) }),
    plugins: [new StripNulPlugin(), new WriteTrackerPlugin(dataVersion)],
  });
  return {
    db,
    dialect: 'sqlite',
    displayUrl: `sqlite:${file}`,
    close: async () => {
      // SQLite's advice for long-lived connections: refresh planner statistics where they went stale.
      // Cheap (it analyzes only what changed a lot); a failure must not keep the file from closing.
      try {
        if (conn.open) {
          // Never wait for another process's write lock here: statistics can wait for the next close.
          conn.pragma('busy_timeout = 0');
          conn.pragma('optimize');
        }
      } catch {
        // read-only file or another writer holds the lock
      }
      await db.destroy();
    },
  };
}

/** PostgreSQL session limits that keep one stalled process from freezing the others (0 = off). */
export interface PgTimeouts {
  lockTimeoutMs?: number;
  idleInTransactionTimeoutMs?: number;
  statementTimeoutMs?: number;
}

async function createPostgres(url: string, options: CreateDbOptions): Promise<DbHandle> {
  const { default: pg } = await import('pg');
  // Counts and sums come back as int8; our values fit in a double, and strings would leak into the domain.
  pg.types.setTypeParser(20, (v) => Number(v));
  pg.types.setTypeParser(1700, (v) => Number(v));
  const t = options.timeouts ?? {};
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 15_000,
    // Sent as startup parameters: a process stopped mid-transaction (SIGSTOP, a frozen VM) loses its
    // connection and its row locks, and nobody waits on a lock or a statement forever.
    ...(t.lockTimeoutMs ? { lock_timeout: t.lockTimeoutMs } : {}),
    ...(t.idleInTransactionTimeoutMs
      ? { idle_in_transaction_session_timeout: t.idleInTransactionTimeoutMs }
      : {}),
    ...(t.statementTimeoutMs ? { statement_timeout: t.statementTimeoutMs } : {}),
  });
  // A connection the server ended (idle timeout, restart) must not crash the process: the pool drops
  // it, and the query that used it fails with DATABASE_CONNECTION_LOST.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: classifiedPool(pool, url) }),
    plugins: [new StripNulPlugin()],
  });
  return {
    db,
    dialect: 'postgres',
    displayUrl: url.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:••••@'),
    close: () => db.destroy(),
  };
}

/**
 * The pool as Kysely sees it, with infrastructure failures (cannot connect, lock or statement
 * timeout, connection ended) turned into igny8 codes; constraint errors pass through untouched.
 */
function classifiedPool(pool: PgPool, url: string) {
  const wrap = (client: PgPoolClient) =>
    new Proxy(client, {
      get(target, prop, receiver) {
        if (prop !== 'query') return Reflect.get(target, prop, receiver) as unknown;
        return (...args: unknown[]) => {
          const r = (target.query as (...a: unknown[]) => unknown).apply(target, args);
          // Only promises (Kysely's queries); cursors and callbacks are returned as they are.
          if (r instanceof Promise)
            return r.catch((err: unknown) => {
              throw classifyPgQueryError(err) ?? err;
            });
          return r;
        };
      },
    });
  return {
    async connect() {
      try {
        return wrap(await pool.connect());
      } catch (err) {
        throw classifyPgConnectError(err, url) ?? err;
      }
    },
    end: () => pool.end(),
  };
}
