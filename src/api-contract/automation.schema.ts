import { z } from 'zod';

const Id = z.string().min(1).max(100);

/** Options of a run (the service applies the defaults and checks them again). */
export const RunOptionsRequestSchema = z.object({
  stages: z
    .union([
      z.array(z.number().int().min(1).max(7)).min(1).max(7),
      z.string().regex(/^[1-7](-[1-7])?(,[1-7](-[1-7])?)*$/, { message: 'stages like "1-7" or "1,2,4"' }),
    ])
    .optional()
    .describe('Stages to run (default 1-7).'),
  sectorId: Id.optional(),
  clusterMethod: z.enum(['local', 'ai']).optional(),
  nameClustersWithAi: z.boolean().optional(),
  concurrency: z.number().int().min(1).max(64).optional(),
  batchSize: z.number().int().min(5).max(500).optional(),
  maxItemsPerStage: z.number().int().min(1).max(1_000_000).optional(),
  maxCredits: z.number().int().min(1).max(1_000_000_000).optional(),
  ideasPerCluster: z.number().int().min(3).max(7).optional(),
  maxImages: z.number().int().min(0).max(8).optional(),
  autoApprove: z.boolean().optional(),
  minSeoScore: z.number().int().min(0).max(100).optional(),
  maxLinks: z.number().int().min(0).max(10).optional(),
  maxAttempts: z.number().int().min(1).max(10).optional(),
  profile: z
    .enum(['economy', 'standard', 'premium'])
    .optional()
    .describe(
      "Cost profile: models and inline images from the registry (default: the site's costProfile setting).",
    ),
});

export const EstimateRequestSchema = z.object({ siteId: Id, options: RunOptionsRequestSchema.optional() });

export const StartRunRequestSchema = z.object({
  siteId: Id,
  options: RunOptionsRequestSchema.optional(),
  force: z.boolean().optional().describe('Start even when the balance is under estimate + 20%.'),
  detach: z
    .boolean()
    .optional()
    .describe('Queue the run for `igny8 worker` processes instead of this server (PostgreSQL only).'),
});

const StagePlanSchema = z.object({
  stage: z.number().int(),
  key: z.string(),
  label: z.string(),
  items: z.number(),
  calls: z.number(),
  tokensIn: z.number(),
  tokensOut: z.number(),
  images: z.number(),
  credits: z.number(),
  usd: z.number(),
});

export const RunEstimateSchema = z.object({
  stages: z.array(StagePlanSchema),
  total: z.object({
    calls: z.number(),
    tokens: z.number(),
    images: z.number(),
    credits: z.number(),
    usd: z.number(),
  }),
  required: z.number().describe('Credits needed to start: estimate + 20%.'),
  models: z.object({ text: z.string(), image: z.string() }),
  balance: z.number(),
  enough: z.boolean(),
});

const StageResultSchema = z.object({
  stage: z.number().int(),
  key: z.string(),
  status: z.enum(['pending', 'running', 'done', 'skipped', 'stopped']),
  total: z.number(),
  done: z.number(),
  failed: z.number(),
  created: z.number(),
  credits: z.number(),
  failures: z.array(z.object({ item: z.string(), reason: z.string(), code: z.string().optional() })),
});

export const RUN_STATUSES = ['queued', 'running', 'paused', 'cancelled', 'completed', 'failed'] as const;

export const RunSchema = z.object({
  id: z.string(),
  siteId: z.string(),
  status: z.enum(RUN_STATUSES),
  trigger: z.enum(['cli', 'api', 'schedule', 'worker']),
  options: z.record(z.string(), z.unknown()),
  results: z.record(z.string(), StageResultSchema),
  estimateCredits: z.number(),
  creditsUsed: z.number(),
  currentStage: z.number().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

const CostFigures = {
  calls: z.number(),
  credits: z.number(),
  usd: z.number(),
  usdPerArticle: z.number(),
  creditsPerArticle: z.number(),
  usdCacheSaved: z.number().describe('USD prompt caching saved (net of cache-write surcharges).'),
};

export const RunCostSchema = z.object({
  runId: z.string(),
  articles: z.number().describe('Articles the run wrote (stage 4 items done).'),
  stages: z.array(
    z.object({
      ...CostFigures,
      stage: z.number().int(),
      key: z.string(),
      label: z.string(),
      tokensIn: z.number(),
      tokensCached: z.number(),
      tokensCacheWrite: z.number(),
      images: z.number(),
    }),
  ),
  total: z.object({
    ...CostFigures,
    cacheReadShare: z.number().describe('Share of input tokens read from the prompt cache.'),
  }),
});

export const RunListQuerySchema = z.object({ siteId: Id.optional() });
export const RunParamsSchema = z.object({ runId: Id });

export const RunLogQuerySchema = z.object({
  afterSeq: z.coerce.number().int().min(0).optional().describe('Only entries after this sequence number.'),
});

export const RunLogEntrySchema = z.object({
  seq: z.number().int(),
  level: z.enum(['debug', 'info', 'warn', 'error']),
  stage: z.number().nullable(),
  type: z.string(),
  message: z.string(),
  data: z.unknown(),
  createdAt: z.string(),
});

/** Server-Sent Events of GET /automation/runs/{runId}/events: the event name is the `type`. */
export const RunStreamEventTypes = ['run', 'stage', 'item', 'log', 'wait', 'summary', 'end'] as const;
