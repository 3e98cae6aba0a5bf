import { Migrator, sql, type MigrationResult } from 'kysely';
import { Igny8Error } from '../errors/index.js';
import { migrationProvider, MIGRATIONS } from './migrations/index.js';
import { isSqlite, type Db } from './transaction.js';

export interface MigrationStatus {
  name: string;
  executedAt: string | null;
}

/**
 * On PostgreSQL, pin Kysely's bookkeeping tables to the current schema: by default it looks for its
 * lock table in any schema, so a database holding several igny8 schemas would trip over another's.
 */
async function migrator(db: Db): Promise<Migrator> {
  if (isSqlite(db)) return new Migrator({ db, provider: migrationProvider });
  const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(db);
  return new Migrator({ db, provider: migrationProvider, migrationTableSchema: rows[0]?.s ?? 'public' });
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

/** Apply every pending migration; returns the names applied. */
export async function migrateUp(db: Db): Promise<string[]> {
  const { results, error } = await (await migrator(db)).migrateToLatest();
  return check(results, error);
}

/** Undo the latest migration (or all with `all`); returns the names reverted. */
export async function migrateDown(db: Db, all = false): Promise<string[]> {
  const m = await migrator(db);
  if (all) {
    const { NO_MIGRATIONS } = await import('kysely');
    const { results, error } = await m.migrateTo(NO_MIGRATIONS);
    return check(results, error);
  }
  const { results, error } = await m.migrateDown();
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
