import { parseJson } from '../util/json.js';
import type { BalanceRow } from './balance.repository.js';
import type { Balance, Hold, LedgerEntry, UsageRow } from './credits.schema.js';
import type { HoldRow } from './holds.repository.js';
import type { PoolState } from './ledger-plan.js';
import type { EntryRow } from './ledger.repository.js';
import type { UsageLogRow } from './usage.repository.js';

export function toPoolState(row: BalanceRow): PoolState {
  return {
    plan: row.plan_balance,
    bonus: row.bonus_balance,
    held: row.held,
    planAllowance: row.plan_allowance,
    alertLevel: row.alert_level,
  };
}

export function toBalance(row: BalanceRow | undefined): Balance {
  const plan = row?.plan_balance ?? 0;
  const bonus = row?.bonus_balance ?? 0;
  const held = row?.held ?? 0;
  return {
    plan,
    bonus,
    held,
    available: plan + bonus - held,
    total: plan + bonus,
    planAllowance: row?.plan_allowance ?? 0,
    periodStart: row?.period_start ?? null,
  };
}

export function toLedgerEntry(row: EntryRow): LedgerEntry {
  return {
    id: row.id,
    opId: row.op_id,
    kind: row.kind,
    pool: row.pool,
    amount: row.amount,
    planDelta: row.plan_delta,
    bonusDelta: row.bonus_delta,
    planBalanceAfter: row.plan_balance_after,
    bonusBalanceAfter: row.bonus_balance_after,
    balanceAfter: row.balance_after,
    description: row.description,
    createdAt: row.created_at,
  };
}

export function toHold(row: HoldRow): Hold {
  return {
    id: row.id,
    opId: row.op_id,
    amount: row.amount,
    status: row.status,
    settledAmount: row.settled_amount,
    operation: row.operation,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    resolvedAt: row.resolved_at,
  };
}

export function toUsageRow(row: UsageLogRow): UsageRow {
  return {
    id: row.id,
    siteId: row.site_id,
    opId: row.op_id,
    operation: row.operation,
    provider: row.provider,
    model: row.model,
    tokensIn: row.tokens_in,
    tokensOut: row.tokens_out,
    tokensCached: row.tokens_cached,
    tokensCacheWrite: row.tokens_cache_write ?? 0,
    images: row.images,
    credits: row.credits,
    usd: Number(row.usd),
    usdCacheSaved: Number(row.usd_cache_saved ?? 0),
    usdBatchSaved: Number(row.usd_batch_saved ?? 0),
    objectType: row.object_type,
    objectId: row.object_id,
    status: row.status,
    error: row.error,
    createdAt: row.created_at,
    estimated: row.usage_estimated === 1,
    reported: parseJson<UsageRow['reported']>(row.usage_reported, null),
  };
}
