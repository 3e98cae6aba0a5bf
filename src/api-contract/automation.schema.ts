import { z } from 'zod';
import { RUN_TRIGGERS } from './enum-values.js';
import {
  DEFAULT_STAGE_NUMBERS,
  STAGE_COUNT,
  STAGE_RESULT_STATUSES,
  stageNumberPattern,
} from './pipeline-stages.js';

const Id = z.string().min(1).max(100);

// The stage bounds come from the stage list, so a new stage widens them without an edit here.
const STAGE = stageNumberPattern();
const STAGE_LIST = new RegExp(`^${STAGE}(-${STAGE})?(,${STAGE}(-${STAGE})?)*$`);
/** "Stages to run (default 1-N)." for the option's descriptions. */
export const STAGES_DESCRIPTION = `Stages to run (default 1-${DEFAULT_STAGE_NUMBERS.length}; ${STAGE_COUNT} refreshes existing posts and runs only when named).`;

/**
 * Each run option's type and bounds, written once: the API takes them optional
 * (RunOptionsRequestSchema), schedules take a subset (ScheduleRunOptionsSchema), and the engine adds
 * its defaults on top (src/automation/run-options.schema.ts).
 */
export const RUN_OPTION_FIELDS = {
  stages: z.union([
    z.array(z.number().int().min(1).max(STAGE_COUNT)).min(1).max(STAGE_COUNT),
    z.string().regex(STAGE_LIST, { message: `stages like "1-${STAGE_COUNT}" or "1,2,4"` }),
  ]),
  sectorId: Id,
  clusterMethod: z.enum(['local', 'ai']),
  nameClustersWithAi: z.boolean(),
  concurrency: z.number().int().min(1).max(64),
  batchSize: z.number().int().min(5).max(500),
  maxItemsPerStage: z.number().int().min(1).max(1_000_000),
  maxCredits: z.number().int().min(1).max(1_000_000_000),
  ideasPerCluster: z.number().int().min(3).max(7),
  maxImages: z.number().int().min(0).max(8),
  autoApprove: z.boolean(),
  minSeoScore: z.number().int().min(0).max(100),
  autoPublish: z.boolean(),
  maxLinks: z.number().int().min(0).max(10),
  maxAttempts: z.number().int().min(1).max(10),
  batch: z.boolean(),
  batchPollSeconds: z.number().min(0.01).max(3600),
  optimize: z.enum(['off', 'scrub', 'rewrite']),
};
const F = RUN_OPTION_FIELDS;

/** Options of a run (the service applies the defaults and checks them again). */
export const RunOptionsRequestSchema = z.object({
  stages: F.stages.optional().describe(STAGES_DESCRIPTION),
  sectorId: F.sectorId.optional(),
  clusterMethod: F.clusterMethod.optional(),
  nameClustersWithAi: F.nameClustersWithAi.optional(),
  concurrency: F.concurrency.optional(),
  batchSize: F.batchSize.optional(),
  maxItemsPerStage: F.maxItemsPerStage.optional(),
  maxCredits: F.maxCredits.optional(),
  ideasPerCluster: F.ideasPerCluster.optional(),
  maxImages: F.maxImages.optional(),
  autoApprove: F.autoApprove.optional(),
  minSeoScore: F.minSeoScore.optional(),
  maxLinks: F.maxLinks.optional(),
  maxAttempts: F.maxAttempts.optional(),
  batch: F.batch
    .optional()
    .describe(
      "Send each stage's AI calls through the provider's batch API (half price, answers within 24 h).",
    ),
  batchPollSeconds: F.batchPollSeconds
    .optional()
    .describe(
      "Batch mode: seconds between polls of a waiting batch (default: the config's ai.batch.pollSeconds).",
    ),
  optimize: F.optimize
    .optional()
    .describe(
      'De-AI pass on each article stage 4 writes: scrub (phrase scrubber and voice guide), rewrite (an optimize_content AI rewrite too, charged), off (default).',
    ),
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

export const StagePlanSchema = z.object({
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
  pricing: z
    .object({
      batch: z.boolean(),
      batchFactor: z.number().describe("Text calls' price against the registry's (0.5 in batch mode)."),
      cachedInputShare: z.number().describe('Share of input assumed read from the prompt cache.'),
      cacheSavedUsd: z.number(),
    })
    .optional(),
  balance: z.number(),
  enough: z.boolean(),
});

export const StageResultSchema = z.object({
  stage: z.number().int(),
  key: z.string(),
  status: z.enum(STAGE_RESULT_STATUSES),
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
  trigger: z.enum(RUN_TRIGGERS),
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
  usdBatchSaved: z
    .number()
    .describe("USD answering through the provider's batch API saved against the synchronous price."),
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
export const RunStreamEventTypes = [
  'run',
  'stage',
  'item',
  'log',
  'wait',
  'batch',
  'summary',
  'end',
] as const;

/** Why a provider call waits: its throttle, a rate limit's Retry-After, a retry's backoff, a slow answer. */
export const PROVIDER_WAIT_REASONS = ['throttle', 'rate_limit', 'retry', 'response'] as const;

/**
 * The typed progress of a run (src/automation/run-events.ts emits it): CLI NDJSON lines and the
 * SSE events of GET /automation/runs/{runId}/events carry these objects, the SSE event name being `type`.
 */
export const RunEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('run'),
    runId: z.string(),
    siteId: z.string(),
    status: z.string(),
    resumed: z.boolean(),
    estimate: RunEstimateSchema.optional(),
  }),
  z.object({
    type: z.literal('stage'),
    runId: z.string(),
    stage: z.number().int(),
    key: z.string(),
    label: z.string(),
    status: z.enum(['start', 'done', 'skipped', 'stopped']),
    total: z.number(),
  }),
  z.object({
    type: z.literal('item'),
    runId: z.string(),
    stage: z.number().int(),
    item: z.string(),
    status: z.enum(['done', 'failed']),
    reason: z.string().optional(),
    code: z.string().optional(),
    credits: z.number(),
    done: z.number(),
    failed: z.number(),
    total: z.number(),
    creditsUsed: z.number(),
  }),
  z.object({
    type: z.literal('log'),
    runId: z.string(),
    level: z.enum(['info', 'warn', 'error']),
    stage: z.number().int().nullable(),
    message: z.string(),
  }),
  z.object({
    /** A provider call waits over 5 s: what for, until when. */
    type: z.literal('wait'),
    runId: z.string(),
    stage: z.number().int().nullable(),
    reason: z.enum(PROVIDER_WAIT_REASONS),
    provider: z.string(),
    /** ISO time the wait ends (for `response`, when the attempt gives up); absent when unknown. */
    until: z.string().optional(),
    message: z.string(),
  }),
  z.object({
    /** Batch mode: a provider batch the stage waits on, polled (state and counts). */
    type: z.literal('batch'),
    runId: z.string(),
    stage: z.number().int(),
    provider: z.string(),
    batchId: z.string(),
    /** The provider's word: in_progress, finalizing, completed, expired, ended… */
    status: z.string(),
    total: z.number(),
    done: z.number(),
    failed: z.number(),
    message: z.string(),
  }),
  z.object({
    type: z.literal('summary'),
    runId: z.string(),
    status: z.string(),
    creditsUsed: z.number(),
    /** Items left failed over the whole run (every stage, every attempt). */
    failed: z.number(),
    results: z.record(z.string(), StageResultSchema),
    error: z.string().optional(),
    /** The error code that stopped the run, when one did. */
    code: z.string().optional(),
  }),
]);
