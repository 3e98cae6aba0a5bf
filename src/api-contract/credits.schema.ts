import { z } from 'zod';
import { CREDIT_POOLS, USAGE_STATUSES } from './enum-values.js';

const MAX = 1_000_000_000;
const Since = z
  .string()
  .trim()
  .max(40)
  .describe('ISO date or date-time, or a relative age such as 7d or 12h.');

export const BalanceSchema = z.object({
  plan: z.number().int(),
  bonus: z.number().int(),
  held: z.number().int(),
  available: z.number().int().describe('plan + bonus − held'),
  total: z.number().int().describe('plan + bonus'),
  planAllowance: z.number().int(),
  periodStart: z.string().nullable(),
});

export const LEDGER_KIND_NAMES = ['grant', 'charge', 'refund', 'adjust', 'expire', 'reset'] as const;

export const LedgerEntrySchema = z.object({
  id: z.string(),
  opId: z.string(),
  kind: z.enum(LEDGER_KIND_NAMES),
  pool: z.enum(CREDIT_POOLS),
  amount: z.number().int(),
  planDelta: z.number().int(),
  bonusDelta: z.number().int(),
  planBalanceAfter: z.number().int(),
  bonusBalanceAfter: z.number().int(),
  balanceAfter: z.number().int(),
  description: z.string().nullable(),
  createdAt: z.string(),
});

export const TransactionsQuerySchema = z.object({ kind: z.enum(LEDGER_KIND_NAMES).optional() });

export const UsageRowSchema = z.object({
  id: z.string(),
  siteId: z.string().nullable(),
  opId: z.string(),
  operation: z.string(),
  provider: z.string(),
  model: z.string(),
  tokensIn: z.number().int(),
  tokensOut: z.number().int(),
  tokensCached: z.number().int(),
  tokensCacheWrite: z.number().int().describe('Input tokens written to the prompt cache.'),
  images: z.number().int(),
  credits: z.number().int(),
  usd: z.number(),
  usdCacheSaved: z
    .number()
    .describe('USD prompt caching saved on this call (negative: the write cost more).'),
  usdBatchSaved: z
    .number()
    .describe("USD the provider's batch API saved on this call against the sync price."),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  status: z.enum(USAGE_STATUSES),
  error: z.string().nullable(),
  createdAt: z.string(),
  /** The token figures are igny8's tokenizer count: the provider reported none, or implausible ones. */
  estimated: z.boolean(),
  /** The provider's implausible figures, replaced by the counted ones; null when none. */
  reported: z.object({ tokensIn: z.number(), tokensOut: z.number(), tokensCached: z.number() }).nullable(),
});

export const UsageListQuerySchema = z.object({
  since: Since.optional(),
  siteId: z.string().min(1).max(100).optional(),
});

export const USAGE_SUMMARY_DIMENSIONS = ['operation', 'model', 'day'] as const;

export const UsageSummaryRequestSchema = z.object({
  by: z.enum(USAGE_SUMMARY_DIMENSIONS),
  since: Since.optional(),
});

export const UsageSummaryRowSchema = z.object({
  key: z.string(),
  credits: z.number(),
  usd: z.number(),
  calls: z.number().int(),
  tokensIn: z.number(),
  tokensOut: z.number(),
  images: z.number(),
});

export const CreditGrantRequestSchema = z.object({
  amount: z.number().int().min(1).max(MAX),
  pool: z.enum(['plan', 'bonus']).optional().describe('Default plan.'),
  description: z.string().max(500).optional(),
  opId: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe('Idempotency key: a replay returns the first entry.'),
});

export const CreditAdjustRequestSchema = z.object({
  amount: z
    .number()
    .int()
    .min(-MAX)
    .max(MAX)
    .refine((n) => n !== 0, { message: 'an adjustment of 0 changes nothing' }),
  pool: z.enum(['plan', 'bonus']),
  description: z.string().max(500).optional(),
  opId: z.string().trim().min(1).max(200).optional(),
});
