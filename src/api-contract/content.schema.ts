import { z } from 'zod';
import {
  CONTENT_STATUSES,
  IMAGE_ROLES,
  IMAGE_STATUSES,
  PUBLISH_STATUSES,
  TASK_STATUSES,
} from './enum-values.js';

const Id = z.string().min(1).max(100);

export const ContentStatusSchema = z.enum(CONTENT_STATUSES);

export const ImageSchema = z.object({
  id: z.string(),
  contentId: z.string(),
  role: z.enum(IMAGE_ROLES),
  position: z.number().int(),
  prompt: z.string(),
  negativePrompt: z.string().nullable(),
  alt: z.string().nullable(),
  caption: z.string().nullable(),
  sha256: z.string().nullable(),
  mime: z.string().nullable(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  sizeBytes: z.number().int().nullable(),
  model: z.string().nullable(),
  status: z.enum(IMAGE_STATUSES),
  error: z.string().nullable(),
});

const SeoReportSchema = z.object({
  score: z.number(),
  wordCount: z.number(),
  readingEase: z.number(),
  checks: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      passed: z.boolean(),
      weight: z.number(),
      detail: z.string(),
      severity: z.enum(['ok', 'warning', 'error']),
    }),
  ),
});

const LinkSuggestionSchema = z.object({
  targetContentId: z.string(),
  targetTitle: z.string().optional(),
  anchor: z.string(),
  href: z.string(),
  reason: z.string().optional(),
});

/** A knowledge-base source an article cites, by its number in the article. */
export const CitedSourceSchema = z.object({
  n: z.number().int().describe('The number in the article: [n].'),
  suppliedN: z.number().int().describe('The number the passage had in the writer prompt.'),
  passageId: z.string(),
  sourceId: z.string(),
  title: z.string(),
  url: z.string().nullable(),
});

/** How an article is grounded in the site's knowledge base, and which sentences cite what. */
export const ContentGroundingSchema = z.object({
  status: z.enum(['grounded', 'ungrounded']),
  reason: z
    .enum(['no-knowledge-base', 'no-matching-passages'])
    .nullable()
    .describe('Why an article is ungrounded.'),
  supplied: z.array(
    z.object({
      n: z.number().int(),
      passageId: z.string(),
      sourceId: z.string(),
      title: z.string(),
      url: z.string().nullable(),
      sections: z.array(z.number().int()).describe('Outline sections (0-based) it was retrieved for.'),
    }),
  ),
  cited: z.array(CitedSourceSchema),
  sentences: z
    .array(z.object({ sentence: z.string(), cites: z.array(z.number().int()) }))
    .describe('Sentences of the article that cite sources, with the numbers they cite.'),
});

/** An article as listed (no images) or read (with its images). */
export const ContentSchema = z.object({
  id: z.string(),
  siteId: z.string(),
  sectorId: z.string(),
  taskId: z.string().nullable(),
  ideaId: z.string().nullable(),
  clusterId: z.string().nullable(),
  title: z.string(),
  slug: z.string(),
  html: z.string(),
  excerpt: z.string().nullable(),
  metaTitle: z.string().nullable(),
  metaDescription: z.string().nullable(),
  focusKeyword: z.string().nullable(),
  keywords: z.array(z.string()),
  wordCount: z.number().int(),
  seoScore: z.number().nullable(),
  seoReport: SeoReportSchema.nullable(),
  linkSuggestions: z
    .object({ suggestions: z.array(LinkSuggestionSchema), applied: z.array(LinkSuggestionSchema) })
    .nullable(),
  provenance: z.record(z.string(), z.unknown()),
  status: ContentStatusSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  images: z.array(ImageSchema).optional(),
  grounding: ContentGroundingSchema.nullable()
    .optional()
    .describe('Knowledge-base grounding (one article only; null when written without it).'),
  /** Where the article was published and how it stands there, one entry per destination. */
  publishing: z
    .array(
      z.object({
        destinationId: z.string(),
        destination: z.string(),
        kind: z.string(),
        status: z.enum(PUBLISH_STATUSES),
        remoteStatus: z
          .string()
          .nullable()
          .describe('Status on the site as last seen: publish, draft, future, trash, missing …'),
        remoteUrl: z.string().nullable(),
        scheduledAt: z.string().nullable(),
        publishedAt: z.string().nullable(),
        error: z.string().nullable(),
      }),
    )
    .optional(),
});

/** An article as a list ships it: no HTML body, SEO report or link suggestions (one article has them). */
export const ContentSummarySchema = ContentSchema.omit({
  html: true,
  seoReport: true,
  linkSuggestions: true,
  images: true,
  grounding: true,
});

export const ContentListQuerySchema = z.object({
  siteId: Id.optional(),
  status: ContentStatusSchema.optional(),
  search: z.string().trim().min(1).max(200).optional().describe('Title or focus keyword contains this.'),
});

export const ContentParamsSchema = z.object({ contentId: Id });

