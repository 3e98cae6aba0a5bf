import type { Db } from '../../src/db/index.js';
import type { ContentRefreshesTable, SiteInventoryTable } from '../../src/db/schema.js';
import { toJson } from '../../src/util/json.js';
import { nowIso } from '../../src/util/ids.js';

export interface SeedScope {
  accountId: string;
  siteId: string;
}

/**
 * Insert an active WordPress destination. With `url` it holds a login (user 'editor', a secret);
 * without, only a name (config '{}', no secret), for suites that never call WordPress.
 * @example await seedWordPressDestination(t.db, scope, { id: 'dest-1', url: 'https://wp.test' })
 */
export async function seedWordPressDestination(
  db: Db,
  scope: SeedScope,
  opts: { id: string; url?: string },
): Promise<void> {
  const now = nowIso();
  await db
    .insertInto('publish_destinations')
    .values({
      id: opts.id,
      account_id: scope.accountId,
      site_id: scope.siteId,
      kind: 'wordpress',
      name: 'blog',
      config: opts.url ? JSON.stringify({ url: opts.url, user: 'editor' }) : '{}',
      secret_enc: opts.url ? 'x' : null,
      status: 'active',
      created_at: now,
      updated_at: now,
    })
    .execute();
}

/**
 * A site_inventory row for a post of this WordPress at `${url}/${slug}/` (no excerpt or categories,
 * not one of ours), modified now.
 */
export function inventoryRow(
  scope: SeedScope,
  destination: { id: string; url: string },
  post: { id: string; remoteId: string; title: string; slug: string; tags?: string[]; focusKeyword?: string },
): SiteInventoryTable {
  const now = nowIso();
  return {
    id: post.id,
    account_id: scope.accountId,
    site_id: scope.siteId,
    destination_id: destination.id,
    remote_id: post.remoteId,
    kind: 'post',
    title: post.title,
    url: `${destination.url}/${post.slug}/`,
    slug: post.slug,
    excerpt: null,
    categories: '[]',
    tags: toJson(post.tags ?? []),
    focus_keyword: post.focusKeyword ?? null,
    remote_modified_at: now,
    content_id: null,
    created_at: now,
    updated_at: now,
  };
}

/**
 * A content_refreshes row: the given columns over empty ones (remote_id is the id, nothing fetched,
 * drafted or sent, created now).
 */
export function refreshRow(
  scope: SeedScope,
  row: Pick<ContentRefreshesTable, 'id' | 'destination_id' | 'url' | 'slug' | 'status'> &
    Partial<ContentRefreshesTable>,
): ContentRefreshesTable {
  const now = nowIso();
  return {
    account_id: scope.accountId,
    site_id: scope.siteId,
    inventory_id: null,
    content_id: null,
    remote_id: row.id,
    options: '{}',
    run_id: null,
    live_title: null,
    live_html: null,
    live_modified: null,
    live_hash: null,
    fetched_at: null,
    draft_title: null,
    draft_html: null,
    notes: '{}',
    credits: 0,
    publish_intent: null,
    publish_attempts: 0,
    published_at: null,
    published_modified: null,
    approved_at: null,
    error: null,
    error_code: null,
    created_at: now,
    updated_at: now,
    ...row,
  };
}
