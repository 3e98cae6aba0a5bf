import type { Db } from '../db/index.js';
import type { SiteScope } from '../tenancy/scope.js';
import type { Destination } from './destination.types.js';
import {
  listPublishRecords,
  updatePublishRecord,
  type PublishRecordRow,
} from './publish-record.repository.js';

export type RecordChange = { contentId: string; from: string | null; to: string; url: string | null };

/**
 * Read each delivered post's state on the destination and record what changed (status, URL): a
 * trash, a deletion, a moved URL and a restore from the trash are all noticed.
 */
export async function syncPublishRecords(
  db: Db,
  scope: SiteScope,
  destinationId: string,
  adapter: Destination,
): Promise<{ checked: number; changes: RecordChange[] }> {
  const rows = (await listPublishRecords(db, scope, { siteId: scope.siteId })).filter(
    (r) => r.destination_id === destinationId && r.remote_id && r.status !== 'publishing',
  );
  const changes: RecordChange[] = [];
  for (const r of rows) {
    const state = adapter.sync ? await adapter.sync(r.remote_id!) : null;
    if (!state) continue;
    // A post sent as a draft (or made private) is still delivered; only trash or deletion undo it.
    // A failed attempt stays failed (the post may lack parts) until a publish completes it.
    const status: PublishRecordRow['status'] =
      r.status === 'failed'
        ? 'failed'
        : state.remoteStatus === 'future'
          ? 'scheduled'
          : state.remoteStatus === 'trash' || state.remoteStatus === 'missing'
            ? 'unpublished'
            : 'published';
    if (state.remoteStatus === r.remote_status && state.remoteUrl === r.remote_url && status === r.status)
      continue;
    changes.push({
      contentId: r.content_id,
      from: r.remote_status,
      to: state.remoteStatus,
      url: state.remoteUrl,
    });
    await updatePublishRecord(db, scope, r.id, {
      remote_status: state.remoteStatus,
      remote_url: state.remoteUrl,
      status,
    });
  }
  return { checked: rows.length, changes };
}

/** Where a post whose links changed is put back: as it stands on the site (null: not on the site). */
export function republishSlot(
  rec: Pick<PublishRecordRow, 'remote_status' | 'scheduled_at'>,
): { scheduledAt: null; status: 'publish' | 'draft' } | { scheduledAt: Date; status: 'future' } | null {
  if (rec.remote_status === 'publish') return { scheduledAt: null, status: 'publish' };
  if (rec.remote_status === 'future' && rec.scheduled_at)
    return { scheduledAt: new Date(rec.scheduled_at), status: 'future' };
  if (rec.remote_status === 'draft') return { scheduledAt: null, status: 'draft' };
  return null;
}
