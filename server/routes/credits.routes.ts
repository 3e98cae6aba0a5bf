import { z } from 'zod';
import {
  BalanceSchema,
  CreditAdjustRequestSchema,
  CreditGrantRequestSchema,
  LedgerEntrySchema,
  TransactionsQuerySchema,
  UsageListQuerySchema,
  UsageRowSchema,
  UsageSummaryRequestSchema,
  UsageSummaryRowSchema,
} from '../../src/api-contract/index.js';
import { newId } from '../../src/index.js';
import { jsonRoute, listRoute } from '../route.js';

const tags = ['credits'];

export const creditRoutes = [
  jsonRoute({
    method: 'get',
    path: '/credits/balance',
    summary: 'Credit balance: plan and bonus pools, held and available',
    tags,
    rateLimit: 'billing',
    response: BalanceSchema,
    handler: async ({ core, scope }) => core.credits.balance(scope),
  }),
  listRoute({
    path: '/credits/transactions',
    summary: 'The credit ledger, newest first, with the balance after each entry',
    tags,
    rateLimit: 'billing',
    query: TransactionsQuerySchema,
    item: LedgerEntrySchema,
    handler: async ({ core, scope, query, page }) =>
      core.credits.history(scope, { limit: page.limit, offset: page.offset, kind: query.kind }),
  }),
  listRoute({
    path: '/credits/usage',
    summary: 'The usage log: one row per AI operation (model, tokens, credits, USD)',
    tags,
    rateLimit: 'billing',
    query: UsageListQuerySchema,
    item: UsageRowSchema,
    handler: async ({ core, scope, query, page }) =>
      core.credits.usage(scope, {
        limit: page.limit,
        offset: page.offset,
        since: query.since,
        siteId: query.siteId,
      }),
  }),
  jsonRoute({
    method: 'get',
    path: '/credits/usage/summary',
    summary: 'Usage totals by operation, model or day',
    tags,
    rateLimit: 'billing',
    query: UsageSummaryRequestSchema,
    response: z.array(UsageSummaryRowSchema),
    handler: async ({ core, scope, query }) => core.credits.usageSummary(scope, query),
  }),
  jsonRoute({
    method: 'post',
    path: '/credits/grants',
    summary: 'Grant credits to your account (server operator only; idempotent by opId)',
    tags,
    permission: 'billing.manage',
    operator: true,
    rateLimit: 'billing',
    status: 201,
    body: CreditGrantRequestSchema,
    response: LedgerEntrySchema,
    handler: async ({ core, scope, body }) =>
      core.credits.grant(scope, { ...body, opId: body.opId ?? `api:${newId()}` }),
  }),
  jsonRoute({
    method: 'post',
    path: '/credits/adjustments',
    summary: 'Adjust a pool up or down (server operator only; idempotent by opId)',
    tags,
    permission: 'billing.manage',
    operator: true,
    rateLimit: 'billing',
    status: 201,
    body: CreditAdjustRequestSchema,
    response: LedgerEntrySchema,
    handler: async ({ core, scope, body }) =>
      core.credits.adjust(scope, { ...body, opId: body.opId ?? `api:${newId()}` }),
  }),
];
