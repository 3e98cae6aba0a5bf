import path from 'node:path';
import { transaction, type Db } from '../db/index.js';
import type { PublishDestinationsTable } from '../db/schema.js';
import { isIgny8Error } from '../errors/index.js';
import type { SiteScope } from '../tenancy/scope.js';
import { nowIso } from '../util/ids.js';
import { parseJson, toJson } from '../util/json.js';
import { articleSite, type ContentService } from '../writer/index.js';
import type { Destination } from './destination.types.js';
import {
  clusterName,
  destinationHome,
  internalHrefResolver,
  linkTargetsFor,
  liveUrlsBySlug,
  planInternalLinks,
  type InternalLink,
} from './live-links.js';
import { saveInternalLinks } from './internal-links.repository.js';
import { refreshedInPlace } from './refreshed-in-place.js';
import {
  ensurePublishRecord,
  saveRemoteMedia,
  updatePublishRecord,
  type PublishRecordRow,
} from './publish-record.repository.js';

/** What publishing one article needs from the publisher's dependencies. */
export interface PublishOneDeps {
  db: Db;
  content: ContentService;
  mediaDir: string;
  /** The absolute path of a media file, fetched from the shared database copy when missing locally. */
  localMedia?: (filePath: string) => Promise<string | null>;
}

export interface PublishResult {
  contentId: string;
  recordId: string;
  status: PublishRecordRow['status'];
  remoteId: string | null;
  remoteUrl: string | null;
  /** The post's status on the site (publish, draft, future …), when the destination says. */
  remoteStatus: string | null;
  scheduledAt: string | null;
  warnings: string[];
  /** Media that had been deleted on the site and were uploaded again ("featured", "inline-1"). */
  repairedMedia: string[];
  error?: string;
  code?: string;
  hint?: string;
}

/** When and how one article goes out: now (draft or publish) or scheduled for a slot. */
export interface PublishSlot {
  scheduledAt: Date | null;
  status: 'draft' | 'publish' | 'future';
}

/**
 * Publish one article to a destination, exactly once: the intent is recorded before the remote
 * call, media and the remote id are checkpointed the moment they exist, and a retry hands the
 * destination those checkpoints so it updates what an earlier attempt made.
 */
