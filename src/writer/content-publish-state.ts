import type { Db } from '../db/index.js';
import type { PublishRecordsTable } from '../db/schema.js';
import type { Scope } from '../tenancy/scope.js';

/** Where an article went and how it stands there: one per destination it was sent to. */
export interface ContentPublishState {
  destinationId: string;
  destination: string;
  kind: string;
  /** Our record's state (published means delivered; see remoteStatus for what the site shows). */
  status: PublishRecordsTable['status'];
  /** The post's status on the site as last seen: publish, draft, future, trash, missing … */
  remoteStatus: string | null;
  remoteUrl: string | null;
  /** UTC ISO times. */
  scheduledAt: string | null;
  publishedAt: string | null;
  error: string | null;
}

/**
 * The publish state of each article, in one query for a page of articles (content list/show and
 * the content API show it). Articles never sent have no entry.
 */
export async function loadPublishStates(
  db: Db,
  scope: Scope,
  contentIds: string[],
): Promise<Map<string, ContentPublishState[]>> {
  const out = new Map<string, ContentPublishState[]>();
  if (contentIds.length === 0) return out;
  const rows = await db
    .selectFrom('publish_records as r')
    .innerJoin('publish_destinations as d', 'd.id', 'r.destination_id')
    .select([
      'r.content_id',
      'r.destination_id',
      'd.name',
      'd.kind',
      'r.status',
      'r.remote_status',
      'r.remote_url',
      'r.scheduled_at',
      'r.published_at',
      'r.error',
    ])
    .where('r.account_id', '=', scope.accountId)
    .where('r.content_id', 'in', contentIds)
    .orderBy('d.created_at')
    .execute();
  for (const r of rows) {
    const list = out.get(r.content_id) ?? [];
    list.push({
      destinationId: r.destination_id,
      destination: r.name,
      kind: r.kind,
      status: r.status,
      remoteStatus: r.remote_status,
      remoteUrl: r.remote_url,
      scheduledAt: r.scheduled_at,
      publishedAt: r.published_at,
      error: r.error,
    });
    out.set(r.content_id, list);
  }
  return out;
}
