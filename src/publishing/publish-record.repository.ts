import type { Db } from '../db/index.js';
import type { PublishRecordsTable } from '../db/schema.js';
import type { Scope, SiteScope } from '../tenancy/scope.js';
import { newId, nowIso } from '../util/ids.js';
import { parseJson, toJson } from '../util/json.js';

export type PublishRecordRow = PublishRecordsTable;

/** The record for (content, destination), created once; its marker never changes. */
export async function ensurePublishRecord(
  db: Db,
  scope: SiteScope,
  contentId: string,
  destinationId: string,
): Promise<PublishRecordRow> {
  const find = () =>
    db
      .selectFrom('publish_records')
      .selectAll()
      .where('account_id', '=', scope.accountId)
      .where('content_id', '=', contentId)
      .where('destination_id', '=', destinationId)
      .executeTakeFirst();
  const existing = await find();
  if (existing) return existing;
  const id = newId();
  const now = nowIso();
  try {
    await db
      .insertInto('publish_records')
      .values({
        id,
        account_id: scope.accountId,
        site_id: scope.siteId,
        content_id: contentId,
        destination_id: destinationId,
        status: 'unpublished',
        intent: null,
        marker: `igny8-${id.replace(/-/g, '').slice(0, 16)}`,
        remote_id: null,
        remote_url: null,
        remote_status: null,
        remote_media: '{}',
        scheduled_at: null,
        published_at: null,
        attempts: 0,
        error: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  } catch {
    // Another process created it first; the unique (content, destination) pair makes that safe.
  }
  return (await find())!;
}

export async function updatePublishRecord(
  db: Db,
  scope: Scope,
  id: string,
  patch: Partial<PublishRecordRow>,
): Promise<void> {
  await db
    .updateTable('publish_records')
    .set({ ...patch, updated_at: nowIso() })
    .where('account_id', '=', scope.accountId)
    .where('id', '=', id)
    .execute();
}

/** Merge one uploaded media item into the record's checkpoint (read-modify-write in one statement's transaction). */
export async function saveRemoteMedia(
  db: Db,
  scope: Scope,
  id: string,
  imageId: string,
  media: { id: string; url: string },
): Promise<void> {
  const row = await db
    .selectFrom('publish_records')
    .select('remote_media')
    .where('account_id', '=', scope.accountId)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const map = parseJson<Record<string, { id: string; url: string }>>(row.remote_media, {});
  map[imageId] = media;
  await updatePublishRecord(db, scope, id, { remote_media: toJson(map) });
}

export async function listPublishRecords(
  db: Db,
  scope: Scope,
  opts: { siteId?: string; statuses?: PublishRecordRow['status'][]; from?: string; to?: string } = {},
) {
  let q = db.selectFrom('publish_records').selectAll().where('account_id', '=', scope.accountId);
  if (opts.siteId) q = q.where('site_id', '=', opts.siteId);
  if (opts.statuses?.length) q = q.where('status', 'in', opts.statuses);
  if (opts.from)
    q = q.where((eb) => eb.or([eb('scheduled_at', '>=', opts.from!), eb('published_at', '>=', opts.from!)]));
  if (opts.to)
    q = q.where((eb) => eb.or([eb('scheduled_at', '<', opts.to!), eb('published_at', '<', opts.to!)]));
  return q.orderBy('scheduled_at').orderBy('published_at').execute();
}
