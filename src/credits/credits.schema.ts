import { z } from 'zod';
import {
  LEDGER_KIND_NAMES,
  USAGE_SUMMARY_DIMENSIONS,
  type BalanceSchema,
  type LedgerEntrySchema,
  type UsageRowSchema,
  type UsageSummaryRowSchema,
} from '../api-contract/credits.schema.js';
import type { CREDIT_HOLD_STATUSES } from '../api-contract/enum-values.js';

/** Credits per operation and per pool stay well inside PostgreSQL's 32-bit integer columns. */
export const MAX_CREDITS = 1_000_000_000;
/**
 * "1,000,000,000" without toLocaleString: its first call loads ICU's number formats, 13 ms of CPU
 * that every command importing this schema paid at start (P11).
 */
const MAX_CREDITS_TEXT = String(MAX_CREDITS).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

const OpIdSchema = z
  .string()
  .trim()
  .min(1, 'an operation id is required')
  .max(200)
  .describe('Operation id: the idempotency key; a replay returns the first result.');
const Amount = z
  .number('expected a number of credits')
  .int('expected a whole number of credits')
  .min(1, 'expected a positive number of credits (at least 1)')
  .max(MAX_CREDITS, `expected at most ${MAX_CREDITS_TEXT} credits`);
const PoolSchema = z.enum(['plan', 'bonus']);
const Description = z.string().max(500).optional();

export const UsageInputSchema = z.object({
  operation: z.string().min(1).max(100),
  provider: z.string().min(1).max(100),
  model: z.string().min(1).max(200),
  tokensIn: z.number().int().min(0).default(0),
  tokensOut: z.number().int().min(0).default(0),
  tokensCached: z.number().int().min(0).default(0),
  /** Input tokens written to the provider's prompt cache. */
  tokensCacheWrite: z.number().int().min(0).default(0),
  images: z.number().int().min(0).default(0),
  usd: z.number().min(0).default(0),
  /** USD prompt caching saved against the uncached price (negative when writes cost more). */
  usdCacheSaved: z.number().finite().default(0),
  /** USD the provider's batch API saved against the synchronous price. */
  usdBatchSaved: z.number().finite().default(0),
  objectType: z.string().max(50).optional(),
  objectId: z.string().max(200).optional(),
  siteId: z.string().optional(),
  error: z.string().max(2000).optional(),
  /** The token figures are our tokenizer's count: the provider reported none or implausible ones. */
  estimated: z.boolean().default(false),
  /** The provider's implausible figures, kept beside the ones billed. */
  reported: z.object({ tokensIn: z.number(), tokensOut: z.number(), tokensCached: z.number() }).optional(),
});
export type UsageInput = z.input<typeof UsageInputSchema>;

export const GrantInputSchema = z.object({
  opId: OpIdSchema,
  amount: Amount,
  pool: PoolSchema.default('plan'),
  description: Description,
});
export type GrantInput = z.input<typeof GrantInputSchema>;

export const ReserveInputSchema = z.object({
  opId: OpIdSchema,
  amount: Amount,
  operation: z.string().min(1).max(100),
  ttlMs: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 3_600_000)
    .optional(),
});
export type ReserveInput = z.input<typeof ReserveInputSchema>;

export const SettleInputSchema = z.object({
  opId: OpIdSchema,
  amount: z.number().int('expected a whole number of credits').min(0).max(MAX_CREDITS),
  usage: UsageInputSchema.optional(),
});
export type SettleInput = z.input<typeof SettleInputSchema>;

export const ReleaseInputSchema = z.object({ opId: OpIdSchema, usage: UsageInputSchema.optional() });
export type ReleaseInput = z.input<typeof ReleaseInputSchema>;

export const ChargeInputSchema = z.object({
  opId: OpIdSchema,
  amount: Amount,
  operation: z.string().min(1).max(100),
  description: Description,
  usage: UsageInputSchema.optional(),
});
export type ChargeInput = z.input<typeof ChargeInputSchema>;

export const RefundInputSchema = z.object({
  opId: OpIdSchema,
  refundOf: OpIdSchema.describe('Operation id of the charge to refund.'),
  amount: Amount,
  description: Description,
});
export type RefundInput = z.input<typeof RefundInputSchema>;

export const AdjustInputSchema = z.object({
  opId: OpIdSchema,
  amount: z
    .number()
    .int('expected a whole number of credits')
    .min(-MAX_CREDITS)
    .max(MAX_CREDITS)
    .refine((n) => n !== 0, 'an adjustment of 0 changes nothing'),
  pool: PoolSchema,
  description: Description,
});
export type AdjustInput = z.input<typeof AdjustInputSchema>;

export const RenewPlanInputSchema = z.object({
  opId: OpIdSchema,
  amount: z.number().int('expected a whole number of credits').min(0).max(MAX_CREDITS),
  description: Description,
});
export type RenewPlanInput = z.input<typeof RenewPlanInputSchema>;

export const LEDGER_KINDS = LEDGER_KIND_NAMES;

/** An ISO date or date-time, or a relative "<n>d" / "<n>h" (days/hours ago). */
export const SinceSchema = z
  .string()
  .trim()
  .refine((s) => /^\d+[dh]$/.test(s) || !Number.isNaN(Date.parse(s)), {
    message: 'expected an ISO date (2026-01-31), a date-time, or a relative age like 7d or 12h',
  });

export const HistoryQuerySchema = z.object({
  limit: z.number().int().min(1).max(1000).default(50),
  offset: z.number().int().min(0).default(0),
  kind: z.enum(LEDGER_KINDS).optional(),
});
export type HistoryQuery = z.input<typeof HistoryQuerySchema>;

export const UsageQuerySchema = z.object({
  limit: z.number().int().min(1).max(1000).default(50),
  offset: z.number().int().min(0).default(0),
  since: SinceSchema.optional(),
  siteId: z.string().optional(),
});
export type UsageQuery = z.input<typeof UsageQuerySchema>;

export const UsageSummaryQuerySchema = z.object({
  by: z.enum(USAGE_SUMMARY_DIMENSIONS),
  since: SinceSchema.optional(),
});
export type UsageSummaryQuery = z.input<typeof UsageSummaryQuerySchema>;

/** The read models are the API contract's: the API returns exactly what the core computes. */
export type Balance = z.infer<typeof BalanceSchema>;
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;
export type UsageRow = z.infer<typeof UsageRowSchema>;
export type UsageSummaryRow = z.infer<typeof UsageSummaryRowSchema>;

export interface Hold {
  id: string;
  opId: string;
  amount: number;
  status: (typeof CREDIT_HOLD_STATUSES)[number];
  settledAmount: number | null;
  operation: string;
  expiresAt: string;
  createdAt: string;
  resolvedAt: string | null;
}