export async function publishOne(
  deps: PublishOneDeps,
  scope: SiteScope,
  dest: PublishDestinationsTable,
  adapter: Destination,
  contentId: string,
  at: PublishSlot,
  republish: boolean,
  recreateDeleted: boolean,
): Promise<PublishResult> {
  const { db } = deps;
  // An approved article edited since (by any path) waits for a new approval.
  await deps.content.assertPublishable(scope, contentId);
  const content = await deps.content.get(scope, contentId);
  let rec = await ensurePublishRecord(db, scope, contentId, dest.id);
  if ((rec.status === 'published' || rec.status === 'scheduled') && !republish) {
    return {
      contentId,
      recordId: rec.id,
      status: rec.status,
      remoteId: rec.remote_id,
      remoteUrl: rec.remote_url,
      remoteStatus: rec.remote_status,
      scheduledAt: rec.scheduled_at,
      warnings: [],
      repairedMedia: [],
    };
  }
  // A post refreshed in place since the article's last edit: re-sending the article would undo the
  // refresh (`--republish`, or a links update). Left as it is, and said.
  const refreshed = rec.remote_id
    ? await refreshedInPlace(db, scope, dest.id, rec.remote_id, content.updatedAt)
    : null;
  if (refreshed) {
    return {
      contentId,
      recordId: rec.id,
      status: rec.status,
      remoteId: rec.remote_id,
      remoteUrl: rec.remote_url,
      remoteStatus: rec.remote_status,
      scheduledAt: rec.scheduled_at,
      warnings: [
        `not sent: the live post was refreshed in place (refresh ${refreshed.id}, ${refreshed.publishedAt}) after this article was last edited; re-sending it would undo the refresh`,
      ],
      repairedMedia: [],
    };
  }
  // The intent: what we are about to do, written before the remote call.
  await updatePublishRecord(db, scope, rec.id, {
    status: 'publishing',
    intent: toJson({
      action: rec.remote_id ? 'update' : 'create-or-find',
      status: at.status,
      scheduledAt: at.scheduledAt?.toISOString() ?? null,
      startedAt: nowIso(),
    }),
    attempts: rec.attempts + 1,
    scheduled_at: at.scheduledAt?.toISOString() ?? null,
  });
  rec = (await ensurePublishRecord(db, scope, contentId, dest.id))!;
  try {
    // Internal links only to pages live on this destination; the others wait (see refreshLinks).
    const home = destinationHome(dest);
    let html = content.html;
    let links: InternalLink[] | null = null;
    if (home) {
      ({ html, links } = planInternalLinks(html, await linkTargetsFor(db, scope, dest, html, home)));
    }
    const live = home ? new Map<string, string>() : await liveUrlsBySlug(db, scope, dest.id);
    const outcome = await adapter.publish({
      recordId: rec.id,
      marker: rec.marker,
      content: { ...content, html },
      site: await articleSite(db, scope, content.siteId),
      clusterName: await clusterName(db, scope, content.clusterId),
      images: await Promise.all(
        (content.images ?? []).map(async (i) => ({
          ...i,
          // Made by a worker elsewhere? Copied from the database first (media.store "db").
          absolutePath: i.filePath
            ? ((await deps.localMedia?.(i.filePath)) ?? path.resolve(deps.mediaDir, i.filePath))
            : null,
        })),
      ),
      status: at.status,
      scheduledAt: at.scheduledAt,
      remoteId: rec.remote_id,
      remoteMedia: parseJson(rec.remote_media, {}),
      saveMedia: (imageId, media) => saveRemoteMedia(db, scope, rec.id, imageId, media),
      saveRemoteId: (remoteId) => updatePublishRecord(db, scope, rec.id, { remote_id: remoteId }),
      resolveInternalHref: internalHrefResolver(live),
      recreateDeleted,
    });
    const status = at.status === 'future' ? 'scheduled' : 'published';
    await transaction(db, async (trx) => {
      await updatePublishRecord(trx, scope, rec.id, {
        status,
        intent: null,
        error: null,
        remote_id: outcome.remoteId,
        remote_url: outcome.remoteUrl,
        remote_status: outcome.remoteStatus,
        // An update of a live post (links added, --republish) keeps its first publication time.
        published_at: status === 'published' ? (republish && rec.published_at) || nowIso() : null,
      });
      if (links) await saveInternalLinks(trx, scope, dest.id, contentId, links);
    });
    return {
      contentId,
      recordId: rec.id,
      status,
      remoteId: outcome.remoteId,
      remoteUrl: outcome.remoteUrl,
      remoteStatus: outcome.remoteStatus,
      scheduledAt: at.scheduledAt?.toISOString() ?? null,
      warnings: outcome.warnings,
      repairedMedia: outcome.repairedMedia ?? [],
    };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (isIgny8Error(err) && err.code === 'WP_POST_DELETED') {
      // Removed on the site on purpose, most likely: recorded as such, not as a failed attempt.
      await updatePublishRecord(db, scope, rec.id, {
        status: 'unpublished',
        remote_status: 'missing',
        error: message,
        intent: null,
        scheduled_at: null,
      });
      return {
        contentId,
        recordId: rec.id,
        status: 'unpublished',
        remoteId: rec.remote_id,
        remoteUrl: null,
        remoteStatus: 'missing',
        scheduledAt: null,
        warnings: [],
        repairedMedia: [],
        error: message,
        code: err.code,
        ...(err.hint ? { hint: err.hint } : {}),
      };
    }
    await updatePublishRecord(db, scope, rec.id, { status: 'failed', error: message, intent: null });
    return {
      contentId,
      recordId: rec.id,
      status: 'failed',
      remoteId: rec.remote_id,
      remoteUrl: null,
      remoteStatus: rec.remote_status,
      scheduledAt: null,
      warnings: [],
      repairedMedia: [],
      error: message,
      code: isIgny8Error(err) ? err.code : 'PUBLISH_FAILED',
    };
  }
}
