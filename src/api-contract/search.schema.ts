import { z } from 'zod';

export const SEARCH_TYPES = ['keyword', 'cluster', 'idea', 'content'] as const;
export const SearchTypeSchema = z.enum(SEARCH_TYPES);

export const SearchQuerySchema = z.object({
  q: z.string().trim().min(1, { message: 'type at least one character' }).max(200),
  types: z
    .string()
    .max(100)
    .transform((s) =>
      s
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    )
    .pipe(z.array(SearchTypeSchema).min(1))
    .optional()
    .describe('Comma-separated subset of keyword,cluster,idea,content (default: all).'),
  siteId: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(50).optional().describe('Hits per type, 1–50 (default 10).'),
});

export const SearchHitSchema = z.object({
  type: SearchTypeSchema,
  id: z.string(),
  title: z.string(),
  siteId: z.string(),
  sectorId: z.string(),
  status: z.string(),
  updatedAt: z.string(),
});
export type SearchHit = z.infer<typeof SearchHitSchema>;

export const SearchResultSchema = z.object({
  q: z.string(),
  hits: z.array(SearchHitSchema),
});
