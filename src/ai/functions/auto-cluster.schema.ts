import { z } from 'zod';
import { KeywordTextSchema, SiteContextSchema } from './common.schema.js';

export const ClusterKeywordInputSchema = z.object({
  /** keywords.id — needed to save; ad-hoc runs may leave it out. */
  id: z.string().optional(),
  keyword: KeywordTextSchema,
  volume: z.number().int().min(0).nullable().optional(),
  intent: z.string().max(100).nullable().optional(),
});

export const AutoClusterInputSchema = z.object({
  keywords: z.array(ClusterKeywordInputSchema).min(1).max(500),
  site: SiteContextSchema.optional(),
  /** Names of clusters earlier batches made: reused when keywords fit, so batches merge. */
  existingClusters: z.array(z.string().max(120)).max(300).optional(),
});
export type AutoClusterInput = z.input<typeof AutoClusterInputSchema>;

export const ClusterSchema = z.object({
  name: z.string().trim().min(2).max(80).describe('Short topic name, Title Case.'),
  description: z.string().trim().min(10).max(400).describe('One or two sentences on what searchers want.'),
  primaryKeyword: KeywordTextSchema.describe('The member keyword that best represents the cluster.'),
  keywords: z
    .array(KeywordTextSchema)
    .min(1)
    .max(10)
    .describe('3–10 member keywords, copied exactly from the input.'),
});

export const AutoClusterOutputSchema = z.object({
  clusters: z.array(ClusterSchema).max(200),
});
export type AutoClusterOutput = z.infer<typeof AutoClusterOutputSchema>;
