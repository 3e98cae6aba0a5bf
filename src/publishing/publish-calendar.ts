import type { Db } from '../db/index.js';
import type { Scope } from '../tenancy/scope.js';
import { listPublishRecords } from './publish-record.repository.js';
import { siteStatus } from './site-status.js';
import { formatZoned } from './zoned-time.js';

export interface CalendarOptions {
  siteId?: string;
  from?: string;
  to?: string;
}

/**
 * Scheduled and published posts in a window, for the calendar: the site's own status (a draft
 * on the site is not "published") and each time in the account's timezone too.
 */
export async function publishCalendar(db: Db, scope: Scope, opts: CalendarOptions = {}) {
  const rows = await listPublishRecords(db, scope, {
    siteId: opts.siteId,
    statuses: ['scheduled', 'published', 'publishing', 'failed'],
    from: opts.from,
    to: opts.to,
  });
  const account = await db
    .selectFrom('accounts')
    .select('timezone')
    .where('id', '=', scope.accountId)
    .executeTakeFirst();
  const timezone = account?.timezone || 'UTC';
  const names = new Map(
    (
      await db
        .selectFrom('publish_destinations')
        .select(['id', 'name'])
        .where('account_id', '=', scope.accountId)
        .execute()
    ).map((d) => [d.id, d.name]),
  );
  return rows.map((r) => {
    const at = r.scheduled_at ?? r.published_at;
    return {
      recordId: r.id,
      contentId: r.content_id,
      destinationId: r.destination_id,
      destination: names.get(r.destination_id) ?? r.destination_id,
      status: r.status,
      remoteStatus: r.remote_status,
      siteStatus: siteStatus(r),
      at,
      localAt: formatZoned(at, timezone),
      timezone,
      remoteUrl: r.remote_url,
      error: r.error,
    };
  });
}
