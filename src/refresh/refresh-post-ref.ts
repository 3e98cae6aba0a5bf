import type { Db } from '../db/index.js';
import { Igny8Error } from '../errors/index.js';
import type { SiteScope } from '../tenancy/scope.js';

/** The existing post a refresh rewrites: where it lives and how the user named it. */
export interface RefreshTarget {
  destinationId: string;
  remoteId: string;
  kind: 'post' | 'page';
  url: string;
  slug: string;
  title: string;
  inventoryId: string | null;
  contentId: string | null;
}

const NOT_FOUND_HINT =
  'Name an inventory id, the post’s URL or slug (`igny8 inventory list`), or an article igny8 published; import the site’s posts first with `igny8 inventory import`.';

async function fromInventory(
  db: Db,
  scope: SiteScope,
  where: { id?: string; urls?: string[]; slug?: string; remoteId?: string },
): Promise<RefreshTarget[]> {
  let q = db
    .selectFrom('site_inventory')
    .innerJoin('publish_destinations as d', 'd.id', 'site_inventory.destination_id')
    .select([
      'site_inventory.id',
      'site_inventory.destination_id',
      'site_inventory.remote_id',
      'site_inventory.kind',
      'site_inventory.url',
      'site_inventory.slug',
      'site_inventory.title',
      'site_inventory.content_id',
    ])
    .where('site_inventory.account_id', '=', scope.accountId)
    .where('site_inventory.site_id', '=', scope.siteId)
    .where('d.kind', '=', 'wordpress');
  if (where.id) q = q.where('site_inventory.id', '=', where.id);
  if (where.urls) q = q.where('site_inventory.url', 'in', where.urls);
  if (where.slug) q = q.where('site_inventory.slug', '=', where.slug);
  if (where.remoteId) q = q.where('site_inventory.remote_id', '=', where.remoteId);
  const rows = await q.orderBy('site_inventory.kind').orderBy('site_inventory.id').limit(5).execute();
  return rows.map((r) => ({
    destinationId: r.destination_id,
    remoteId: r.remote_id,
    kind: r.kind,
    url: r.url,
    slug: r.slug,
    title: r.title,
    inventoryId: r.id,
    contentId: r.content_id,
  }));
}

/** An article igny8 published to a WordPress destination of the site. */
async function fromContent(db: Db, scope: SiteScope, contentId: string): Promise<RefreshTarget[]> {
  const rows = await db
    .selectFrom('publish_records as r')
    .innerJoin('publish_destinations as d', 'd.id', 'r.destination_id')
    .innerJoin('contents as c', 'c.id', 'r.content_id')
    .select(['r.destination_id', 'r.remote_id', 'r.remote_url', 'c.slug', 'c.title'])
    .where('r.account_id', '=', scope.accountId)
    .where('r.site_id', '=', scope.siteId)
    .where('r.content_id', '=', contentId)
    .where('r.remote_id', 'is not', null)
    .where('d.kind', '=', 'wordpress')
    .orderBy('r.created_at')
    .execute();
  return rows.map((r) => ({
    destinationId: r.destination_id,
    remoteId: r.remote_id!,
    kind: 'post' as const,
    url: r.remote_url ?? '',
    slug: r.slug,
    title: r.title,
    inventoryId: null,
    contentId,
  }));
}

const urlVariants = (ref: string) => {
  const bare = ref.replace(/\/+$/, '');
  return [bare, `${bare}/`];
};

/**
 * The post `ref` names: an inventory id, one of our article ids, the WordPress post id, the post's
 * URL or its slug.
 * REFRESH_POST_NOT_FOUND when none matches; VALIDATION_FAILED when a slug is ambiguous.
 * @example await resolveRefreshTarget(db, scope, 'https://example.com/cold-brew/')
 */
export async function resolveRefreshTarget(db: Db, scope: SiteScope, ref: string): Promise<RefreshTarget> {
  const r = ref.trim();
  let found = await fromInventory(db, scope, { id: r });
  if (!found.length) found = await fromContent(db, scope, r);
  // A WordPress post id, as the site's admin shows it.
  if (!found.length && /^\d+$/.test(r)) found = await fromInventory(db, scope, { remoteId: r });
  if (!found.length && /^https?:\/\//i.test(r))
    found = await fromInventory(db, scope, { urls: urlVariants(r) });
  if (!found.length && !/^https?:\/\//i.test(r)) {
    const slug = r.replace(/^\/+|\/+$/g, '');
    found = slug ? await fromInventory(db, scope, { slug }) : [];
  }
  if (found.length === 0)
    throw new Igny8Error('REFRESH_POST_NOT_FOUND', `No existing post of this site matches "${ref}"`, {
      hint: NOT_FOUND_HINT,
    });
  if (found.length > 1 && !found.every((f) => f.remoteId === found[0]!.remoteId))
    throw new Igny8Error('VALIDATION_FAILED', `"${ref}" names ${found.length} posts of this site`, {
      hint: 'Name the post by its inventory id or full URL instead (`igny8 inventory list`).',
      details: { field: 'post', matches: found.map((f) => f.url) },
    });
  return found[0]!;
}
