import type { Db } from '../db/index.js';
import type { SiteScope } from '../tenancy/scope.js';

/**
 * Live URLs of the site's articles already published (and live) on one destination, by slug.
 * Internal links are written as `/slug/` (see suggest_links); a destination rewrites them to these.
 */
export async function liveUrlsBySlug(
  db: Db,
  scope: SiteScope,
  destinationId: string,
): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('publish_records')
    .innerJoin('contents', 'contents.id', 'publish_records.content_id')
    .select(['contents.slug as slug', 'publish_records.remote_url as url'])
    .where('publish_records.account_id', '=', scope.accountId)
    .where('contents.account_id', '=', scope.accountId)
    .where('contents.site_id', '=', scope.siteId)
    .where('publish_records.destination_id', '=', destinationId)
    .where('publish_records.status', '=', 'published')
    // A draft's address is a preview link (?p=123), not where readers find it.
    .where('publish_records.remote_status', '=', 'publish')
    .where('publish_records.remote_url', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [r.slug, r.url!]));
}

const SLUG_HREF = /^\/([a-z0-9]+(?:-[a-z0-9]+)*)\/?(#[^\s"]*)?$/;

/**
 * Pure: `/slug/` (with an optional #fragment) → the live URL of that article when it is known,
 * any other href unchanged.
 * @example internalHrefResolver(new Map([['cold-brew', 'https://b.example/cold-brew/']]))('/cold-brew/#steep')
 */
export function internalHrefResolver(live: ReadonlyMap<string, string>): (href: string) => string {
  return (href) => {
    const m = SLUG_HREF.exec(href);
    const url = m ? live.get(m[1]!) : undefined;
    return url ? `${url}${m![2] ?? ''}` : href;
  };
}

/** Name of a cluster of the account, or null. */
export async function clusterName(
  db: Db,
  scope: SiteScope,
  clusterId: string | null,
): Promise<string | null> {
  if (!clusterId) return null;
  const row = await db
    .selectFrom('clusters')
    .select('name')
    .where('account_id', '=', scope.accountId)
    .where('id', '=', clusterId)
    .executeTakeFirst();
  return row?.name ?? null;
}
