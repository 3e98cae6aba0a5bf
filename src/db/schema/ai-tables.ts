import type { MODEL_TYPES, NOTIFICATION_LEVELS } from '../../api-contract/enum-values.js';

/** The model registry, prompts, provider credentials and notifications. */
export interface AiModelsTable {
  id: string;
  provider: string;
  model_id: string;
  display_name: string;
  type: (typeof MODEL_TYPES)[number];
  input_price: number | null;
  cached_input_price: number | null;
  /** USD per 1M input tokens written to the prompt cache (0012-prompt-cache); null = the input price. */
  cache_write_price: number | null;
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
  level: (typeof NOTIFICATION_LEVELS)[number];
  title: string;
  message: string;
  action_url: string | null;
  dedupe_key: string | null;
  read_at: string | null;
  created_at: string;
}

/** Image bytes shared by every process (media.store "db"), keyed by their sha256. */
export interface MediaBlobsTable {
  sha256: string;
  mime: string;
  size_bytes: number;
  bytes: Buffer;
  created_at: string;
}
