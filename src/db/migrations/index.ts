import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-initial.js';
import * as m0002 from './0002-keyword-indexes.js';
import * as m0003 from './0003-usage-estimates.js';
import * as m0004 from './0004-run-records.js';
import * as m0005 from './0005-schedules-notifications.js';
import * as m0007 from './0007-links-inventory.js';
import * as m0008 from './0008-team-server.js';
import * as m0009 from './0009-shared-media.js';
import * as m0010 from './0010-read-paths.js';
import * as m0011 from './0011-run-results-by-stage-key.js';
import * as m0012 from './0012-prompt-cache.js';
import * as m0013 from './0013-ai-batches.js';
import * as m0014 from './0014-knowledge-base.js';
import * as m0019 from './0019-destination-kind-unchecked.js';
import * as m0020 from './0020-usage-batch-saved.js';
import * as m0021 from './0021-language.js';
import * as m0022 from './0022-search-console.js';
import * as m0023 from './0023-content-refreshes.js';
import * as m0025 from './0025-batch-submitting.js';
import * as m0027 from './0027-search-console-connections.js';
import * as m0028 from './0028-run-items-stage-keys.js';
import * as m0029 from './0029-kb-text-search-language.js';
import * as m0031 from './0031-gsc-pull-slots.js';
import * as m0033 from './0033-run-events-stage-keys.js';
import * as m0034 from './0034-keyword-search.js';

/** Static and ordered, so migrations work from the built package without reading a folder. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-keyword-indexes': m0002,
  '0003-usage-estimates': m0003,
  '0004-run-records': m0004,
  '0005-schedules-notifications': m0005,
  '0007-links-inventory': m0007,
  '0008-team-server': m0008,
  '0009-shared-media': m0009,
  '0010-read-paths': m0010,
  '0011-run-results-by-stage-key': m0011,
  '0012-prompt-cache': m0012,
  '0013-ai-batches': m0013,
  '0014-knowledge-base': m0014,
  '0019-destination-kind-unchecked': m0019,
  '0020-usage-batch-saved': m0020,
  '0021-language': m0021,
  '0022-search-console': m0022,
  '0023-content-refreshes': m0023,
  '0025-batch-submitting': m0025,
  '0027-search-console-connections': m0027,
  '0028-run-items-stage-keys': m0028,
  '0029-kb-text-search-language': m0029,
  '0031-gsc-pull-slots': m0031,
  '0033-run-events-stage-keys': m0033,
  '0034-keyword-search': m0034,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
