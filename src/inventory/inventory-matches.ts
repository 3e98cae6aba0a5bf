import type { Db } from '../db/index.js';
import type { SiteScope } from '../tenancy/scope.js';
import { parseJson } from '../util/json.js';
import type { LinkTarget } from './link-target.js';
import { normalizeTerm } from './inventory.repository.js';

/** Link targets are named `inventory:<id>` so they never collide with an article id. */
export const INVENTORY_TARGET_PREFIX = 'inventory:';

/**
 * The site's existing posts (live by definition) sharing one of `keywords` (their focus keyword, a
 * tag or a category): an index lookup on site_inventory_keywords, then the rows. Posts igny8
 * published itself are left out; they are linked as articles.
 * @example await inventoryLinkCandidates(db, scope, ['cold brew'], 50)
 */
export async function inventoryLinkCandidates(
  db: Db,
  scope: SiteScope,
  keywords: string[],
  limit: number,
): Promise<LinkTarget[]> {
  const terms = [...new Set(keywords.map(normalizeTerm).filter(Boolean))];
  if (terms.length === 0 || limit <= 0) return [];
  const ids = await db
    .selectFrom('site_inventory_keywords')
    .select('inventory_id')
    .distinct()
    .where('site_id', '=', scope.siteId)
    .where('keyword', 'in', terms)
    .orderBy('inventory_id')
    .limit(limit * 2)
    .execute();
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('site_inventory')
    .select(['id', 'title', 'url', 'focus_keyword', 'tags', 'categories'])
    .where('account_id', '=', scope.accountId)
    .where('site_id', '=', scope.siteId)
    .where('content_id', 'is', null)
    .where(
      'id',
      'in',
      ids.map((r) => r.inventory_id),
    )
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: `${INVENTORY_TARGET_PREFIX}${r.id}`,
    title: r.title.slice(0, 200),
    url: r.url,
    focusKeyword: r.focus_keyword,
    keywords: [...parseJson<string[]>(r.tags, []), ...parseJson<string[]>(r.categories, [])]
      .map((k) => k.slice(0, 200))
      .slice(0, 20),
    clusterId: null,
  }));
}

/**
 * Titles (and URLs) of the site's existing posts that target `focusKeyword` (cannibalization):
 * an index lookup on lower(focus_keyword). Posts igny8 published are compared as articles instead.
 */
export async function inventoryRivals(
  db: Db,
  scope: SiteScope,
  focusKeyword: string | null,
  limit = 5,
): Promise<Array<{ title: string; url: string }>> {
  if (!focusKeyword?.trim()) return [];
  return db
    .selectFrom('site_inventory')
    .select(['title', 'url'])
    .where('account_id', '=', scope.accountId)
    .where('site_id', '=', scope.siteId)
    .where('content_id', 'is', null)
    .where((eb) => eb(eb.fn('lower', ['focus_keyword']), '=', focusKeyword.trim().toLowerCase()))
    .orderBy('remote_modified_at', 'desc')
    .limit(limit)
    .execute();
}
