import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-initial.js';
import * as m0002 from './0002-keyword-indexes.js';
import * as m0009 from './0009-shared-media.js';

/** Static and ordered, so migrations work from the built package without reading a folder. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-keyword-indexes': m0002,
  '0009-shared-media': m0009,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
