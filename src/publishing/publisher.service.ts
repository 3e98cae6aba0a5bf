import path from 'node:path';
import PQueue from 'p-queue';
import type { Db } from '../db/index.js';
import type { PublishDestinationsTable } from '../db/schema.js';
import { Igny8Error, isIgny8Error } from '../errors/index.js';
import type { Scope, SiteScope } from '../tenancy/scope.js';
import { nowIso } from '../util/ids.js';
import { parseJson, toJson } from '../util/json.js';
import type { ContentService } from '../writer/index.js';
import type { Destination } from './destination.types.js';
import type { DestinationStore } from './destination.service.js';
import { clusterName, internalHrefResolver, liveUrlsBySlug } from './live-links.js';
import { planSchedule } from './plan-schedule.js';
import { PublishingSettingsSchema, type PublishingSettings } from './publishing-settings.schema.js';
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
  /** Build the adapter for a destination row (WordPress, folder, webhook). */
  open(row: PublishDestinationsTable, secret: string | null): Destination;
}

export interface PublishResult {
  contentId: string;
  recordId: string;
  status: PublishRecordRow['status'];
  remoteId: string | null;
  remoteUrl: string | null;
  scheduledAt: string | null;
  warnings: string[];
  error?: string;
  code?: string;
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
  now?: Date;
}

export async function siteSettings(
  db: Db,
  scope: SiteScope,
): Promise<{ publishing: PublishingSettings; timezone: string }> {
  const site = await db
    .selectFrom('sites')
    .select('settings')
    .where('account_id', '=', scope.accountId)
    .where('id', '=', scope.siteId)
    .executeTakeFirstOrThrow();
  const account = await db
    .selectFrom('accounts')
    .select('timezone')
    .where('id', '=', scope.accountId)
    .executeTakeFirstOrThrow();
  const raw = parseJson<Record<string, unknown>>(site.settings, {});
  return {
    publishing: PublishingSettingsSchema.parse(raw.publishing ?? {}),
    timezone: account.timezone || 'UTC',
  };
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
        hint: 'Connect WordPress with `igny8 wp connect`, or add a folder/webhook with `igny8 publish add-destination`.',
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
        scheduledAt: rec.scheduled_at,
        warnings: [],
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
      const live = await liveUrlsBySlug(db, scope, dest.id);
      const outcome = await adapter.publish({
        recordId: rec.id,
        marker: rec.marker,
        content,
        clusterName: await clusterName(db, scope, content.clusterId),
        images: (content.images ?? []).map((i) => ({
          ...i,
          absolutePath: i.filePath ? path.resolve(deps.mediaDir, i.filePath) : null,
        })),
        status: at.status,
        scheduledAt: at.scheduledAt,
        remoteId: rec.remote_id,
        remoteMedia: parseJson(rec.remote_media, {}),
        saveMedia: (imageId, media) => saveRemoteMedia(db, scope, rec.id, imageId, media),
        saveRemoteId: (remoteId) => updatePublishRecord(db, scope, rec.id, { remote_id: remoteId }),
        resolveInternalHref: internalHrefResolver(live),
      });
      const status = at.status === 'future' ? 'scheduled' : 'published';
      await updatePublishRecord(db, scope, rec.id, {
        status,
        intent: null,
        error: null,
        remote_id: outcome.remoteId,
        remote_url: outcome.remoteUrl,
        remote_status: outcome.remoteStatus,
        published_at: status === 'published' ? nowIso() : null,
      });
      return {
        contentId,
        recordId: rec.id,
        status,
        remoteId: outcome.remoteId,
        remoteUrl: outcome.remoteUrl,
        scheduledAt: at.scheduledAt?.toISOString() ?? null,
        warnings: outcome.warnings,
      };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await updatePublishRecord(db, scope, rec.id, { status: 'failed', error: message, intent: null });
      return {
        contentId,
        recordId: rec.id,
        status: 'failed',
        remoteId: rec.remote_id,
        remoteUrl: null,
        scheduledAt: null,
        warnings: [],
        error: message,
        code: isIgny8Error(err) ? err.code : 'PUBLISH_FAILED',
      };
    }
  }

  return {
    /** Publish approved articles (or the ones named) to a destination, scheduled by the site's settings. */
    async publish(scope: SiteScope, opts: PublishOptions = {}): Promise<PublishResult[]> {
      const dest = await pickDestination(scope, opts.destination);
      const adapter = deps.open(dest, deps.destinations.secretOf(dest));
      let ids = opts.contentIds;
      if (!ids) {
        const already = new Set(
          (
            await db
              .selectFrom('publish_records')
              .select('content_id')
              .where('account_id', '=', scope.accountId)
              .where('destination_id', '=', dest.id)
              .where((eb) =>
                eb.or([
                  eb('status', 'in', ['published', 'scheduled']),
                  // Trashed on the site by someone: not brought back unless asked by id or --republish.
                  eb('remote_status', '=', 'trash'),
                ]),
              )
              .execute()
          ).map((r) => r.content_id),
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
        ids = approved
          .map((r) => r.id)
          .filter((id) => unchanged.has(id) && (opts.republish || !already.has(id)));
      }
      if (ids.length === 0) return [];
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
          queue.add(() => publishOne(scope, dest, adapter, id, slots[i]!, Boolean(opts.republish))),
        ),
      );
      return results as PublishResult[];
    },

    /** Pull each published post's state back: trashed, unpublished, or moved URLs. */
    async sync(scope: SiteScope, opts: { destination?: string } = {}) {
      const dest = await pickDestination(scope, opts.destination);
      const adapter = deps.open(dest, deps.destinations.secretOf(dest));
      const rows = (
        await listPublishRecords(db, scope, { siteId: scope.siteId, statuses: ['published', 'scheduled'] })
      ).filter((r) => r.destination_id === dest.id && r.remote_id);
      const changes: Array<{ contentId: string; from: string | null; to: string; url: string | null }> = [];
      for (const r of rows) {
        const state = adapter.sync ? await adapter.sync(r.remote_id!) : null;
        if (!state) continue;
        // A post sent as a draft (or made private) is still delivered; only trash or deletion undo it.
        const status: PublishRecordRow['status'] =
          state.remoteStatus === 'future'
            ? 'scheduled'
            : state.remoteStatus === 'trash' || state.remoteStatus === 'missing'
              ? 'unpublished'
              : 'published';
        if (
          state.remoteStatus !== r.remote_status ||
          state.remoteUrl !== r.remote_url ||
          status !== r.status
        ) {
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
      }
      return { checked: rows.length, changes };
    },

    /** Scheduled and published posts in a window, for the calendar. */
    async calendar(scope: Scope, opts: { siteId?: string; from?: string; to?: string } = {}) {
      const rows = await listPublishRecords(db, scope, {
        siteId: opts.siteId,
        statuses: ['scheduled', 'published', 'publishing', 'failed'],
        from: opts.from,
        to: opts.to,
      });
      return rows.map((r) => ({
        recordId: r.id,
        contentId: r.content_id,
        destinationId: r.destination_id,
        status: r.status,
        at: r.scheduled_at ?? r.published_at,
        remoteUrl: r.remote_url,
        error: r.error,
      }));
    },

    async test(scope: SiteScope, ref?: string) {
      const dest = await pickDestination(scope, ref);
      return deps.open(dest, deps.destinations.secretOf(dest)).test();
    },
  };
}

export type Publisher = ReturnType<typeof createPublisher>;
