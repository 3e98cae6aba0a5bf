import { z } from 'zod';
import { KB_FORMAT_NAMES, KB_SOURCE_ORIGINS } from './enum-values.js';

const Id = z.string().min(1).max(100);
const KbFormatSchema = z.enum(KB_FORMAT_NAMES);

/** A source in a site's knowledge base. */
export const KbSourceSchema = z.object({
  id: z.string(),
  siteId: z.string(),
  title: z.string().describe('Cited in Sources lists.'),
  url: z.string().nullable().describe('The page it came from, or the address given for a file.'),
  origin: z.enum(KB_SOURCE_ORIGINS),
  fileName: z.string().nullable(),
  format: KbFormatSchema,
  sha256: z.string().describe('Of the bytes read: the same bytes added again are the same source.'),
  bytes: z.number().int(),
  chars: z.number().int().describe('Characters of extracted text.'),
  passageCount: z.number().int(),
  createdAt: z.string(),
});

export const KbPassageSchema = z.object({
  id: z.string(),
  sourceId: z.string(),
  seq: z.number().int(),
  heading: z.string().nullable().describe('The nearest heading above the passage in its source.'),
  text: z.string(),
  words: z.number().int(),
});

export const KbSourceDetailSchema = KbSourceSchema.extend({ passages: z.array(KbPassageSchema) });

export const KbHitSchema = KbPassageSchema.extend({
  sourceTitle: z.string(),
  sourceUrl: z.string().nullable(),
  score: z.number().describe('Relevance from the full-text index; higher is better.'),
});

/**
 * Add a source: a page `url` (fetched once by the server, main content only, private addresses
 * refused unless server.allowPrivateUrls), or the file in the body as `content` (text) or
 * `contentBase64` (PDF, DOCX).
 */
export const KbAddRequestSchema = z
  .object({
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional()
      .describe('A page to fetch once now.'),
    content: z.string().max(15_000_000).optional().describe('The file as text (Markdown, text, HTML).'),
    contentBase64: z.string().max(20_000_000).optional().describe('The file as base64 (PDF, DOCX).'),
    fileName: z
      .string()
      .trim()
      .min(1)
      .max(255)
      .optional()
      .describe('Its name; the extension names the format.'),
    format: KbFormatSchema.optional().describe('The format, when the name does not say.'),
    title: z
      .string()
      .trim()
      .min(1)
      .max(300)
      .optional()
      .describe('Title to cite (default: the document’s own).'),
    sourceUrl: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional()
      .describe('Address to cite for a file.'),
  })
  .refine((b) => [b.url, b.content, b.contentBase64].filter((x) => x !== undefined).length === 1, {
    message: 'give exactly one of url, content or contentBase64',
    path: ['content'],
  });

export const KbAddResultSchema = z.object({
  source: KbSourceSchema,
  created: z.boolean().describe('False when the same bytes were already there (nothing added).'),
});

export const KbSourceParamsSchema = z.object({ sourceId: Id });

export const KbSearchQuerySchema = z.object({
  q: z.string().trim().min(1).max(500).describe('Words to search the passages for.'),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
