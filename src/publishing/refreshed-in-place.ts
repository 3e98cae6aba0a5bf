import type { Db } from '../db/index.js';
import type { Scope } from '../tenancy/scope.js';

/**
 * The refresh that last updated the post `remoteId` on `destinationId` in place (`igny8 refresh`)
 * after `since` (the article's last edit), if any: re-sending the article would undo that refresh.
 * A read of src/refresh's table (publishing never writes it).
 */
export async function refreshedInPlace(
  db: Db,
  scope: Scope,
  destinationId: string,
  remoteId: string,
  since: string,
): Promise<{ id: string; publishedAt: string } | null> {
  const row = await db
    .selectFrom('content_refreshes')
    .select(['id', 'published_at'])
    .where('account_id', '=', scope.accountId)
    .where('destination_id', '=', destinationId)
    .where('remote_id', '=', remoteId)
    .where('status', '=', 'published')
    .where('published_at', '>', since)
    .orderBy('published_at', 'desc')
    .executeTakeFirst();
  return row ? { id: row.id, publishedAt: row.published_at! } : null;
}
