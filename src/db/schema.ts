/**
 * Row types of every table. Timestamps are ISO-8601 UTC strings, booleans 0/1 integers and JSON
 * columns text in both dialects, so a row reads the same from SQLite and PostgreSQL.
 */
import type {
  PlansTable,
  AccountsTable,
  UsersTable,
  ApiKeysTable,
  RefreshTokensTable,
  PasswordResetsTable,
  InvitesTable,
  SitesTable,
  SectorsTable,
} from './schema/tenancy-tables.js';
import type {
  KeywordsTable,
  ClustersTable,
  IdeasTable,
  TasksTable,
  ContentsTable,
  ImagesTable,
} from './schema/pipeline-tables.js';
import type {
  PublishDestinationsTable,
  PublishRecordsTable,
  AutomationRunsTable,
  RunEventsTable,
} from './schema/publishing-tables.js';
import type {
  CreditBalancesTable,
  CreditTransactionsTable,
  CreditHoldsTable,
  UsageLogTable,
} from './schema/billing-tables.js';
import type {
  AiModelsTable,
  PromptsTable,
  ProviderCredentialsTable,
  NotificationsTable,
  MediaBlobsTable,
} from './schema/ai-tables.js';
import type {
  SchedulesTable,
  ScheduleSlotsTable,
  NotificationChannelsTable,
  NotificationDeliveriesTable,
} from './schema/schedule-tables.js';
import type {
  InternalLinksTable,
  SiteInventoryTable,
  SiteInventoryKeywordsTable,
} from './schema/links-inventory-tables.js';
import type { RunOperationsTable, RunItemsTable } from './schema/run-record-tables.js';
import type { KbSourcesTable, KbPassagesTable } from './schema/kb-tables.js';
import type { ContentRefreshesTable } from './schema/refresh-tables.js';
import type {
  SearchConsoleConnectionsTable,
  SearchConsoleRowsTable,
  SearchConsoleSyncsTable,
} from './schema/search-console-tables.js';
import type { AiBatchesTable, AiBatchItemsTable } from './schema/batch-tables.js';

export type * from './schema/tenancy-tables.js';
export type * from './schema/pipeline-tables.js';
export type * from './schema/publishing-tables.js';
export type * from './schema/billing-tables.js';
export type * from './schema/ai-tables.js';
export type * from './schema/schedule-tables.js';
export type * from './schema/links-inventory-tables.js';
export type * from './schema/run-record-tables.js';
export type * from './schema/kb-tables.js';
export type * from './schema/search-console-tables.js';
export type * from './schema/refresh-tables.js';
export type * from './schema/batch-tables.js';

export interface Database {
  plans: PlansTable;
  accounts: AccountsTable;
  users: UsersTable;
  api_keys: ApiKeysTable;
  refresh_tokens: RefreshTokensTable;
  password_resets: PasswordResetsTable;
  invites: InvitesTable;
  sites: SitesTable;
  sectors: SectorsTable;
  keywords: KeywordsTable;
  clusters: ClustersTable;
  ideas: IdeasTable;
  tasks: TasksTable;
  contents: ContentsTable;
  images: ImagesTable;
  publish_destinations: PublishDestinationsTable;
  publish_records: PublishRecordsTable;
  automation_runs: AutomationRunsTable;
  run_events: RunEventsTable;
  credit_balances: CreditBalancesTable;
  credit_transactions: CreditTransactionsTable;
  credit_holds: CreditHoldsTable;
  usage_log: UsageLogTable;
  ai_models: AiModelsTable;
  prompts: PromptsTable;
  provider_credentials: ProviderCredentialsTable;
  notifications: NotificationsTable;
  schedules: SchedulesTable;
  schedule_slots: ScheduleSlotsTable;
  notification_channels: NotificationChannelsTable;
  notification_deliveries: NotificationDeliveriesTable;
  internal_links: InternalLinksTable;
  site_inventory: SiteInventoryTable;
  site_inventory_keywords: SiteInventoryKeywordsTable;
  run_operations: RunOperationsTable;
  run_items: RunItemsTable;
  media_blobs: MediaBlobsTable;
  kb_sources: KbSourcesTable;
  kb_passages: KbPassagesTable;
  search_console_rows: SearchConsoleRowsTable;
  search_console_syncs: SearchConsoleSyncsTable;
  content_refreshes: ContentRefreshesTable;
  search_console_connections: SearchConsoleConnectionsTable;
  ai_batches: AiBatchesTable;
  ai_batch_items: AiBatchItemsTable;
}
