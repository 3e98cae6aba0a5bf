import { z } from 'zod';
import { KeywordTextSchema } from './common.schema.js';

export const LinkCandidateSchema = z.object({
  id: z.string().min(1),
  title: z.string().max(200),
  slug: z.string().max(200).optional(),
  /** The live URL once published; otherwise links point at /<slug>/. */
  url: z.string().max(2000).nullable().optional(),
  focusKeyword: z.string().max(200).nullable().optional(),
  keywords: z.array(KeywordTextSchema).max(20).default([]),
  clusterId: z.string().nullable().optional(),
});
export type LinkCandidate = z.infer<typeof LinkCandidateSchema>;

export const SuggestLinksInputSchema = z.object({
  /** contents.id of the article — needed to save. */
  contentId: z.string().optional(),
  article: z.object({
    id: z.string().optional(),
    title: z.string().max(200),
    /** The article as plain text: anchors must be phrases that occur in it. */
    text: z.string().min(1).max(60_000),
    focusKeyword: z.string().max(200).nullable().optional(),
    keywords: z.array(KeywordTextSchema).max(20).default([]),
    clusterId: z.string().nullable().optional(),
  }),
  /** Sibling articles; only those sharing the cluster or a keyword are ever linked. */
  candidates: z.array(LinkCandidateSchema).max(200),
  maxLinks: z.number().int().min(1).max(10).default(3),
});
export type SuggestLinksInput = z.input<typeof SuggestLinksInputSchema>;

export const SuggestLinksOutputSchema = z.object({
  links: z
    .array(
      z.object({
        targetId: z.string().min(1).describe('The id of one of the candidate articles.'),
        anchor: z.string().trim().min(2).max(80).describe('A phrase copied exactly from the article text.'),
        reason: z.string().trim().max(200).describe('Why a reader would follow this link.'),
      }),
    )
    .max(10),
});
export type SuggestLinksOutput = z.infer<typeof SuggestLinksOutputSchema>;

/** A proposed link, in the shape the writer's applyLinks and review screens use. */
export interface SuggestedLink {
  targetContentId: string;
  targetTitle: string;
  anchor: string;
  href: string;
  reason: string;
}
