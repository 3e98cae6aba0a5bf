/**
 * Row types of every table. Timestamps are ISO-8601 UTC strings, booleans 0/1 integers and JSON
 * columns text in both dialects, so a row reads the same from SQLite and PostgreSQL.
 */
export interface PlansTable {
  id: string;
  name: string;
  included_credits: number;
  max_sites: number;
  max_users: number;
  max_keywords: number;
  created_at: string;
}

export interface AccountsTable {
  id: string;
  name: string;
  plan_id: string;
  timezone: string;
  status: 'active' | 'suspended';
  /** JSON: { [module]: boolean } — missing means enabled. */
  modules: string;
  /** JSON: account-level settings (voice, defaults). */
  settings: string;
  created_at: string;
  updated_at: string;
}

export interface UsersTable {
  id: string;
  account_id: string;
  email: string;
  name: string;
  password_hash: string | null;
  role: 'owner' | 'admin' | 'editor' | 'viewer';
  status: 'active' | 'disabled';
  created_at: string;
  updated_at: string;
}

export interface ApiKeysTable {
  id: string;
  account_id: string;
  user_id: string | null;
  name: string;
  prefix: string;
  hash: string;
  role: 'owner' | 'admin' | 'editor' | 'viewer';
  scopes: string;
  status: 'active' | 'revoked';
  last_used_at: string | null;
  created_at: string;
  revoked_at: string | null;
}

export interface RefreshTokensTable {
  id: string;
  account_id: string;
  user_id: string;
  token_hash: string;
  family: string;
  expires_at: string;
  revoked_at: string | null;
  created_at: string;
}

