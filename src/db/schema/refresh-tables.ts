/** Refreshes of a site's existing posts (0023), owned by src/refresh. */
import type { REFRESH_STATUSES } from '../../api-contract/enum-values.js';

export type RefreshStatus = (typeof REFRESH_STATUSES)[number];

export interface ContentRefreshesTable {
  id: string;
  account_id: string;
  site_id: string;
  destination_id: string;
  inventory_id: string | null;
  content_id: string | null;
  /** The WordPress post id the update goes to. */
  remote_id: string;
  url: string;
  slug: string;
  status: RefreshStatus;
  /** JSON: { queries: string[], title?: string }. */
  options: string;
  run_id: string | null;
  live_title: string | null;
  /** The post's raw content as fetched (context=edit). */
  live_html: string | null;
  /** WordPress's modified_gmt of the fetched version (ISO-8601 UTC). */
  live_modified: string | null;
  live_hash: string | null;
  fetched_at: string | null;
  draft_title: string | null;
  draft_html: string | null;
  /** JSON: what the rewrite did. */
  notes: string;
  credits: number;
  /** JSON: the update about to be sent, written before the remote call. */
  publish_intent: string | null;
  publish_attempts: number;
  published_at: string | null;
  /** WordPress's modified_gmt after our update. */
  published_modified: string | null;
  approved_at: string | null;
  error: string | null;
  error_code: string | null;
  created_at: string;
  updated_at: string;
}
