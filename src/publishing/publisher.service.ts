import path from 'node:path';
import PQueue from 'p-queue';
import { transaction, type Db } from '../db/index.js';
import type { PublishDestinationsTable } from '../db/schema.js';
import { Igny8Error, isIgny8Error } from '../errors/index.js';
import type { Scope, SiteScope } from '../tenancy/scope.js';
import { nowIso } from '../util/ids.js';
import { parseJson, toJson } from '../util/json.js';
import { articleSite, type ContentService } from '../writer/index.js';
import type { Destination } from './destination.types.js';
import type { DestinationStore } from './destination.service.js';
import {
  articlesWithStaleLinks,
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
import { planSchedule } from './plan-schedule.js';
import { assertNoSampleContent } from './sample-guard.js';
import { publishCalendar, type CalendarOptions } from './publish-calendar.js';
import { siteSettings } from './site-settings.js';
import { republishSlot, syncPublishRecords } from './sync-publish-records.js';
export { siteSettings } from './site-settings.js';
import {
  ensurePublishRecord,
  listPublishRecords,
  saveRemoteMedia,
  updatePublishRecord,
  type PublishRecordRow,
} from './publish-record.repository.js';

export interface PublisherDeps {
  db: Db;
  content: ContentService;
  destinations: DestinationStore;
  mediaDir: string;
  /** The absolute path of a media file, fetched from the shared database copy when missing locally. */
  localMedia?: (filePath: string) => Promise<string | null>;
  /** Build the adapter for a destination row (WordPress, folder, webhook). */
  open(row: PublishDestinationsTable, secret: string | null): Destination;
  /** The site inventory, refreshed (incrementally) by each sync of a WordPress destination. */
  inventory?: {
    importPosts(scope: SiteScope, opts: { destination?: string }): Promise<unknown>;
  };
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

export interface PublishOptions {
  destination?: string;
  contentIds?: string[];
  /** 'schedule' (default) follows the site's settings; 'now' publishes immediately. */
  when?: 'schedule' | 'now';
  status?: 'draft' | 'publish';
  concurrency?: number;
  /** Re-send articles already published (updates the same remote post). */
  republish?: boolean;
  /** Publish sandbox-generated (sample) articles to a destination that is not on this machine. */
  allowSample?: boolean;
  now?: Date;
}

/**
 * Publishing, exactly once: an intent is recorded before every remote call; media and the remote
 * id are checkpointed the moment they exist; a retry hands the destination those checkpoints and
 * the record's marker so it updates what an earlier attempt made instead of making it again.
 */
export function createPublisher(deps: PublisherDeps) {
  const { db } = deps;

  async function pickDestination(scope: SiteScope, ref?: string): Promise<PublishDestinationsTable> {
    if (ref) return deps.destinations.getRow(scope, ref);
    const rows = await db
      .selectFrom('publish_destinations')
      .selectAll()
      .where('account_id', '=', scope.accountId)
      .where('site_id', '=', scope.siteId)
      .where('status', '=', 'active')
      .orderBy('created_at')
      .execute();
    if (rows.length === 0) {
      throw new Igny8Error('DESTINATION_NOT_FOUND', 'This site has no publishing destination', {
        action: { id: 'add_destination' },
      });
    }
    return rows[0]!;
  }

  async function publishOne(
    scope: SiteScope,
    dest: PublishDestinationsTable,
    adapter: Destination,
    contentId: string,
    at: { scheduledAt: Date | null; status: 'draft' | 'publish' | 'future' },
    republish: boolean,
    recreateDeleted: boolean,
  ): Promise<PublishResult> {
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

  /** Each sync of a WordPress destination also refreshes the site inventory (incremental). */
  async function syncInventory(scope: SiteScope, dest: PublishDestinationsTable) {
    if (!deps.inventory) return null;
    try {
      await deps.inventory.importPosts(scope, { destination: dest.id });
      return { ok: true as const };
    } catch (err) {
      return { ok: false as const, error: err instanceof Error ? err.message : String(err) };
    }
  }

  /**
   * Update the posts whose links no longer match the site: add links whose target went live, take
   * out links whose target is no longer live. Runs after every publish batch and every sync.
   */
  async function refreshLinks(
    scope: SiteScope,
    dest: PublishDestinationsTable,
    adapter: Destination,
  ): Promise<PublishResult[]> {
    if (!destinationHome(dest)) return [];
    const out: PublishResult[] = [];
    for (const contentId of await articlesWithStaleLinks(db, scope, dest.id)) {
      const rec = await ensurePublishRecord(db, scope, contentId, dest.id);
      const at = republishSlot(rec);
      if (!rec.remote_id || !at || (rec.status !== 'published' && rec.status !== 'scheduled')) {
        // Not on the site any more: nothing to update, and its links are no one's concern.
        await saveInternalLinks(db, scope, dest.id, contentId, []);
        continue;
      }
      // Never re-create a post someone removed on the site just to add a link to it.
      const state = adapter.sync ? await adapter.sync(rec.remote_id) : null;
      if (state && (state.remoteStatus === 'missing' || state.remoteStatus === 'trash')) continue;
      out.push(await publishOne(scope, dest, adapter, contentId, at, true, false));
    }
    return out;
  }

  return {
    /** Publish approved articles (or the ones named) to a destination, scheduled by the site's settings. */
    async publish(scope: SiteScope, opts: PublishOptions = {}): Promise<PublishResult[]> {
      const dest = await pickDestination(scope, opts.destination);
      const adapter = deps.open(dest, deps.destinations.secretOf(dest));
      let ids = opts.contentIds;
      if (!ids) {
        const records = await db
          .selectFrom('publish_records')
          .select(['content_id', 'status', 'remote_status'])
          .where('account_id', '=', scope.accountId)
          .where('destination_id', '=', dest.id)
          .execute();
        const skip = new Set(
          records
            .filter(
              (r) =>
                // Deleted for good on the site: only `--republish --content ID` makes it again.
                r.remote_status === 'missing' ||
                // Trashed on the site by someone: not brought back unless asked by id or --republish.
                (!opts.republish &&
                  (r.status === 'published' || r.status === 'scheduled' || r.remote_status === 'trash')),
            )
            .map((r) => r.content_id),
        );
        const approved = await db
          .selectFrom('contents')
          .select('id')
          .where('account_id', '=', scope.accountId)
          .where('site_id', '=', scope.siteId)
          .where('status', '=', 'approved')
          .orderBy('created_at')
          .execute();
        const unchanged = await deps.content.stillApproved(
          scope,
          approved.map((r) => r.id),
        );
        ids = approved.map((r) => r.id).filter((id) => unchanged.has(id) && !skip.has(id));
      }
      if (ids.length === 0) return [];
      await assertNoSampleContent(db, scope, dest, ids, Boolean(opts.allowSample));
      const now = opts.now ?? new Date();
      const { publishing, timezone } = await siteSettings(db, scope);
      let slots: Array<{ scheduledAt: Date | null; status: 'draft' | 'publish' | 'future' }>;
      if (opts.when === 'now') {
        slots = ids.map(() => ({ scheduledAt: null, status: opts.status ?? publishing.status }));
      } else {
        const taken = (
          await listPublishRecords(db, scope, { siteId: scope.siteId, statuses: ['scheduled', 'published'] })
        )
          .map((r) => r.scheduled_at ?? r.published_at)
          .filter((t): t is string => Boolean(t))
          .map((t) => new Date(t));
        const plan = planSchedule({ settings: publishing, timezone, now, taken, count: ids.length });
        if (plan.length < ids.length) {
          throw new Igny8Error(
            'PLAN_LIMIT_REACHED',
            `Only ${plan.length} of ${ids.length} articles fit the publishing calendar`,
            { hint: 'Raise the daily/weekly/monthly limits in the site publishing settings.' },
          );
        }
        slots = plan.map((p) =>
          p.immediate
            ? { scheduledAt: null, status: opts.status ?? publishing.status }
            : { scheduledAt: p.at, status: 'future' as const },
        );
      }
      // Bounded concurrency per site: WordPress hosts are often small.
      const queue = new PQueue({ concurrency: opts.concurrency ?? 2 });
      const results = await Promise.all(
        ids.map((id, i) =>
          queue.add(() =>
            publishOne(
              scope,
              dest,
              adapter,
              id,
              slots[i]!,
              Boolean(opts.republish),
              Boolean(opts.republish && opts.contentIds?.includes(id)),
            ),
          ),
        ),
      );
      // Earlier posts waiting for one of these to go live get their links now.
      await refreshLinks(scope, dest, adapter);
      return results as PublishResult[];
    },

    /**
     * Pull every post's state back — published, scheduled, and also trashed, failed or deleted ones
     * — so a trash, a deletion, a moved URL and a restore from the trash are all noticed.
     */
    async sync(scope: SiteScope, opts: { destination?: string } = {}) {
      const dest = await pickDestination(scope, opts.destination);
      const adapter = deps.open(dest, deps.destinations.secretOf(dest));
      const { checked, changes } = await syncPublishRecords(db, scope, dest.id, adapter);
      // Posts that went live (or went away) change which links other posts may carry.
      const linksUpdated = (await refreshLinks(scope, dest, adapter)).map((r) => ({
        contentId: r.contentId,
        status: r.status,
        ...(r.error ? { error: r.error } : {}),
      }));
      const inventory = dest.kind === 'wordpress' ? await syncInventory(scope, dest) : null;
      return { checked, changes, linksUpdated, inventory };
    },

    /** Scheduled and published posts in a window, for the calendar (see publishCalendar). */
    calendar: (scope: Scope, opts: CalendarOptions = {}) => publishCalendar(db, scope, opts),

    async test(scope: SiteScope, ref?: string) {
      const dest = await pickDestination(scope, ref);
      return deps.open(dest, deps.destinations.secretOf(dest)).test();
    },
  };
}

export type Publisher = ReturnType<typeof createPublisher>;