export interface PasswordResetsTable {
  id: string;
  account_id: string;
  user_id: string;
  token_hash: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface SitesTable {
  id: string;
  account_id: string;
  name: string;
  slug: string;
  domain: string | null;
  industry: string | null;
  status: 'active' | 'inactive';
  /** JSON: publishing settings (mode, slots, limits, auto-approve …). */
  settings: string;
  created_at: string;
  updated_at: string;
}

export interface SectorsTable {
  id: string;
  account_id: string;
  site_id: string;
  name: string;
  slug: string;
  status: 'active' | 'inactive';
  created_at: string;
  updated_at: string;
}

export interface KeywordsTable {
  id: string;
  account_id: string;
  site_id: string;
  sector_id: string;
  keyword: string;
  normalized: string;
  volume: number | null;
  difficulty: number | null;
  cpc: number | null;
  intent: string | null;
  source: string;
  cluster_id: string | null;
  status: 'new' | 'clustered' | 'excluded';
  created_at: string;
  updated_at: string;
}

export interface ClustersTable {
  id: string;
  account_id: string;
  site_id: string;
  sector_id: string;
  name: string;
  description: string | null;
  primary_keyword: string | null;
  keyword_count: number;
  volume_sum: number;
  method: 'ai' | 'local' | 'manual';
  status: 'new' | 'planned';
  created_at: string;
  updated_at: string;
}

export interface IdeasTable {
  id: string;
  account_id: string;
  site_id: string;
  sector_id: string;
  cluster_id: string | null;
  title: string;
  brief: string | null;
  /** JSON: { sections: [{ heading, points[], keywords[] }] } */
  outline: string;
  primary_keywords: string;
  secondary_keywords: string;
  target_words: number;
  content_type: string;
  structure: string;
  source: 'ai' | 'user';
  status: 'new' | 'queued';
  created_at: string;
  updated_at: string;
}

export interface TasksTable {
  id: string;
  account_id: string;
  site_id: string;
  sector_id: string;
  idea_id: string;
  prompt_override: string | null;
  attempts: number;
  error: string | null;
  status: 'queued' | 'running' | 'done' | 'failed';
  created_at: string;
  updated_at: string;
}

export interface ContentsTable {
  id: string;
  account_id: string;
  site_id: string;
  sector_id: string;
  task_id: string | null;
  idea_id: string | null;
  cluster_id: string | null;
  title: string;
  slug: string;
  html: string;
  excerpt: string | null;
  meta_title: string | null;
  meta_description: string | null;
  focus_keyword: string | null;
  keywords: string;
  word_count: number;
  seo_score: number | null;
  seo_report: string | null;
  /** JSON: proposed internal links awaiting approval. */
  link_suggestions: string | null;
  /** JSON: { provider, model, tokensIn, tokensOut, promptVersion, sandbox } */
  provenance: string;
  status: 'draft' | 'review' | 'approved' | 'rejected';
  created_at: string;
  updated_at: string;
}

export interface ImagesTable {
  id: string;
  account_id: string;
  site_id: string;
  sector_id: string;
  content_id: string;
  role: 'featured' | 'inline';
  position: number;
  prompt: string;
  negative_prompt: string | null;
  alt: string | null;
  caption: string | null;
  file_path: string | null;
  sha256: string | null;
  mime: string | null;
  width: number | null;
  height: number | null;
  size_bytes: number | null;
  model: string | null;
  error: string | null;
  status: 'pending' | 'generating' | 'done' | 'failed';
  created_at: string;
  updated_at: string;
}

export interface PublishDestinationsTable {
  id: string;
  account_id: string;
  site_id: string;
  kind: 'wordpress' | 'folder' | 'webhook';
  name: string;
  /** JSON, no secrets. */
  config: string;
  /** AES-256-GCM envelope of the destination's secret (app password, webhook secret). */
  secret_enc: string | null;
  status: 'active' | 'inactive';
  created_at: string;
  updated_at: string;
}

export interface PublishRecordsTable {
  id: string;
  account_id: string;
  site_id: string;
  content_id: string;
  destination_id: string;
  status: 'unpublished' | 'scheduled' | 'publishing' | 'published' | 'failed';
  /** The intent written before each remote call: what we were about to do, and its marker. */
  intent: string | null;
  marker: string;
  remote_id: string | null;
  remote_url: string | null;
  remote_status: string | null;
  /** JSON: media uploaded so far ({ imageId: remoteMediaId }). */
  remote_media: string;
  scheduled_at: string | null;
  published_at: string | null;
  attempts: number;
  error: string | null;
  created_at: string;
  updated_at: string;
}

export interface AutomationRunsTable {
  id: string;
  account_id: string;
  site_id: string;
  trigger: 'cli' | 'api' | 'schedule' | 'worker';
  status: 'queued' | 'running' | 'paused' | 'cancelled' | 'completed' | 'failed';
  /** JSON: options the run was started with (stages, caps, concurrency). */
  options: string;
  /** JSON: per-stage results. */
  results: string;
  estimate_credits: number;
  credit_cap: number | null;
  credits_used: number;
  current_stage: number | null;
  lease_owner: string | null;
  lease_expires_at: string | null;
  error: string | null;
  started_at: string | null;
  finished_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface RunEventsTable {
  id: string;
  account_id: string;
  run_id: string;
  seq: number;
  level: 'debug' | 'info' | 'warn' | 'error';
  stage: number | null;
  type: string;
  message: string;
  data: string | null;
  created_at: string;
}

export interface CreditBalancesTable {
  account_id: string;
  plan_balance: number;
  bonus_balance: number;
  held: number;
  /** Credits the plan granted in the current period, the base for 80/90/100% alerts. */
  plan_allowance: number;
  period_start: string;
  /** Highest usage alert already sent this period (0, 80, 90, 100). */
  alert_level: number;
  updated_at: string;
}

export interface CreditTransactionsTable {
  id: string;
  account_id: string;
  /** Unique per account: "<kind>:<op_id>" — the idempotency wall. */
  idem_key: string;
  op_id: string;
  kind: 'grant' | 'charge' | 'refund' | 'adjust' | 'expire' | 'reset';
  pool: 'plan' | 'bonus' | 'mixed';
  amount: number;
  plan_delta: number;
  bonus_delta: number;
  plan_balance_after: number;
  bonus_balance_after: number;
  balance_after: number;
  description: string | null;
  created_at: string;
}

export interface CreditHoldsTable {
  id: string;
  account_id: string;
  op_id: string;
  amount: number;
  status: 'held' | 'settled' | 'released' | 'expired';
  settled_amount: number | null;
  operation: string;
  expires_at: string;
  created_at: string;
  resolved_at: string | null;
}

export interface UsageLogTable {
  id: string;
  account_id: string;
  site_id: string | null;
  op_id: string;
  operation: string;
  provider: string;
  model: string;
  tokens_in: number;
  tokens_out: number;
  tokens_cached: number;
  images: number;
  credits: number;
  usd: number;
  object_type: string | null;
  object_id: string | null;
  status: 'ok' | 'failed';
  error: string | null;
  created_at: string;
}

export interface AiModelsTable {
  id: string;
  provider: string;
  model_id: string;
  display_name: string;
  type: 'text' | 'image' | 'embedding';
  input_price: number | null;
  cached_input_price: number | null;
  output_price: number | null;
  image_price: number | null;
  tokens_per_credit: number | null;
  credits_per_image: number | null;
  context_window: number | null;
  max_output: number | null;
  sizes: string;
  capabilities: string;
  tier: string | null;
  active: number;
  is_default: number;
  created_at: string;
  updated_at: string;
}

export interface PromptsTable {
  id: string;
  account_id: string;
  key: string;
  body: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ProviderCredentialsTable {
  id: string;
  account_id: string;
  provider: string;
  name: string;
  secret_enc: string;
  last4: string;
  base_url: string | null;
  created_at: string;
  updated_at: string;
}

export interface NotificationsTable {
  id: string;
  account_id: string;
  user_id: string | null;
  level: 'info' | 'success' | 'warning' | 'error';
  title: string;
  message: string;
  action_url: string | null;
  dedupe_key: string | null;
  read_at: string | null;
  created_at: string;
}

export interface Database {
  plans: PlansTable;
  accounts: AccountsTable;
  users: UsersTable;
  api_keys: ApiKeysTable;
  refresh_tokens: RefreshTokensTable;
  password_resets: PasswordResetsTable;
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
}
