import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-initial.js';
import * as m0002 from './0002-keyword-indexes.js';
import * as m0004 from './0004-run-records.js';

/** Static and ordered, so migrations work from the built package without reading a folder. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-keyword-indexes': m0002,
  '0004-run-records': m0004,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
