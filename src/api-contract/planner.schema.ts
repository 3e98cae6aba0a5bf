import { z } from 'zod';
import {
  CLUSTER_METHODS,
  CLUSTER_STATUSES,
  IDEA_SOURCES,
  IDEA_STATUSES,
  KEYWORD_STATUSES,
} from './enum-values.js';

export const KEYWORD_FORMAT_NAMES = ['semrush', 'ahrefs', 'gkp', 'gsc', 'csv', 'plain'] as const;
export const KEYWORD_SORT_NAMES = [
  'volume',
  '-volume',
  'difficulty',
  '-difficulty',
  'keyword',
  '-keyword',
  'created',
  '-created',
] as const;
export const CLUSTER_SORT_NAMES = [
  'volume',
  '-volume',
  'keywords',
  '-keywords',
  'name',
  '-name',
  'created',
  '-created',
] as const;

const Id = z.string().min(1).max(100);
const QueryInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const KeywordSchema = z.object({
  id: z.string(),
  siteId: z.string(),
  sectorId: z.string(),
  keyword: z.string(),
  normalized: z.string(),
  volume: z.number().nullable(),
  difficulty: z.number().nullable(),
  cpc: z.number().nullable(),
  intent: z.string().nullable(),
  source: z.string(),
  clusterId: z.string().nullable(),
  status: z.enum(KEYWORD_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const KeywordListQuerySchema = z.object({
  siteId: Id.optional(),
  sectorId: Id.optional().describe('Needs siteId.'),
  status: z.enum(KEYWORD_STATUSES).optional(),
  clusterId: Id.optional(),
  search: z.string().trim().min(1).max(200).optional().describe('Keyword contains this text.'),
  minVolume: QueryInt(0, 2_000_000_000).optional(),
  maxDifficulty: QueryInt(0, 100).optional(),
  sort: z.enum(KEYWORD_SORT_NAMES).optional().describe('Default -volume.'),
});

/**
 * An upload as JSON (no multipart): `content` for text (UTF-8, as most exports are), or
 * `contentBase64` for the raw bytes (Keyword Planner's UTF-16 files). Bounded by server.bodyLimit.
 */
export const KeywordImportRequestSchema = z
  .object({
    siteId: Id,
    sectorId: Id,
    content: z.string().min(1).optional().describe('The export as text.'),
    contentBase64: z
      .string()
      .min(1)
      .regex(/^[A-Za-z0-9+/=\s_-]+$/, { message: 'expected base64' })
      .optional()
      .describe('The export as base64 bytes (keeps UTF-16 and BOMs intact).'),
    format: z
      .enum(['auto', ...KEYWORD_FORMAT_NAMES])
      .optional()
      .describe('Default: detect from the header.'),
    source: z.string().trim().min(1).max(50).optional(),
    dryRun: z.boolean().optional().describe('Parse and count, write nothing.'),
  })
  .refine((v) => (v.content === undefined) !== (v.contentBase64 === undefined), {
    message: 'give exactly one of content or contentBase64',
    path: ['content'],
  });

export const ImportReportSchema = z.object({
  format: z.enum(KEYWORD_FORMAT_NAMES),
  encoding: z.string(),
  source: z.string(),
  dryRun: z.boolean(),
  rows: z.number().int(),
  imported: z.number().int(),
  duplicates: z.number().int(),
  duplicatesInFile: z.number().int(),
  duplicatesExisting: z.number().int(),
  duplicateRows: z.array(
    z.object({ line: z.number().int(), keyword: z.string(), firstLine: z.number().int().nullable() }),
  ),
  rejected: z.array(z.object({ line: z.number().int(), reason: z.string(), value: z.string() })),
  rejectedCount: z.number().int(),
  warnings: z.array(z.string()),
});

export const KeywordIdsRequestSchema = z.object({
  ids: z.array(Id).min(1).max(10_000).describe('Keyword ids of your account.'),
});

export const BulkResultSchema = z.object({ affected: z.number().int(), ids: z.array(z.string()) });

export const ClusterSchema = z.object({
  id: z.string(),
  siteId: z.string(),
  sectorId: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  primaryKeyword: z.string().nullable(),
  keywordCount: z.number().int(),
  volumeSum: z.number(),
  method: z.enum(CLUSTER_METHODS),
  status: z.enum(CLUSTER_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const ClusterListQuerySchema = z.object({
  siteId: Id.optional(),
  sectorId: Id.optional().describe('Needs siteId.'),
  status: z.enum(CLUSTER_STATUSES).optional(),
  method: z.enum(CLUSTER_METHODS).optional(),
  search: z.string().trim().min(1).max(200).optional(),
  sort: z.enum(CLUSTER_SORT_NAMES).optional().describe('Default -volume.'),
});

export const ClusterLocalRequestSchema = z.object({
  siteId: Id,
  sectorId: Id,
  minClusterSize: z.number().int().min(2).max(1000).optional(),
  maxClusterSize: z.number().int().min(2).max(10_000).optional(),
  dryRun: z.boolean().optional(),
});

export const ClusterRunReportSchema = z.object({
  method: z.enum(['local', 'ai']),
  dryRun: z.boolean(),
  keywords: z.number().int(),
  clustered: z.number().int(),
  unclustered: z.number().int(),
  unclusteredShare: z.number(),
  clusters: z.array(
    z.object({
      id: z.string().nullable(),
      name: z.string(),
      description: z.string(),
      primaryKeyword: z.string(),
      keywordCount: z.number().int(),
      volumeSum: z.number(),
    }),
  ),
  credits: z.number(),
});

export const ClusterAiRequestSchema = z.object({
  siteId: Id,
  sectorId: Id,
  batchSize: z
    .number()
    .int()
    .min(1)
    .max(500)
    .optional()
    .describe('Keywords per auto_cluster call (default 50).'),
  maxBatches: z.number().int().min(1).max(10_000).optional().describe('Stop after this many calls.'),
});

export const ClusterAiReportSchema = ClusterRunReportSchema.extend({
  batches: z.number().int(),
  failure: z.object({ batch: z.string(), code: z.string(), message: z.string() }).optional(),
});

const OutlineSectionViewSchema = z.object({
  heading: z.string(),
  points: z.array(z.string()),
  keywords: z.array(z.string()),
});

/** An article idea with the outline the writer follows (the seed system lost it; we keep it). */
export const IdeaSchema = z.object({
  id: z.string(),
  siteId: z.string(),
  sectorId: z.string(),
  clusterId: z.string().nullable(),
  clusterName: z.string().nullable(),
  title: z.string(),
  brief: z.string().nullable(),
  outline: z.object({ sections: z.array(OutlineSectionViewSchema) }).nullable(),
  primaryKeywords: z.array(z.string()),
  secondaryKeywords: z.array(z.string()),
  targetWords: z.number().int(),
  contentType: z.string(),
  structure: z.string(),
  source: z.enum(IDEA_SOURCES),
  status: z.enum(IDEA_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const IdeaListQuerySchema = z.object({
  siteId: Id.optional(),
  sectorId: Id.optional().describe('Needs siteId.'),
  clusterId: Id.optional(),
  status: z.enum(IDEA_STATUSES).optional(),
  search: z.string().trim().min(1).max(200).optional().describe('Title or brief contains this text.'),
});

export const IdeaParamsSchema = z.object({ ideaId: Id });
