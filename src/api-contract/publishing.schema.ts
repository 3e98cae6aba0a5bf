import { z } from 'zod';
import { DESTINATION_KINDS, DESTINATION_STATUSES, PUBLISH_STATUSES } from './enum-values.js';

const Id = z.string().min(1).max(100);

export const DestinationSchema = z.object({
  id: z.string(),
  siteId: z.string(),
  kind: z.enum(DESTINATION_KINDS),
  name: z.string(),
  config: z.record(z.string(), z.unknown()).describe('Settings without secrets.'),
  hasSecret: z.boolean(),
  status: z.enum(DESTINATION_STATUSES),
  createdAt: z.string(),
});

export const DestinationListQuerySchema = z.object({ siteId: Id.optional() });
export const DestinationParamsSchema = z.object({ destinationId: Id.describe('Destination id or name.') });

export const WordPressConnectRequestSchema = z.object({
  siteId: Id,
  url: z.url().describe('The WordPress site, e.g. https://blog.example.com'),
  user: z.string().trim().min(1).max(200),
  appPassword: z.string().trim().min(1).max(200).describe('Application password; stored encrypted.'),
  name: z.string().trim().min(1).max(80).optional(),
  categories: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
  defaultAuthor: z.number().int().positive().optional(),
  skipCheck: z.boolean().optional().describe('Save without checking the site first.'),
});

const ProblemSchema = z.object({
  code: z.string(),
  severity: z.string(),
  message: z.string(),
  hint: z.string().optional(),
});

export const WordPressReportSchema = z.object({
  ok: z.boolean(),
  site: z.string(),
  restRoot: z.string().nullable(),
  siteName: z.string().nullable(),
  rest: z.boolean(),
  prettyPermalinks: z.boolean().nullable(),
  user: z
    .object({
      id: z.number(),
      name: z.string(),
      roles: z.array(z.string()),
      canPublish: z.boolean(),
      canUpload: z.boolean(),
      canCreateTerms: z.boolean(),
    })
    .nullable(),
  seo: z.unknown(),
  jsonLd: z
    .object({ via: z.enum(['meta', 'content', 'none']), warning: z.string().nullable() })
    .nullable()
    .optional()
    .describe(
      'How a publish carries JSON-LD for this user: companion-plugin meta, a script in the content, or none (WordPress would strip it).',
    ),
  problems: z.array(ProblemSchema),
});

export const WordPressConnectResultSchema = z.object({
  destination: DestinationSchema,
  report: WordPressReportSchema.nullable(),
});

export const WordPressTestResultSchema = z.object({
  destination: DestinationSchema,
  report: WordPressReportSchema,
});

export const WebhookDestinationRequestSchema = z.object({
  siteId: Id,
  url: z.url().describe('Where to POST the signed JSON, e.g. https://hooks.example.com/igny8'),
  secret: z
    .string()
    .min(16, 'a signing secret of at least 16 characters')
    .max(200)
    .optional()
    .describe('Signing secret; generated when absent. Returned in this answer only.'),
  name: z.string().trim().min(1).max(80).optional(),
  includeImages: z.boolean().optional().describe('Send images as base64 in the payload.'),
});

export const WebhookDestinationResultSchema = z.object({
  destination: DestinationSchema,
  secret: z.string().describe('The signing secret: shown this once, never again.'),
});

export const FolderDestinationRequestSchema = z.object({
  siteId: Id,
  folder: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .describe("A relative folder name inside the server's export folder (server.exportDir)."),
  format: z.enum(['md', 'html']).optional(),
  name: z.string().trim().min(1).max(80).optional(),
});

export const DestinationTestResultSchema = z.object({
  destination: DestinationSchema,
  ok: z.boolean(),
  checks: z.array(
    z.object({ name: z.string(), ok: z.boolean(), detail: z.string(), hint: z.string().optional() }),
  ),
  report: WordPressReportSchema.nullable().describe('WordPress destinations: the connection report.'),
});

