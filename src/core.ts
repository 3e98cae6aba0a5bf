import path from 'node:path';
import type { Igny8Config } from './config/index.js';
import { createDb, pendingMigrations, type Db, type DbHandle, type DialectName } from './db/index.js';
import { Igny8Error } from './errors/index.js';
// @core-imports (one line per module; keep sorted)

export interface CreateCoreOptions {
  config: Igny8Config;
  /** Folder that relative paths in the config resolve against. */
  baseDir?: string;
  /** Use an already-open database instead of config.database.url (tests). */
  db?: DbHandle;
  /** Refuse to start when migrations are pending (default true; `igny8 migrate` passes false). */
  requireMigrated?: boolean;
}

export interface Core {
  config: Igny8Config;
  baseDir: string;
  db: Db;
  dialect: DialectName;
  dbDisplayUrl: string;
  /** Resolve a path from the config against baseDir. */
  resolvePath(p: string): string;
  close(): Promise<void>;
  // @core-services (one line per module)
}

/** The one composition root: config in, services out. Nothing here prints or exits. */
export async function createCore(options: CreateCoreOptions): Promise<Core> {
  const { config } = options;
  const baseDir = options.baseDir ?? process.cwd();
  const handle =
    options.db ?? (await createDb(config.database.url, { baseDir, poolSize: config.database.poolSize }));
  if (options.requireMigrated !== false) {
    const pending = await pendingMigrations(handle.db);
    if (pending.length > 0) {
      if (!options.db) await handle.close();
      throw new Igny8Error(
        'MIGRATIONS_PENDING',
        `${pending.length} database migration(s) pending (${pending.join(', ')})`,
        {
          hint: 'Run `igny8 migrate up` (or `igny8 init` in a new folder).',
        },
      );
    }
  }
  const db = handle.db;
  const resolvePath = (p: string) => path.resolve(baseDir, p);
  // @core-wiring (construct services here, in dependency order)
  return {
    config,
    baseDir,
    db,
    dialect: handle.dialect,
    dbDisplayUrl: handle.displayUrl,
    resolvePath,
    close: async () => {
      if (!options.db) await handle.close();
    },
    // @core-return
  };
}
