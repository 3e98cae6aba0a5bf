import { parseInput } from '../errors/index.js';
import type { Scope } from '../tenancy/scope.js';
import { findBalanceRow } from './balance.repository.js';
import { toBalance, toLedgerEntry, toUsageRow } from './credit-rows.js';
import {
  HistoryQuerySchema,
  UsageQuerySchema,
  UsageSummaryQuerySchema,
  type Balance,
  type HistoryQuery,
  type LedgerEntry,
  type UsageQuery,
  type UsageRow,
  type UsageSummaryQuery,
  type UsageSummaryRow,
} from './credits.schema.js';
import type { LedgerContext } from './ledger-context.js';
import { listEntries } from './ledger.repository.js';
import { listUsage, summarizeUsage } from './usage.repository.js';

/** "7d" / "12h" → an ISO instant before `now`; an ISO date or date-time → that instant. */
export function resolveSince(since: string | undefined, now: Date): string | undefined {
  if (since === undefined) return undefined;
  const rel = /^(\d+)([dh])$/.exec(since);
  if (rel)
    return new Date(now.getTime() - Number(rel[1]) * (rel[2] === 'd' ? 86_400_000 : 3_600_000)).toISOString();
  return new Date(Date.parse(since)).toISOString();
}

export async function balance(ctx: LedgerContext, scope: Scope): Promise<Balance> {
  return toBalance(await findBalanceRow(ctx.db, scope));
}

export async function history(
  ctx: LedgerContext,
  scope: Scope,
  query: HistoryQuery = {},
): Promise<{ items: LedgerEntry[]; total: number }> {
  const q = parseInput(HistoryQuerySchema, query, 'history query');
  const { rows, total } = await listEntries(ctx.db, scope, q);
  return { items: rows.map(toLedgerEntry), total };
}

export async function usage(
  ctx: LedgerContext,
  scope: Scope,
  query: UsageQuery = {},
): Promise<{ items: UsageRow[]; total: number }> {
  const q = parseInput(UsageQuerySchema, query, 'usage query');
  const { rows, total } = await listUsage(ctx.db, scope, {
    limit: q.limit,
    offset: q.offset,
    since: resolveSince(q.since, ctx.now()),
    siteId: q.siteId ?? scope.siteId,
  });
  return { items: rows.map(toUsageRow), total };
}

export async function usageSummary(
  ctx: LedgerContext,
  scope: Scope,
  query: UsageSummaryQuery,
): Promise<UsageSummaryRow[]> {
  const q = parseInput(UsageSummaryQuerySchema, query, 'usage summary query');
  const rows = await summarizeUsage(ctx.db, scope, q.by, resolveSince(q.since, ctx.now()));
  return rows.map((r) => ({
    key: r.key,
    credits: r.credits,
    usd: Math.round(r.usd * 1e9) / 1e9,
    calls: r.calls,
    tokensIn: r.tokens_in,
    tokensOut: r.tokens_out,
    images: r.images,
  }));
}
