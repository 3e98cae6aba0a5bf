export { createDb, sqlitePath, type CreateDbOptions, type DbHandle, type DialectName } from './create-db.js';
export {
  migrateDown,
  migrateUp,
  migrationStatus,
  pendingMigrations,
  MIGRATION_NAMES,
  type MigrationStatus,
} from './migrate.js';
export { transaction, inTransaction, isSqlite, type Db } from './transaction.js';
export { cachedCount } from './cached-count.js';
export { cachedIds } from './cached-ids.js';
export { cacheStamp } from './cache-stamp.js';
export { stampedMemo, type ReadAt, type StampedMemo } from './stamped-memo.js';
export type * from './schema.js';
export { checkReadiness, type Readiness } from './readiness.js';
export { backupDatabase, type BackupResult } from './backup-database.js';
