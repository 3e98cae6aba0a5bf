import { z } from 'zod';
import { languageName } from '../../util/language.js';

/** The article structures bundled in templates/structures (the writer follows one per idea). */
export const STRUCTURE_KEYS = ['how-to', 'listicle', 'guide', 'comparison', 'review'] as const;
export type StructureKey = (typeof STRUCTURE_KEYS)[number];

/** post: a regular article; pillar: a long hub page for a cluster; page: an evergreen site page. */
export const CONTENT_TYPES = ['post', 'pillar', 'page'] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];

/** What the prompts may say about the site, so the voice and examples fit it. */
export const SiteContextSchema = z.object({
  name: z.string().max(200).optional(),
  domain: z.string().max(200).nullable().optional(),
  industry: z.string().max(200).nullable().optional(),
  sector: z.string().max(200).nullable().optional(),
  /** BCP 47 tag content is written in; absent means English (so English prompts are unchanged). */
  language: z.string().max(35).optional(),
});
export type SiteContext = z.infer<typeof SiteContextSchema>;

export const KeywordTextSchema = z.string().trim().min(1).max(200);

export const OutlineSectionSchema = z.object({
  heading: z.string().trim().min(3).max(140).describe('The H2 heading, as it will appear in the article.'),
  points: z
    .array(z.string().trim().min(3).max(300))
    .min(1)
    .max(6)
    .describe('What the section must cover, in order.'),
  keywords: z.array(KeywordTextSchema).max(4).describe('Keywords this section should use naturally.'),
});
export type OutlineSection = z.infer<typeof OutlineSectionSchema>;

/** Stored on the idea (ideas.outline) and followed by the writer: 6–10 H2 sections. */
export const OutlineSchema = z.object({
  sections: z.array(OutlineSectionSchema).min(6).max(10),
});
export type Outline = z.infer<typeof OutlineSchema>;

/** Lower-case, single-spaced, trimmed: how keywords are compared everywhere. */
export function normalizeKeyword(keyword: string): string {
  return keyword.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** One line describing the site for a prompt ("(no site details)" when there are none). */
export function siteLine(site: SiteContext | undefined): string {
  if (!site) return '(no site details)';
  const parts = [
    site.name && `Site: ${site.name}`,
    site.domain && `domain ${site.domain}`,
    site.industry && `industry: ${site.industry}`,
    site.sector && `sector: ${site.sector}`,
  ].filter(Boolean);
  const line = parts.length ? parts.join('; ') : '(no site details)';
  return site.language ? `${line}\n${languageRule(site.language)}` : line;
}

/** The prompt line that makes everything the model writes come out in the site's language. */
export function languageRule(tag: string): string {
  const name = languageName(tag);
  return (
    `Language: ${name} (${tag}). Write everything in ${name}: title, headings, body, excerpt, meta title, ` +
    `meta description, FAQ, image alt text and captions; the slug from the ${name} words ` +
    `(igny8 transliterates it). Keep JSON keys in English.`
  );
}

/** The input as the JSON block a prompt carries (ids and other bookkeeping left out by the caller). */
export function inputJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
