import type { Db } from '../db/index.js';
import type { ContentRefreshesTable, RefreshStatus } from '../db/schema.js';
import type { Scope, SiteScope } from '../tenancy/scope.js';
import { newId, nowIso } from '../util/ids.js';

export type RefreshRow = ContentRefreshesTable;

/** The columns a new refresh starts with (the rest start empty). */
export type NewRefresh = Pick<
  RefreshRow,
  'destination_id' | 'inventory_id' | 'content_id' | 'remote_id' | 'url' | 'slug' | 'options'
>;

/** Insert a refresh, queued for its run. */
export async function insertRefresh(db: Db, scope: SiteScope, input: NewRefresh): Promise<RefreshRow> {
  const now = nowIso();
  const row: RefreshRow = {
    id: newId(),
    account_id: scope.accountId,
    site_id: scope.siteId,
    ...input,
    status: 'queued',
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
  };
  await db.insertInto('content_refreshes').values(row).execute();
  return row;
}

export function findRefresh(db: Db, scope: Scope, id: string): Promise<RefreshRow | undefined> {
  let q = db
    .selectFrom('content_refreshes')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .where('id', '=', id);
  if (scope.siteId) q = q.where('site_id', '=', scope.siteId);
  return q.executeTakeFirst();
}

/** The open refresh of a post (not yet live, failed or stale), if any: one at a time per post. */
export function findOpenRefresh(
  db: Db,
  scope: Scope,
  destinationId: string,
  remoteId: string,
): Promise<RefreshRow | undefined> {
  return db
    .selectFrom('content_refreshes')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .where('destination_id', '=', destinationId)
    .where('remote_id', '=', remoteId)
    .where('status', 'in', ['queued', 'review', 'approved', 'publishing'])
    .executeTakeFirst();
}

/**
 * Patch a refresh; with `from`, only while it is in one of those statuses (a compare-and-set:
 * returns false when another process moved it first).
 */
export async function updateRefresh(
  db: Db,
  scope: Scope,
  id: string,
  patch: Partial<RefreshRow>,
  from?: RefreshStatus[],
): Promise<boolean> {
  let q = db
    .updateTable('content_refreshes')
    .set({ ...patch, updated_at: nowIso() })
    .where('account_id', '=', scope.accountId)
    .where('id', '=', id);
  if (from) q = q.where('status', 'in', from);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function listRefreshes(
  db: Db,
  scope: Scope,
  opts: { siteId?: string; statuses?: RefreshStatus[]; limit?: number; offset?: number } = {},
): Promise<{ items: RefreshRow[]; total: number }> {
  let q = db.selectFrom('content_refreshes').where('account_id', '=', scope.accountId);
  if (opts.siteId) q = q.where('site_id', '=', opts.siteId);
  if (opts.statuses?.length) q = q.where('status', 'in', opts.statuses);
  const [items, total] = await Promise.all([
    q
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(opts.limit ?? 50)
      .offset(opts.offset ?? 0)
      .execute(),
    q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
  ]);
  return { items, total: Number(total?.n ?? 0) };
}

/** Remove a refresh that never started (its run was refused): nothing is left half-made. */
export async function deleteQueuedRefresh(db: Db, scope: Scope, id: string): Promise<void> {
  await db
    .deleteFrom('content_refreshes')
    .where('account_id', '=', scope.accountId)
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .where('fetched_at', 'is', null)
    .execute();
}

/** URLs of the site's refreshes still open or created since `since` (a scheduled refresh skips them). */
export async function recentRefreshUrls(db: Db, scope: SiteScope, since: string): Promise<string[]> {
  const rows = await db
    .selectFrom('content_refreshes')
    .select('url')
    .where('account_id', '=', scope.accountId)
    .where('site_id', '=', scope.siteId)
    .where((eb) =>
      eb.or([
        eb('created_at', '>=', since),
        eb('status', 'in', ['queued', 'review', 'approved', 'publishing']),
      ]),
    )
    .execute();
  return rows.map((r) => r.url);
}
