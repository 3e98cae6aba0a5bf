/** Internal links waiting for their target, and the site's existing posts (inventory). */
export interface InternalLinksTable {
  id: string;
  account_id: string;
  site_id: string;
  destination_id: string;
  source_content_id: string;
  target_content_id: string;
  anchor: string;
  /** pending: left out of the published post until the target is live; live: in the post. */
  status: 'pending' | 'live';
  created_at: string;
  updated_at: string;
}

export interface SiteInventoryTable {
  id: string;
  account_id: string;
  site_id: string;
  destination_id: string;
  remote_id: string;
  kind: 'post' | 'page';
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
