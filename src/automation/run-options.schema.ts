import { z } from 'zod';
import { RUN_OPTION_FIELDS as F } from '../api-contract/automation.schema.js';
import { DEFAULT_STAGE_NUMBERS } from './stages.js';
import { CostProfileSchema } from './cost-profiles.js';

const stageList = F.stages.transform((v) => {
  if (Array.isArray(v)) return [...new Set(v)].sort((a, b) => a - b);
  const out = new Set<number>();
  for (const part of v.split(',')) {
    const [a, b] = part.split('-').map(Number);
    for (let i = a!; i <= (b ?? a!); i++) out.add(i);
  }
  return [...out].sort((a, b) => a - b);
});

/**
 * Options a run starts with; stored on the run so a resumed run continues with the same ones. The
 * fields and bounds are the API contract's (RUN_OPTION_FIELDS); this adds the engine's defaults.
 */
export const RunOptionsSchema = z.object({
  stages: stageList.default([...DEFAULT_STAGE_NUMBERS]).describe('Stages to run.'),
  sectorId: F.sectorId.optional().describe('Limit the run to one sector.'),
  clusterMethod: F.clusterMethod.default('local').describe('Stage 1 engine: local (free) or ai.'),
  nameClustersWithAi: F.nameClustersWithAi.default(false),
  concurrency: F.concurrency.default(4).describe('Items in flight per stage.'),
  batchSize: F.batchSize.default(50).describe('Keywords per AI clustering call.'),
  maxItemsPerStage: F.maxItemsPerStage.optional().describe('Cap on items each stage processes.'),
  maxCredits: F.maxCredits.optional().describe('Stop the run before spending more than this.'),
  ideasPerCluster: F.ideasPerCluster.default(3),
  maxImages: F.maxImages.default(2),
  autoApprove: F.autoApprove.default(false).describe('Approve articles at or above minSeoScore.'),
  minSeoScore: F.minSeoScore.default(70),
  autoPublish: F.autoPublish
    .optional()
    .describe("Publish approved articles in stage 7 (default: the site's auto-publish setting)."),
  maxLinks: F.maxLinks.default(3),
  maxAttempts: F.maxAttempts.default(3).describe('Attempts per item before it is left failed.'),
  batch: F.batch
    .default(false)
    .describe(
      "Send each stage's AI calls through the provider's batch API (half price, answers within 24 h).",
    ),
  batchPollSeconds: F.batchPollSeconds
    .optional()
    .describe(
      "Batch mode: seconds between polls of a waiting batch (default: the config's ai.batch.pollSeconds).",
    ),
  optimize: F.optimize
    .default('off')
    .describe('De-AI pass on each new article in stage 4: off, scrub (free) or rewrite (metered).'),
  profile: CostProfileSchema.optional(),
  refreshIds: z
    .array(z.string().min(1).max(100))
    .min(1)
    .max(100)
    .optional()
    .describe(
      'Stage 8: only these refreshes (set by `igny8 refresh run`); default every one waiting on the site.',
    ),
  textModel: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('Text model for every text stage (set from the cost profile when one is chosen).'),
  imageModel: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('Image model for stage 6 (set from the cost profile when one is chosen).'),
});

export type RunOptions = z.output<typeof RunOptionsSchema>;
export type RunOptionsInput = z.input<typeof RunOptionsSchema>;
