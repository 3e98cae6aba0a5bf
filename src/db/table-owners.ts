import type { Database } from './schema.js';

/**
 * The module that owns each table (`src/<module>/`): only that module's `*.repository.ts` files
 * write the table; every other module calls the owner's service or repository. Issue 15's "one
 * owner per table", held by test/ci/table-owners.test.ts with scripts/measure-queries.mjs. A new
 * table must be listed here (the type refuses a missing one).
 */
export const TABLE_OWNERS = {
  plans: 'tenancy',
  accounts: 'tenancy',
  users: 'tenancy',
  api_keys: 'tenancy',
  invites: 'tenancy',
  sites: 'tenancy',
  sectors: 'tenancy',
  refresh_tokens: 'auth',
  password_resets: 'auth',
  keywords: 'planner',
  clusters: 'planner',
  ideas: 'planner',
  tasks: 'writer',
  contents: 'writer',
  images: 'writer',
  publish_destinations: 'publishing',
  publish_records: 'publishing',
  internal_links: 'publishing',
  automation_runs: 'automation',
  run_events: 'automation',
  run_operations: 'automation',
  run_items: 'automation',
  credit_balances: 'credits',
  credit_transactions: 'credits',
  credit_holds: 'credits',
  usage_log: 'credits',
  ai_models: 'models',
  prompts: 'prompts',
  provider_credentials: 'providers',
  media_blobs: 'ai',
  notifications: 'notifications',
  notification_channels: 'notifications',
  notification_deliveries: 'notifications',
  schedules: 'schedules',
  schedule_slots: 'schedules',
  site_inventory: 'inventory',
  site_inventory_keywords: 'inventory',
  kb_sources: 'kb',
  kb_passages: 'kb',
  ai_batches: 'ai',
  ai_batch_items: 'ai',
  search_console_rows: 'search-console',
  search_console_syncs: 'search-console',
  content_refreshes: 'refresh',
  search_console_connections: 'search-console',
} as const satisfies Record<keyof Database, string>;

/**
 * Index tables the typed schema does not model (SQLite FTS5 shadows written with raw SQL beside
 * their base table), with the module that owns them.
 */
export const INDEX_TABLE_OWNERS: Readonly<Record<string, string>> = {
  kb_passages_fts: 'kb',
  keywords_fts: 'search',
  keywords_fts_state: 'search',
};

/**
 * Writes allowed outside the owner's repositories, each with its reason: `file` is the writing
 * file's path from the repository root. Keep it short; prefer moving the write.
 */
export const TABLE_WRITE_EXCEPTIONS: ReadonlyArray<{ table: keyof Database; file: string; reason: string }> =
  [];
