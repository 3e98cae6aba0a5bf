import { z } from 'zod';
import { REFRESH_STATUSES } from './enum-values.js';

/** A refresh of an existing post (`igny8 refresh run`): rewritten by stage 8, reviewed, published in place. */
export const RefreshSchema = z.object({
  id: z.string(),
  siteId: z.string(),
  status: z.enum(REFRESH_STATUSES),
  post: z.object({
    remoteId: z.string().describe('The WordPress post id the update goes to.'),
    kind: z.enum(['post', 'page']),
    url: z.string(),
    slug: z.string(),
    inventoryId: z.string().nullable(),
    contentId: z.string().nullable(),
  }),
  queries: z.array(z.string()),
  queriesFrom: z
    .enum(['given', 'search-console'])
    .describe(
      "'search-console': none were given, so the page's uncovered striking-distance queries were used.",
    ),
  title: z.string().nullable(),
  liveTitle: z.string().nullable(),
  liveModified: z
    .string()
    .nullable()
    .describe("WordPress's modified time of the version the draft was made from."),
  fetchedAt: z.string().nullable(),
  runId: z.string().nullable(),
  credits: z.number(),
  notes: z
    .object({
      model: z.string().optional(),
      sandbox: z.boolean().optional(),
      sectionsAdded: z.array(z.string()),
      queries: z.array(z.object({ query: z.string(), covered: z.boolean() })),
      grounding: z.object({
        status: z.enum(['grounded', 'ungrounded']),
        reason: z.string().nullable(),
        cited: z.array(z.object({ n: z.number(), title: z.string(), url: z.string().nullable() })),
      }),
      links: z.array(z.object({ anchor: z.string(), href: z.string(), title: z.string() })),
      changes: z.array(z.string()),
    })
    .nullable(),
  approvedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  error: z.string().nullable(),
  errorCode: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RefreshDto = z.infer<typeof RefreshSchema>;

/** The refresh with the word diff of its draft against the live version. */
export const RefreshDetailSchema = RefreshSchema.extend({
  changes: z.array(z.object({ removed: z.string(), added: z.string() })),
  diff: z.string().describe('Unified diff of the text, live → draft.'),
});

export const RefreshParamsSchema = z.object({ refreshId: z.string().min(1).max(100) });

export const RefreshListQuerySchema = z.object({
  status: z.enum(REFRESH_STATUSES).optional(),
});

export const RefreshRunRequestSchema = z.object({
  post: z
    .string()
    .trim()
    .min(1)
    .max(2000)
    .describe("An inventory id, the WordPress post id, the post's URL or slug, or an igny8 article id."),
  queries: z
    .array(z.string().trim().min(1).max(200))
    .max(10)
    .optional()
    .describe(
      "Queries to add a section for; absent: the page's striking-distance queries it does not cover yet (from Search Console data).",
    ),
  title: z.string().trim().min(3).max(200).optional().describe('A new title (default: keep the live one).'),
  maxLinks: z.number().int().min(0).max(10).optional(),
  force: z.boolean().optional(),
  detach: z.boolean().optional().describe('Queue the run for workers (PostgreSQL).'),
});

export const RefreshStartedSchema = z.object({
  refresh: RefreshSchema,
  runId: z.string(),
});

const WindowSchema = z.object({
  from: z.string(),
  to: z.string(),
  clicks: z.number(),
  impressions: z.number(),
  position: z.number().nullable().describe('Σ position·impressions / Σ impressions.'),
});

export const RefreshResultSchema = z.object({
  refreshId: z.string(),
  url: z.string(),
  title: z.string().nullable(),
  publishedAt: z.string(),
  days: z.number(),
  status: z.enum(['ready', 'waiting']),
  daysAvailable: z.number().describe('Full days of data after going live held so far.'),
  before: WindowSchema,
  after: WindowSchema.nullable(),
  change: z
    .object({ clicks: z.number(), impressions: z.number(), position: z.number().nullable() })
    .nullable(),
});

export const RefreshResultsQuerySchema = z.object({
  days: z.coerce.number().int().min(1).max(365).default(28).describe('Days on each side of going live.'),
});

export const RefreshResultsSchema = z.object({ items: z.array(RefreshResultSchema) });
