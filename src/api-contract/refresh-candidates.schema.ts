import { z } from 'zod';

/** Why a page is worth refreshing (see src/refresh/candidates-rank.ts for how each is found). */
export const REFRESH_CANDIDATE_KINDS = ['decay', 'striking', 'cannibal', 'orphan'] as const;
export type RefreshCandidateKind = (typeof REFRESH_CANDIDATE_KINDS)[number];

/** A page of the site, with the inventory post and/or igny8 article it is when known. */
export const CandidatePageSchema = z.object({
  url: z.string().describe('The full URL (as Search Console reports it, or from the inventory).'),
  title: z.string().nullable(),
  inventoryId: z.string().nullable().describe('The site_inventory row, when the page was imported.'),
  contentId: z.string().nullable().describe('The igny8 article, when igny8 published this page.'),
});
export type CandidatePage = z.infer<typeof CandidatePageSchema>;

/** One page's part of a query in the window (cannibalization and merge plans). */
export const CandidatePageShareSchema = CandidatePageSchema.extend({
  clicks: z.number().int(),
  impressions: z.number().int(),
  position: z.number().describe('Average position, weighted by impressions (1 = top).'),
  share: z.number().describe("Share of the query's impressions, 0–1."),
});
export type CandidatePageShare = z.infer<typeof CandidatePageShareSchema>;

/** A refresh candidate: what to do with which page, why (one sentence with numbers) and how much it may be worth. */
export const RefreshCandidateSchema = z.object({
  kind: z.enum(REFRESH_CANDIDATE_KINDS),
  page: CandidatePageSchema,
  queries: z.array(z.string()).describe('The queries the reason is about (top queries for decay).'),
  reason: z.string(),
  metrics: z.record(z.string(), z.number()).describe('The figures behind the reason.'),
  pages: z
    .array(CandidatePageShareSchema)
    .optional()
    .describe('Cannibalization: every page ranking for the query.'),
  score: z.number().describe('Estimated clicks per window at stake; candidates are sorted by it.'),
});
export type RefreshCandidate = z.infer<typeof RefreshCandidateSchema>;

/** The compared windows: the last `days` days with data and the `days` before them (YYYY-MM-DD, inclusive). */
export const CandidateWindowSchema = z.object({
  days: z.number().int(),
  from: z.string(),
  to: z.string(),
  previousFrom: z.string(),
  previousTo: z.string(),
});
export type CandidateWindow = z.infer<typeof CandidateWindowSchema>;

export const RefreshCandidatesSchema = z.object({
  window: CandidateWindowSchema.nullable().describe('Null when the site has no Search Console rows.'),
  candidates: z.array(RefreshCandidateSchema),
  total: z.number().int().describe('Candidates found before the limit.'),
  counts: z.record(z.string(), z.number().int()).describe('Candidates found per kind, before the limit.'),
  hint: z.string().nullable().describe('Why the list is empty or partial, when it is.'),
});
export type RefreshCandidates = z.infer<typeof RefreshCandidatesSchema>;

export const RefreshCandidatesQuerySchema = z.object({
  kind: z.enum(REFRESH_CANDIDATE_KINDS).optional().describe('Only this kind of candidate.'),
  window: z.coerce.number().int().min(7).max(180).default(28).describe('Days per window (7–180).'),
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('Candidates returned (1–500).'),
  page: z.string().trim().min(1).max(2000).optional().describe("Only this page's candidates (its URL)."),
});

export const MergePlanQuerySchema = z.object({
  query: z.string().trim().min(1).max(500).describe('The search query the pages compete for.'),
  window: z.coerce.number().int().min(7).max(180).default(28).describe('Days of data to compare (7–180).'),
});

export const RedirectSchema = z.object({
  from: z.string().describe('The path to redirect (absolute URL in `fromUrl`).'),
  fromUrl: z.string(),
  to: z.string().describe('The full URL of the page kept.'),
  code: z.literal(301),
});
export type Redirect = z.infer<typeof RedirectSchema>;

export const MergePlanSchema = z.object({
  query: z.string().nullable(),
  window: CandidateWindowSchema.nullable(),
  keep: CandidatePageShareSchema.extend({ inboundLinks: z.number().int() }).nullable(),
  why: z
    .string()
    .describe('Why this page is kept (most clicks, then best position, then most internal links).'),
  pages: z.array(CandidatePageShareSchema.extend({ inboundLinks: z.number().int() })),
  ignored: z
    .array(CandidatePageShareSchema)
    .describe(
      'Pages with a tiny share of the query (under 10% or 20 impressions): not competing, so not redirected.',
    ),
  redirects: z.array(RedirectSchema),
  note: z.string().describe('Nothing is deleted or redirected automatically.'),
});
export type MergePlan = z.infer<typeof MergePlanSchema>;
