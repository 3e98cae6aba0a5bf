import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { Igny8Error } from '../errors/index.js';
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

async function createPostgres(url: string, options: CreateDbOptions): Promise<DbHandle> {
  const { default: pg } = await import('pg');
  // Counts and sums come back as int8; our values fit in a double, and strings would leak into the domain.
  pg.types.setTypeParser(20, (v) => Number(v));
  pg.types.setTypeParser(1700, (v) => Number(v));
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new StripNulPlugin()],
  });
  return {
    db,
    dialect: 'postgres',
    displayUrl: url.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:••••@'),
    close: () => db.destroy(),
  };
}
