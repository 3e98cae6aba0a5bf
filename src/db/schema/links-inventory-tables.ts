import type { INVENTORY_KINDS } from '../../api-contract/inventory.schema.js';

/** pending: left out of the published post until the target is live; live: in the post. */
export const INTERNAL_LINK_STATUSES = ['pending', 'live'] as const;

/** Internal links waiting for their target, and the site's existing posts (inventory). */
export interface InternalLinksTable {
  id: string;
  account_id: string;
  site_id: string;
  destination_id: string;
  source_content_id: string;
  target_content_id: string;
  anchor: string;
  status: (typeof INTERNAL_LINK_STATUSES)[number];
  created_at: string;
  updated_at: string;
}

export interface SiteInventoryTable {
  id: string;
  account_id: string;
  site_id: string;
  destination_id: string;
  remote_id: string;
  kind: (typeof INVENTORY_KINDS)[number];
  title: string;
  url: string;
  slug: string;
  excerpt: string | null;
  /** JSON array of category names. */
  categories: string;
  /** JSON array of tag names. */
  tags: string;
  focus_keyword: string | null;
  remote_modified_at: string;
  /** The igny8 article this post is, when we published it. */
  content_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface SiteInventoryKeywordsTable {
  inventory_id: string;
  site_id: string;
  /** Normalized (lower case, single spaces). */
  keyword: string;
}
