import { z } from 'zod';

export const INVENTORY_KINDS = ['post', 'page'] as const;

/** One of the site's existing posts or pages, as imported by `igny8 wp import-posts`. */
export const InventoryItemSchema = z.object({
  id: z.string(),
  destinationId: z.string(),
  remoteId: z.string().describe('The post id on the site.'),
  kind: z.enum(INVENTORY_KINDS),
  title: z.string(),
  url: z.string(),
  slug: z.string(),
  excerpt: z.string().nullable(),
  categories: z.array(z.string()),
  tags: z.array(z.string()),
  focusKeyword: z.string().nullable().describe('From the SEO plugin, where the site exposes it.'),
  modifiedAt: z.string().describe('Last modified on the site (UTC).'),
  contentId: z.string().nullable().describe('The igny8 article this post is, when igny8 published it.'),
});
export type InventoryItem = z.infer<typeof InventoryItemSchema>;

export const InventoryListQuerySchema = z.object({
  search: z.string().trim().max(200).optional().describe('Only posts whose title contains this.'),
});
