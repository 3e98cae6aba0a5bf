import { z } from 'zod';
import {
  CONTENT_TYPES,
  KeywordTextSchema,
  OutlineSchema,
  SiteContextSchema,
  STRUCTURE_KEYS,
} from './common.schema.js';

export const GenerateIdeasInputSchema = z.object({
  cluster: z.object({
    /** clusters.id — needed to save. */
    id: z.string().optional(),
    name: z.string().trim().min(1).max(120),
    description: z.string().max(1000).nullable().optional(),
    primaryKeyword: z.string().max(200).nullable().optional(),
    keywords: z
      .array(z.object({ keyword: KeywordTextSchema, volume: z.number().int().min(0).nullable().optional() }))
      .min(1)
      .max(100),
  }),
  count: z.number().int().min(3).max(7).default(5),
  site: SiteContextSchema.optional(),
  /** Titles the site already has or planned: new ideas must not repeat them. */
  existingTitles: z.array(z.string().max(200)).max(200).optional(),
});
export type GenerateIdeasInput = z.input<typeof GenerateIdeasInputSchema>;

export const IdeaSchema = z.object({
  title: z.string().trim().min(10).max(120).describe('Working title; contains the first primary keyword.'),
  brief: z.string().trim().min(20).max(800).describe('Angle, audience and what the article must deliver.'),
  contentType: z.enum(CONTENT_TYPES),
  structure: z.enum(STRUCTURE_KEYS),
  primaryKeywords: z.array(KeywordTextSchema).min(1).max(2).describe('1–2 keywords the article targets.'),
  secondaryKeywords: z
    .array(KeywordTextSchema)
    .min(2)
    .max(3)
    .describe('2–3 related keywords it also covers.'),
  targetWords: z.number().int().min(500).max(5000),
  outline: OutlineSchema,
});
export type Idea = z.infer<typeof IdeaSchema>;

export const GenerateIdeasOutputSchema = z.object({
  ideas: z.array(IdeaSchema).min(3).max(7),
});
export type GenerateIdeasOutput = z.infer<typeof GenerateIdeasOutputSchema>;