export const ContentEditRequestSchema = z
  .object({
    title: z.string().trim().min(1).max(300),
    slug: z
      .string()
      .trim()
      .max(120)
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'lowercase words joined by "-"' }),
    html: z.string().min(1).max(2_000_000).describe('Sanitized on save.'),
    excerpt: z.string().max(1000).nullable(),
    metaTitle: z.string().max(70).nullable(),
    metaDescription: z.string().max(200).nullable(),
    focusKeyword: z.string().trim().max(200).nullable(),
    approve: z
      .boolean()
      .describe(
        'Approve the edited version too; otherwise editing an approved article returns it to review.',
      ),
    baseUpdatedAt: z
      .string()
      .min(1)
      .max(40)
      .describe(
        'Optional precondition: the `updatedAt` of the version this edit started from. When the ' +
          'article was saved since (by a teammate, another tab or a run), nothing is saved and the ' +
          'answer is 409 CONTENT_CHANGED; load the article again, or send its new `updatedAt` to ' +
          'overwrite. Without it the edit always applies.',
      ),
  })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).some((k) => k !== 'baseUpdatedAt'), {
    message: 'give at least one field to change',
  });

export const ContentApproveRequestSchema = z.object({
  applyLinks: z.boolean().optional().describe('Apply the reviewed internal-link suggestions (default true).'),
});

export const ContentRejectRequestSchema = z.object({ reason: z.string().trim().max(1000).optional() });

export const ContentImageParamsSchema = z.object({ contentId: Id, imageId: Id });

/** A writing task: one per idea, queued for the writer (stage 4). */
export const TaskSchema = z.object({
  id: z.string(),
  siteId: z.string(),
  sectorId: z.string(),
  ideaId: z.string(),
  title: z.string().nullable().describe("The idea's title."),
  contentId: z.string().nullable().describe('The article written from it, once written.'),
  hasPromptOverride: z.boolean(),
  attempts: z.number().int(),
  error: z.string().nullable(),
  status: z.enum(TASK_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const TaskListQuerySchema = z.object({
  siteId: Id.optional(),
  sectorId: Id.optional().describe('Needs siteId.'),
  status: z.enum(TASK_STATUSES).optional(),
  ideaId: Id.optional(),
});

export const TaskParamsSchema = z.object({ taskId: Id });

export const TaskPromptQuerySchema = z.object({
  function: z
    .enum(['generate_content'])
    .default('generate_content')
    .describe('The AI function the override is for (the writing call).'),
});

/** The prompt a task is written with: its own override, else the account's, else the default. */
export const TaskPromptSchema = z.object({
  taskId: z.string(),
  function: z.enum(['generate_content']),
  key: z.string(),
  body: z.string(),
  source: z.enum(['task', 'account', 'default']),
  version: z.number().int(),
  variables: z.array(z.string()),
  required: z.array(z.string()).describe('Variables every override must keep.'),
});

export const TaskPromptSetSchema = z.object({
  body: z
    .string()
    .min(1)
    .max(200_000)
    .describe(
      'Template keeping every required {{placeholder}}; refused with PROMPT_MISSING_VARIABLES otherwise.',
    ),
});

export const TaskPromptClearSchema = z.object({ taskId: z.string(), removed: z.boolean() });

/** An image in the gallery: the image, its article's title, and when it last changed. */
export const GalleryImageSchema = ImageSchema.extend({
  siteId: z.string(),
  sectorId: z.string(),
  contentTitle: z.string().nullable(),
  contentSlug: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const ImageListQuerySchema = z.object({
  siteId: Id.optional(),
  sectorId: Id.optional().describe('Needs siteId.'),
  contentId: Id.optional(),
  status: z.enum(IMAGE_STATUSES).optional(),
  role: z.enum(IMAGE_ROLES).optional().describe('Featured or in-article images only.'),
});

export const ImageParamsSchema = z.object({ imageId: Id });

export const ImageRegenerateRequestSchema = z
  .object({
    prompt: z
      .string()
      .trim()
      .min(3)
      .max(4000)
      .optional()
      .describe('A new prompt (default: keep the stored one).'),
    negativePrompt: z
      .string()
      .max(1000)
      .nullable()
      .optional()
      .describe('A new negative prompt; null clears it.'),
  })
  .strict();

export const ContentExportQuerySchema = z.object({
  format: z
    .enum(['md', 'html'])
    .default('md')
    .describe('md: Markdown with YAML front matter; html: a document.'),
});

export const ContentExportRequestSchema = z.object({
  format: z.enum(['md', 'html']),
  status: ContentStatusSchema.optional().describe('Default approved when no ids are given.'),
  ids: z.array(Id).min(1).max(500).optional().describe('Articles to export (default: every match).'),
  siteId: Id.optional(),
});

export const ContentExportResultSchema = z.object({
  files: z.array(
    z.object({
      contentId: z.string(),
      slug: z.string(),
      filename: z.string().describe('<slug>.md or <slug>.html'),
      body: z.string().describe('The document: front matter, then the article; images point at the API.'),
    }),
  ),
});
