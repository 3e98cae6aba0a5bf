import { z } from 'zod';
import { SEARCH_CONSOLE_SOURCES } from './enum-values.js';

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected a day as YYYY-MM-DD' })
  .describe('YYYY-MM-DD');

/** Clicks, impressions and the impression-weighted average position (null without impressions). */
export const GscMetricsSchema = z.object({
  clicks: z.number().int(),
  impressions: z.number().int(),
  position: z.number().nullable().describe('Σ position·impressions / Σ impressions; 1 = top.'),
});
export type GscMetrics = z.infer<typeof GscMetricsSchema>;

/** A page or a query in a top list over a window. */
export const GscTopItemSchema = GscMetricsSchema.extend({
  key: z.string().describe('The page URL or the query.'),
});
export type GscTopItem = z.infer<typeof GscTopItemSchema>;

export const GscDaySchema = GscMetricsSchema.extend({ date: z.string() });
export type GscDay = z.infer<typeof GscDaySchema>;

/** One page's, one query's, or one page × query's days over a window, with totals. */
export const GscSeriesSchema = z.object({
  page: z.string().nullable(),
  query: z.string().nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  totals: GscMetricsSchema,
  days: z.array(GscDaySchema).describe('Days with data, oldest first.'),
});
export type GscSeries = z.infer<typeof GscSeriesSchema>;

export const GscWindowQuerySchema = z.object({
  from: Day.optional().describe('First day (default: 27 days before `to`).'),
  to: Day.optional().describe('Last day (default: the last day held).'),
});

export const GscTopQuerySchema = GscWindowQuerySchema.extend({
  sort: z.enum(['clicks', 'impressions', 'position']).optional().describe('Default: clicks.'),
  search: z.string().trim().max(200).optional().describe('Only keys containing this (case-insensitive).'),
});
export type GscTopQuery = z.infer<typeof GscTopQuerySchema>;

export const GscSeriesQuerySchema = GscWindowQuerySchema.extend({
  page: z.string().trim().min(1).max(2000).optional().describe('A page URL.'),
  query: z.string().trim().min(1).max(1000).optional().describe('A query.'),
}).refine((q) => q.page !== undefined || q.query !== undefined, {
  message: 'give page, query or both',
  path: ['page'],
});

export const GscSyncSchema = z.object({
  id: z.string(),
  source: z.enum(SEARCH_CONSOLE_SOURCES),
  origin: z.string().describe('The file name, or the Search Console property.'),
  dateFrom: z.string(),
  dateTo: z.string(),
  rows: z.number().int().describe('Rows written.'),
  replaced: z.number().int().describe('Rows of the same range replaced.'),
  createdAt: z.string(),
});
export type GscSync = z.infer<typeof GscSyncSchema>;

/** How a site reaches Search Console; the key itself is never returned. */
export const GscConnectionSchema = z.object({
  property: z.string(),
  clientEmail: z.string().describe('The service account to add as a user of the property.'),
  updatedAt: z.string(),
});
export type GscConnection = z.infer<typeof GscConnectionSchema>;

export const GscStatusSchema = z.object({
  siteId: z.string(),
  connection: GscConnectionSchema.nullable(),
  held: z.object({ from: z.string().nullable(), to: z.string().nullable(), rows: z.number().int() }),
  syncs: z.array(GscSyncSchema).describe('The latest imports and pulls, newest first.'),
});
export type GscStatus = z.infer<typeof GscStatusSchema>;

/** Upload a Search Console CSV: `content` as text or `contentBase64` as bytes. */
export const GscImportRequestSchema = z
  .object({
    content: z.string().min(1).optional().describe('The CSV as text.'),
    contentBase64: z
      .string()
      .min(1)
      .regex(/^[A-Za-z0-9+/=\s_-]+$/, { message: 'expected base64' })
      .optional()
      .describe('The file as base64 bytes (UTF-16 exports, zips are refused with a reason).'),
    fileName: z.string().trim().min(1).max(255).optional().describe('Recorded as the sync origin.'),
  })
  .refine((v) => (v.content === undefined) !== (v.contentBase64 === undefined), {
    message: 'give exactly one of content or contentBase64',
    path: ['content'],
  });

const Listed = <T extends z.ZodRawShape>(shape: T) => z.array(z.object({ line: z.number().int(), ...shape }));

export const GscImportReportSchema = z.object({
  syncId: z.string(),
  siteId: z.string(),
  origin: z.string(),
  layer: z.enum(['page-query', 'page', 'query']),
  dateFrom: z.string(),
  dateTo: z.string(),
  rows: z.number().int().describe('Data rows read.'),
  stored: z.number().int().describe('Rows now held for the range.'),
  merged: z.number().int().describe('Rows summed into an earlier row of the same day × page × query.'),
  replaced: z.number().int(),
  rejectedCount: z.number().int(),
  rejected: Listed({ reason: z.string() }).describe('The first 100 invalid rows.'),
  offDomainCount: z.number().int(),
  offDomain: Listed({ page: z.string() }).describe(
    "The first 100 rows whose page is not on the site's domain.",
  ),
  anonymized: z.number().int(),
  otherSearchTypes: z.number().int(),
  warnings: z.array(z.string()),
});
export type GscImportReport = z.infer<typeof GscImportReportSchema>;

export const GscPullRequestSchema = z.object({
  from: Day.optional().describe('Default: 3 days before the last day held, or 16 months back.'),
  to: Day.optional().describe('Default: yesterday.'),
});

export const GscPullReportSchema = z.object({
  syncId: z.string(),
  siteId: z.string(),
  property: z.string(),
  dateFrom: z.string(),
  dateTo: z.string(),
  days: z.number().int(),
  fetched: z.number().int().describe('Rows the API returned.'),
  stored: z.number().int(),
  replaced: z.number().int(),
  offDomainCount: z.number().int(),
  offDomain: Listed({ page: z.string() }),
  warnings: z.array(z.string()),
});
export type GscPullReport = z.infer<typeof GscPullReportSchema>;

export const GscConnectRequestSchema = z.object({
  property: z
    .string()
    .trim()
    .max(500)
    .regex(/^(sc-domain:[a-z0-9.-]+\.[a-z]{2,}|https?:\/\/[^\s/]+\/\S*)$/i, {
      message: 'expected sc-domain:example.com or a URL prefix ending in / (https://example.com/)',
    })
    .describe('The Search Console property.'),
  key: z
    .string()
    .min(20)
    .max(20_000)
    .describe("The service account's JSON key file, as text (stored encrypted)."),
});
