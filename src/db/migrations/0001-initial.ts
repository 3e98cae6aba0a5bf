// Frozen: once released, a migration never changes. Add a new file instead.
// Types are chosen to mean the same in SQLite and PostgreSQL: text, integer, double precision.
// The tables are created in dependency order, one domain per file under 0001-initial/.
import { createTenancyTables } from './0001-initial/tenancy-tables.js';
import { createPipelineTables } from './0001-initial/pipeline-tables.js';
import { createPublishingTables } from './0001-initial/publishing-tables.js';
import { createBillingTables } from './0001-initial/billing-tables.js';
import { createAiTables } from './0001-initial/ai-tables.js';
import type { Db } from './0001-initial/table-helpers.js';

export async function up(db: Db): Promise<void> {
  await createTenancyTables(db);
  await createPipelineTables(db);
  await createPublishingTables(db);
  await createBillingTables(db);
  await createAiTables(db);
}

const TABLES_IN_REVERSE = [
  'notifications',
  'provider_credentials',
  'prompts',
  'ai_models',
  'usage_log',
  'credit_holds',
  'credit_transactions',
  'credit_balances',
  'run_events',
  'automation_runs',
  'publish_records',
  'publish_destinations',
  'images',
  'contents',
  'tasks',
  'ideas',
  'keywords',
  'clusters',
  'sectors',
  'sites',
  'password_resets',
  'refresh_tokens',
  'api_keys',
  'users',
  'accounts',
  'plans',
];

export async function down(db: Db): Promise<void> {
  for (const table of TABLES_IN_REVERSE) await db.schema.dropTable(table).ifExists().execute();
}
