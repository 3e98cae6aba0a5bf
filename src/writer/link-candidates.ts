import type { Db } from '../db/index.js';
import type { ContentsTable } from '../db/schema.js';
import type { SiteScope } from '../tenancy/scope.js';
import { parseJson } from '../util/json.js';
import { inventoryLinkCandidates } from '../inventory/inventory-matches.js';
import type { LinkTarget } from '../inventory/link-target.js';

/** The article's keywords as stored for matching: lower case, single spaces (focus keyword first). */
export function matchKeywords(row: Pick<ContentsTable, 'focus_keyword' | 'keywords'>): string[] {
  const all = [row.focus_keyword ?? '', ...parseJson<string[]>(row.keywords, [])];
  const out = new Set<string>();
  for (const k of all) {
    const n = k.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
    if (n) out.add(n);
  }
  return [...out].slice(0, 50);
}

/** The two indexed lookups behind contentLinkCandidates (exported so a test can read their plans). */
export function candidateQueries(
  db: Db,
  scope: SiteScope,
  row: Pick<ContentsTable, 'id' | 'cluster_id' | 'focus_keyword' | 'keywords'>,
  limit: number,
) {
  const base = db
    .selectFrom('contents')
    .select(['id', 'title', 'slug', 'focus_keyword', 'keywords', 'cluster_id'])
    .where('account_id', '=', scope.accountId)
    .where('site_id', '=', scope.siteId)
    .where('id', '!=', row.id)
    .where('status', '!=', 'rejected');
  const keywords = matchKeywords(row);
  return {
    sameCluster: row.cluster_id
      ? base.where('cluster_id', '=', row.cluster_id).orderBy('id').limit(limit)
      : null,
    byKeyword:
      keywords.length > 0
        ? base
            .where((eb) => eb(eb.fn('lower', ['focus_keyword']), 'in', keywords))
            .orderBy('id')
            .limit(limit)
        : null,
  };
}

/**
 * The site's other articles an article may link to: those in its cluster, then those whose focus
 * keyword is one of its keywords. Two index lookups (contents_site_cluster and
 * contents_site_focus_lower), so the cost per article stays flat however large the site grows;
 * the old way read 500 arbitrary articles and missed most related ones past a few hundred.
 * @example await contentLinkCandidates(db, scope, row, 200)
 */
export async function contentLinkCandidates(
  db: Db,
  scope: SiteScope,
  row: Pick<ContentsTable, 'id' | 'cluster_id' | 'focus_keyword' | 'keywords'>,
  limit: number,
): Promise<LinkTarget[]> {
  const q = candidateQueries(db, scope, row, limit);
  const sameCluster = q.sameCluster ? await q.sameCluster.execute() : [];
  const byKeyword = q.byKeyword && sameCluster.length < limit ? await q.byKeyword.execute() : [];
  const seen = new Set<string>();
  const out: LinkTarget[] = [];
  for (const s of [...sameCluster, ...byKeyword]) {
    if (seen.has(s.id) || out.length >= limit) continue;
    seen.add(s.id);
    out.push({
      id: s.id,
      title: s.title,
      url: `/${s.slug}/`,
      focusKeyword: s.focus_keyword,
      keywords: parseJson<string[]>(s.keywords, []).slice(0, 20),
      clusterId: s.cluster_id,
    });
  }
  return out;
}

/** At most this many candidates go to suggest_links (its input schema's limit). */
export const MAX_LINK_CANDIDATES = 200;

/**
 * Every page an article may link to: its related articles (cluster, focus keyword), then the
 * site's existing posts sharing its keywords (imported inventory, live by definition).
 */
export async function linkCandidates(
  db: Db,
  scope: SiteScope,
  row: Pick<ContentsTable, 'id' | 'cluster_id' | 'focus_keyword' | 'keywords'>,
): Promise<LinkTarget[]> {
  const articles = await contentLinkCandidates(db, scope, row, MAX_LINK_CANDIDATES - 50);
  const existing = await inventoryLinkCandidates(
    db,
    scope,
    matchKeywords(row),
    MAX_LINK_CANDIDATES - articles.length,
  );
  return [...articles, ...existing];
}
