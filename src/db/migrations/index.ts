import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-initial.js';
import * as m0002 from './0002-keyword-indexes.js';
import * as m0008 from './0008-team-server.js';

/** Static and ordered, so migrations work from the built package without reading a folder. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-keyword-indexes': m0002,
  '0008-team-server': m0008,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
