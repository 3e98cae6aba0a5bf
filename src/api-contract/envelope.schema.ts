import { z } from 'zod';
import { HINT_ACTIONS } from './hint-actions.js';

/** Shared by the server and the dashboard: zod only, no IO, no imports from the rest of igny8. */

export const RequestIdSchema = z.string().describe('The request id, echoed in the X-Request-ID header.');

/** `{ success: true, data, message?, request_id }` around `data`. */
export function successEnvelopeSchema<T extends z.ZodType>(data: T) {
  return z.object({
    success: z.literal(true),
    data,
    message: z.string().optional(),
    request_id: RequestIdSchema,
  });
}

/** One page of a list: `{ count, next, previous, results }` (next/previous are paths with the query). */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    count: z.number().int().min(0).describe('Items matching the query, across all pages.'),
    next: z.string().nullable().describe('Path of the next page, or null.'),
    previous: z.string().nullable().describe('Path of the previous page, or null.'),
    results: z.array(item),
  });
}

export const FieldErrorsSchema = z
  .record(z.string(), z.array(z.string()))
  .describe('Messages per field, keyed by the dotted field path.');

export const ErrorEnvelopeSchema = z.object({
  success: z.literal(false),
  error: z.string().describe('What happened, for people.'),
  code: z.string().describe('A stable code from the error catalog (VALIDATION_FAILED, SITE_NOT_FOUND, …).'),
  errors: FieldErrorsSchema.optional(),
  hint: z.string().optional().describe('What to do about it, worded for API callers.'),
  action: z
    .object({ id: z.enum(HINT_ACTIONS), params: z.record(z.string(), z.string()).optional() })
    .optional()
    .describe('The same advice as an action id and its facts, for clients that word it themselves.'),
  request_id: RequestIdSchema,
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelopeSchema>;

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** `?page=&page_size=` or `?limit=&offset=`; the server merges this into every list route's query. */
export const PageQuerySchema = z.object({
  page: int(1, 1_000_000).optional().describe('1-based page number (with page_size).'),
  page_size: int(1, 500).optional().describe('Items per page, 1–500 (default 50).'),
  limit: int(1, 500).optional().describe('Items to return, 1–500 (alternative to page/page_size).'),
  offset: int(0, 100_000_000).optional().describe('Items to skip (with limit).'),
});
export type PageQuery = z.infer<typeof PageQuerySchema>;

/** A path id: our ids are UUIDs, but any short token is accepted so a bad one reads as "not found". */
export const IdSchema = z.string().min(1).max(100);

/** Query booleans arrive as text: "true"/"false"/"1"/"0". */
export const QueryBooleanSchema = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

export const DeletedSchema = z.object({ id: z.string(), deleted: z.literal(true) });
