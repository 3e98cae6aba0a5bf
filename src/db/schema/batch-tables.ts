import type { AI_BATCH_ITEM_STATUSES, AI_BATCH_STATUSES } from '../../api-contract/enum-values.js';
/** Batch mode: the provider batches a run submitted and the requests in them (migration 0013). */
export interface AiBatchesTable {
  id: string;
  account_id: string;
  run_id: string;
  /** The stage's key ("write"), never its number. */
  stage: string;
  provider: string;
  model: string;
  /** The provider's own id (OpenAI `batch_…`, Anthropic `msgbatch_…`). */
  provider_batch_id: string;
  status: (typeof AI_BATCH_STATUSES)[number];
  requests: number;
  created_at: string;
  updated_at: string;
}

export interface AiBatchItemsTable {
  batch_id: string;
  /** The request's id inside the batch (derived from the op id, so a resumed item finds it). */
  custom_id: string;
  account_id: string;
  run_id: string;
  stage: string;
  item_id: string;
  /** The credit hold the answer settles under. */
  op_id: string;
  status: (typeof AI_BATCH_ITEM_STATUSES)[number];
  error: string | null;
  updated_at: string;
}
