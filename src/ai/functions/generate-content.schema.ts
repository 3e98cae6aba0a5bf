import { z } from 'zod';
import type { Grounding } from '../../kb/grounding.js';
import { VoiceCheckSchema } from '../../writer/voice-guide.js';
import {
  CONTENT_TYPES,
  KeywordTextSchema,
  OutlineSchema,
  SiteContextSchema,
  STRUCTURE_KEYS,
} from './common.schema.js';

/** The idea the article is written from: its stored outline and keywords are followed. */
export const ContentIdeaSchema = z.object({
  title: z.string().trim().min(3).max(200),
  brief: z.string().max(2000).nullable().optional(),
  outline: OutlineSchema,
  primaryKeywords: z.array(KeywordTextSchema).min(1).max(3),
  secondaryKeywords: z.array(KeywordTextSchema).max(6).default([]),
  targetWords: z.number().int().min(300).max(6000).default(1500),
  contentType: z.enum(CONTENT_TYPES).default('post'),
  structure: z.enum(STRUCTURE_KEYS).default('guide'),
});

/** A passage the writer may cite: its number, source title and URL, and the sections it is for. */
export const SourcePassageSchema = z.object({
  n: z.number().int().min(1).max(99),
  /** Kept out of the prompt; the article's grounding records them. */
  passageId: z.string().default(''),
  sourceId: z.string().default(''),
  title: z.string().max(300),
  url: z.string().max(2000).nullable().default(null),
  heading: z.string().max(300).nullable().default(null),
  text: z.string().min(1).max(4000),
  /** Outline sections (0-based) the passage was retrieved for. */
  sections: z.array(z.number().int().min(0)).default([]),
});

export const GenerateContentInputSchema = z.object({
  /** tasks.id / ideas.id / clusters.id — needed to save; ad-hoc runs may leave them out. */
  taskId: z.string().optional(),
  ideaId: z.string().optional(),
  clusterId: z.string().nullable().optional(),
  idea: ContentIdeaSchema,
  site: SiteContextSchema.optional(),
  /** The site's voice: tone, person, words to use or avoid (the style guide rendered, `igny8 site voice`). */
  voice: z.string().max(4000).optional(),
  /** Knowledge-base passages retrieved for the outline's sections, numbered for citation as [n]. */
  sources: z.array(SourcePassageSchema).max(40).default([]),
  /** Why `sources` is empty (no knowledge base, or nothing in it matched): stored with the article. */
  groundingReason: z.enum(['no-knowledge-base', 'no-matching-passages']).nullable().optional(),
  /** The style guide's banned phrases and preferred terms: checked after writing, repaired once. */
  style: VoiceCheckSchema.optional(),
});
export type GenerateContentInput = z.input<typeof GenerateContentInputSchema>;

export const GenerateContentOutputSchema = z.object({
  title: z
    .string()
    .trim()
    .min(10)
    .max(120)
    .describe('The article title (H1 on the site; not repeated in html).'),
  slug: z
    .string()
    .trim()
    .max(80)
    .optional()
    .describe('URL slug: lower-case words joined by hyphens, built from the focus keyword.'),
  excerpt: z.string().trim().min(20).max(320).describe('One or two sentences for listings and social cards.'),
  metaTitle: z
    .string()
    .trim()
    .min(10)
    .max(60)
    .describe('SEO title, 30–60 characters, with the focus keyword.'),
  metaDescription: z
    .string()
    .trim()
    .min(50)
    .max(160)
    .describe('SEO description, 120–160 characters, with the focus keyword.'),
  focusKeyword: KeywordTextSchema.describe(
    'The one keyword the article targets (the first primary keyword).',
  ),
  html: z
    .string()
    .min(200)
    .describe(
      'Article body HTML: <p>, <h2>, <h3>, <ul>/<ol>, <table>, <blockquote>; no <h1>, no scripts or styles.',
    ),
});
export type GenerateContentOutput = z.infer<typeof GenerateContentOutputSchema>;

/** What generate_content returns: the model's answer sanitized, with what we compute ourselves. */
export interface GeneratedContent extends GenerateContentOutput {
  slug: string;
  /** Counted by igny8 from the sanitized HTML, never taken from the model. */
  wordCount: number;
  /** Primary then secondary keywords of the idea. */
  keywords: string[];
  /** The passages supplied and those cited (renumbered 1…n, listed under Sources in html). */
  grounding: Grounding;
}
