import { z } from 'zod';
import { CostProfileSchema } from './cost-profiles.js';

const stageList = z
  .union([
    z.array(z.number().int().min(1).max(7)),
    z.string().regex(/^[1-7](-[1-7])?(,[1-7](-[1-7])?)*$/, 'stages like "1-7" or "1,2,4"'),
  ])
  .transform((v) => {
    if (Array.isArray(v)) return [...new Set(v)].sort();
    const out = new Set<number>();
    for (const part of v.split(',')) {
      const [a, b] = part.split('-').map(Number);
      for (let i = a!; i <= (b ?? a!); i++) out.add(i);
    }
    return [...out].sort();
  });

/** Options a run starts with; stored on the run so a resumed run continues with the same ones. */
export const RunOptionsSchema = z.object({
  stages: stageList.default([1, 2, 3, 4, 5, 6, 7]).describe('Stages to run.'),
  sectorId: z.string().optional().describe('Limit the run to one sector.'),
  clusterMethod: z.enum(['local', 'ai']).default('local').describe('Stage 1 engine: local (free) or ai.'),
  nameClustersWithAi: z.boolean().default(false),
  concurrency: z.number().int().min(1).max(64).default(4).describe('Items in flight per stage.'),
  batchSize: z.number().int().min(5).max(500).default(50).describe('Keywords per AI clustering call.'),
  maxItemsPerStage: z.number().int().min(1).optional().describe('Cap on items each stage processes.'),
  maxCredits: z.number().int().min(1).optional().describe('Stop the run before spending more than this.'),
  ideasPerCluster: z.number().int().min(3).max(7).default(3),
  maxImages: z.number().int().min(0).max(8).default(2),
  autoApprove: z.boolean().default(false).describe('Approve articles at or above minSeoScore.'),
  minSeoScore: z.number().int().min(0).max(100).default(70),
  autoPublish: z
    .boolean()
    .optional()
    .describe("Publish approved articles in stage 7 (default: the site's auto-publish setting)."),
  maxLinks: z.number().int().min(0).max(10).default(3),
  profile: CostProfileSchema.optional(),
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
  maxAttempts: z
    .number()
    .int()
    .min(1)
    .max(10)
    .default(3)
    .describe('Attempts per item before it is left failed.'),
});

export type RunOptions = z.output<typeof RunOptionsSchema>;
export type RunOptionsInput = z.input<typeof RunOptionsSchema>;
