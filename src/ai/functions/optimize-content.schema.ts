import { z } from 'zod';
import { VoiceCheckSchema } from '../../writer/voice-guide.js';
import { KeywordTextSchema } from './common.schema.js';

export const OptimizeContentInputSchema = z.object({
  /** contents.id — needed to save. */
  contentId: z.string().optional(),
  content: z.object({
    title: z.string().trim().min(1).max(200),
    html: z.string().min(1).max(200_000),
    metaTitle: z.string().max(200).nullable().optional(),
    metaDescription: z.string().max(400).nullable().optional(),
    excerpt: z.string().max(1000).nullable().optional(),
    focusKeyword: KeywordTextSchema,
    keywords: z.array(KeywordTextSchema).max(20).default([]),
  }),
  /** Queries the article does not cover yet: one new section each (a refresh of a live post). */
  addSections: z.array(z.string().trim().min(1).max(200)).max(10).optional(),
  /** Knowledge-base passages to bring facts up to date from, cited as [n] (a refresh of a live post). */
  sources: z
    .array(z.object({ n: z.number().int().min(1), title: z.string().max(300), text: z.string().max(2000) }))
    .max(12)
    .optional(),
  /** Extra instructions ("shorter intro", "add a FAQ"). */
  goals: z.string().max(2000).optional(),
  /** The site's voice and style guide, rendered (`igny8 site voice`). */
  voice: z.string().max(4000).optional(),
  /** The style guide's banned phrases and preferred terms: checked after the rewrite. */
  style: VoiceCheckSchema.optional(),
});
export type OptimizeContentInput = z.input<typeof OptimizeContentInputSchema>;

export const OptimizeContentOutputSchema = z.object({
  title: z.string().trim().min(10).max(120),
  html: z.string().min(200).describe('The whole rewritten article body HTML (no <h1>).'),
  metaTitle: z.string().trim().min(10).max(60),
  metaDescription: z.string().trim().min(50).max(160),
  excerpt: z.string().trim().min(20).max(320),
  changes: z.array(z.string().trim().min(3).max(300)).min(1).max(20).describe('What was changed and why.'),
});
export type OptimizeContentOutput = z.infer<typeof OptimizeContentOutputSchema>;

export interface OptimizedContent extends OptimizeContentOutput {
  /** Counted by igny8 from the sanitized HTML. */
  wordCount: number;
}
