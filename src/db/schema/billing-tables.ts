import type { LEDGER_KIND_NAMES } from '../../api-contract/credits.schema.js';
import type { CREDIT_HOLD_STATUSES, CREDIT_POOLS, USAGE_STATUSES } from '../../api-contract/enum-values.js';
import type { ColumnType } from 'kysely';

/** The credit ledger: balances, transactions, holds and the usage log. */
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
  kind: (typeof LEDGER_KIND_NAMES)[number];
  pool: (typeof CREDIT_POOLS)[number];
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
  status: (typeof CREDIT_HOLD_STATUSES)[number];
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
  status: (typeof USAGE_STATUSES)[number];
  error: string | null;
  created_at: string;
  /** 1 when the token figures are our tokenizer's count, not the provider's (0003-usage-estimates). */
  usage_estimated: ColumnType<number, number | undefined, number>;
  /** JSON { tokensIn, tokensOut, tokensCached }: the provider's implausible figures, replaced; null when none. */
  usage_reported: ColumnType<string | null, string | null | undefined, string | null>;
  /** Input tokens written to the provider's prompt cache (0012-prompt-cache); part of tokens_in. */
  tokens_cache_write: ColumnType<number, number | undefined, number>;
  /** USD prompt caching saved on this call against the uncached price (negative when writes cost more). */
  usd_cache_saved: ColumnType<number, number | undefined, number>;
  /** USD answering through the provider's batch API saved against the sync price (0020-usage-batch-saved). */
  usd_batch_saved: ColumnType<number, number | undefined, number>;
}
