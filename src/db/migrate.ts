import { Migrator, sql, type DatabaseIntrospector, type MigrationResult, type TableMetadata } from 'kysely';
import { Igny8Error } from '../errors/index.js';
import { migrationProvider, MIGRATIONS } from './migrations/index.js';
import { isSqlite, type Db } from './transaction.js';

export interface MigrationStatus {
  name: string;
  executedAt: string | null;
}

/**
 * What the Migrator asks about the database, answered for one schema. Kysely's own PostgreSQL
 * introspector reads every column of every schema (slow with many schemas) and fails with "schema
 * does not exist" when another schema is dropped while it reads.
 */
function schemaIntrospector(db: Db, schema: string): DatabaseIntrospector {
  const getTables = async (): Promise<TableMetadata[]> => {
    const { rows } = await sql<{ name: string }>`
      select table_name as name from information_schema.tables where table_schema = ${schema}`.execute(db);
    return rows.map((r) => ({ name: r.name, schema, isView: false, columns: [] }));
  };
  return {
    async getSchemas() {
      const { rows } = await sql<{ name: string }>`
        select nspname as name from pg_catalog.pg_namespace where nspname = ${schema}`.execute(db);
      return rows;
    },
    getTables,
    getMetadata: async () => ({ tables: await getTables() }),
  };
}

/**
 * SQLite's tables by name only. The Migrator only asks whether its two tables exist; Kysely's own
 * SQLite introspector reads every column of every table (one query per table, ~100 ms of a CLI
 * command's start on a migrated database, P11).
 */
function sqliteIntrospector(db: Db): DatabaseIntrospector {
  const getTables = async (): Promise<TableMetadata[]> => {
    const { rows } = await sql<{ name: string }>`
      select name from sqlite_master where type = 'table'`.execute(db);
    return rows.map((r) => ({ name: r.name, isView: false, columns: [] }));
  };
  return { getSchemas: async () => [], getTables, getMetadata: async () => ({ tables: await getTables() }) };
}

/** `db` with another introspector; its methods stay bound to the real instance (they use private fields). */
function withIntrospector(db: Db, introspection: DatabaseIntrospector): Db {
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'introspection') return introspection;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * On PostgreSQL, pin Kysely's bookkeeping tables to the current schema: by default it looks for its
 * lock table in any schema, so a database holding several igny8 schemas would trip over another's.
 */
async function migrator(db: Db): Promise<Migrator> {
  if (isSqlite(db)) {
    return new Migrator({ db: withIntrospector(db, sqliteIntrospector(db)), provider: migrationProvider });
  }
  const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(db);
  const schema = rows[0]?.s ?? 'public';
  return new Migrator({
    db: withIntrospector(db, schemaIntrospector(db, schema)),
    provider: migrationProvider,
    migrationTableSchema: schema,
  });
}

function check(results: MigrationResult[] | undefined, error: unknown): string[] {
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Igny8Error(
      'MIGRATION_FAILED',
      `Migration ${failed} failed: ${(error as Error).message ?? error}`,
      {
        cause: error,
      },
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * Run migrations on one PostgreSQL connection without the session limits (database.*TimeoutMs): an
 * index over a big table may take longer than a statement may, and a second `migrate up` should wait
 * for the first's lock rather than fail. SQLite has no such limits.
 */
async function unlimited<T>(db: Db, fn: (db: Db) => Promise<T>): Promise<T> {
  if (isSqlite(db) || db.isTransaction) return fn(db);
  return db.connection().execute(async (conn) => {
    await sql`set statement_timeout = 0`.execute(conn);
    await sql`set lock_timeout = 0`.execute(conn);
    await sql`set idle_in_transaction_session_timeout = 0`.execute(conn);
    try {
      return await fn(conn);
    } finally {
      // The connection goes back to the pool: give it the limits it was opened with.
      await sql`reset statement_timeout`.execute(conn).catch(() => undefined);
      await sql`reset lock_timeout`.execute(conn).catch(() => undefined);
      await sql`reset idle_in_transaction_session_timeout`.execute(conn).catch(() => undefined);
    }
  });
}

/** Apply every pending migration; returns the names applied. */
export async function migrateUp(db: Db): Promise<string[]> {
  const { results, error } = await unlimited(db, async (conn) => (await migrator(conn)).migrateToLatest());
  return check(results, error);
}

/** Undo the latest migration (or all with `all`); returns the names reverted. */
export async function migrateDown(db: Db, all = false): Promise<string[]> {
  const { NO_MIGRATIONS } = await import('kysely');
  const { results, error } = await unlimited(db, async (conn) => {
    const m = await migrator(conn);
    return all ? m.migrateTo(NO_MIGRATIONS) : m.migrateDown();
  });
  return check(results, error);
}

export async function migrationStatus(db: Db): Promise<MigrationStatus[]> {
  const list = await (await migrator(db)).getMigrations();
  return list.map((m) => ({
    name: m.name,
    executedAt: m.executedAt ? new Date(m.executedAt).toISOString() : null,
  }));
}

export async function pendingMigrations(db: Db): Promise<string[]> {
  return (await migrationStatus(db)).filter((m) => !m.executedAt).map((m) => m.name);
}

export const MIGRATION_NAMES = Object.keys(MIGRATIONS);
