import PQueue from 'p-queue';
import type { Db } from '../db/index.js';
import type { PublishDestinationsTable } from '../db/schema.js';
import { Igny8Error } from '../errors/index.js';
import type { Scope, SiteScope } from '../tenancy/scope.js';
import type { ContentService } from '../writer/index.js';
import type { Destination } from './destination.types.js';
import type { DestinationStore } from './destination.service.js';
import { articlesWithStaleLinks, destinationHome } from './live-links.js';
import { saveInternalLinks } from './internal-links.repository.js';
import { publishOne, type PublishResult, type PublishSlot } from './publish-one.js';
import { planSchedule } from './plan-schedule.js';
import { assertNoSampleContent } from './sample-guard.js';
import { publishCalendar, type CalendarOptions } from './publish-calendar.js';
import { siteSettings } from './site-settings.js';
import { republishSlot, syncPublishRecords } from './sync-publish-records.js';
import { ensurePublishRecord, listPublishRecords } from './publish-record.repository.js';
export { siteSettings } from './site-settings.js';
export type { PublishResult } from './publish-one.js';

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
      out.push(await publishOne(deps, scope, dest, adapter, contentId, at, true, false));
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
      let slots: PublishSlot[];
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
              deps,
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