export const PublishRequestSchema = z.object({
  siteId: Id,
  destination: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe("Destination id or name (default: the site's first)."),
  contentIds: z
    .array(Id)
    .min(1)
    .max(500)
    .optional()
    .describe('Default: every approved, unpublished article.'),
  when: z
    .enum(['schedule', 'now'])
    .optional()
    .describe("schedule (default) follows the site's publishing settings."),
  status: z.enum(['draft', 'publish']).optional(),
  republish: z.boolean().optional().describe('Re-send published articles (updates the same remote post).'),
  allowSample: z
    .boolean()
    .optional()
    .describe('Publish sandbox-generated sample articles to a destination that is not on this machine.'),
});

export const PublishResultSchema = z.object({
  contentId: z.string(),
  recordId: z.string(),
  status: z.enum(PUBLISH_STATUSES),
  remoteId: z.string().nullable(),
  remoteUrl: z.string().nullable(),
  remoteStatus: z
    .string()
    .nullable()
    .optional()
    .describe('The post status on the site: publish, draft, future …'),
  scheduledAt: z.string().nullable(),
  warnings: z.array(z.string()),
  repairedMedia: z
    .array(z.string())
    .optional()
    .describe('Media deleted on the site and uploaded again ("featured", "inline-1").'),
  error: z.string().optional(),
  code: z.string().optional(),
  hint: z.string().optional(),
});

export const CalendarQuerySchema = z.object({
  siteId: Id.optional(),
  from: z.string().max(40).optional().describe('ISO date-time (inclusive).'),
  to: z.string().max(40).optional().describe('ISO date-time (exclusive).'),
});

export const CalendarEntrySchema = z.object({
  recordId: z.string(),
  contentId: z.string(),
  destinationId: z.string(),
  status: z.string(),
  remoteStatus: z.string().nullable().optional().describe('Status on the site as last seen.'),
  siteStatus: z
    .string()
    .optional()
    .describe('What the site shows: published only when the post is live there (draft on site ≠ published).'),
  at: z.string().nullable(),
  localAt: z.string().nullable().optional().describe("`at` in the account's timezone, e.g. 2030-05-06 09:15"),
  timezone: z.string().optional(),
  destination: z.string().optional(),
  remoteUrl: z.string().nullable(),
  error: z.string().nullable(),
});

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const PUBLISH_POST_STATUSES = ['draft', 'publish'] as const;
export const PUBLISHING_MODES = ['immediate', 'time_slots', 'stagger'] as const;
/** A time of day like "09:30" (publishing slots and stagger windows). */
export const TimeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time like "09:30"');
const hhmm = TimeOfDaySchema;
const Weekday = z.enum(WEEKDAYS);

/** A site's publishing schedule, defaults filled in (src/publishing/publishing-settings.schema.ts). */
export const PublishingSettingsViewSchema = z.object({
  autoPublish: z.boolean(),
  status: z.enum(PUBLISH_POST_STATUSES),
  mode: z.enum(PUBLISHING_MODES),
  timeSlots: z.array(z.string()),
  stagger: z.object({ start: z.string(), end: z.string(), intervalMinutes: z.number().int() }),
  days: z.array(Weekday),
  limits: z.object({ daily: z.number().int(), weekly: z.number().int(), monthly: z.number().int() }),
});

export const SitePublishingSchema = z.object({
  siteId: z.string(),
  timezone: z.string().describe("The account's timezone the slots and days are read in."),
  publishing: PublishingSettingsViewSchema,
});

/** A change to the schedule: only the keys given change (nested ones too); checked as a whole after. */
export const PublishingSettingsPatchRequestSchema = z
  .object({
    autoPublish: z.boolean(),
    status: z.enum(PUBLISH_POST_STATUSES),
    mode: z.enum(PUBLISHING_MODES),
    timeSlots: z.array(hhmm).min(1),
    stagger: z
      .object({ start: hhmm, end: hhmm, intervalMinutes: z.number().int().min(5).max(1440) })
      .partial()
      .strict(),
    days: z.array(Weekday).min(1),
    limits: z
      .object({
        daily: z.number().int().min(1),
        weekly: z.number().int().min(1),
        monthly: z.number().int().min(1),
      })
      .partial()
      .strict(),
  })
  .partial()
  .strict();
