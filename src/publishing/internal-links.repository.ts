import type { Db } from '../db/index.js';
import type { SiteScope } from '../tenancy/scope.js';
import { newId, nowIso } from '../util/ids.js';
import type { InternalLink } from './live-links.js';

/** Replace the stored internal links of one published article on one destination (in one transaction). */
export async function saveInternalLinks(
  trx: Db,
  scope: SiteScope,
  destinationId: string,
  sourceContentId: string,
  links: InternalLink[],
): Promise<void> {
  await trx
    .deleteFrom('internal_links')
    .where('account_id', '=', scope.accountId)
    .where('destination_id', '=', destinationId)
    .where('source_content_id', '=', sourceContentId)
    .execute();
  const now = nowIso();
  const byTarget = new Map(links.map((l) => [l.targetContentId, l]));
  byTarget.delete(sourceContentId);
  if (byTarget.size === 0) return;
  await trx
    .insertInto('internal_links')
    .values(
      [...byTarget.values()].map((l) => ({
        id: newId(),
        account_id: scope.accountId,
        site_id: scope.siteId,
        destination_id: destinationId,
        source_content_id: sourceContentId,
        target_content_id: l.targetContentId,
        anchor: l.anchor.slice(0, 200),
        status: l.live ? ('live' as const) : ('pending' as const),
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
}
