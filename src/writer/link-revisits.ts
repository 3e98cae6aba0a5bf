import type { Db } from '../db/index.js';
import type { ContentsTable } from '../db/schema.js';
import type { SiteScope } from '../tenancy/scope.js';
import { parseJson } from '../util/json.js';
import type { LinkSuggestion } from './apply-links.js';
import { candidateQueries } from './link-candidates.js';

/** At most this many earlier articles are revisited for one new article (a cluster is a handful). */
export const MAX_LINK_REVISITS = 50;

type Row = Pick<ContentsTable, 'id' | 'cluster_id' | 'focus_keyword' | 'keywords' | 'created_at'>;

/**
 * Pure: whether an earlier article's link suggestions may change now that `added` exists. Only an
 * article still waiting for review (nothing applied, so its HTML is untouched) whose suggestions were
 * made before `added` was written (its last write is older), that does not link to it yet and has
 * room for one more link. Approved and published articles are never revisited here: their HTML was
 * vouched for, and links to pages not yet live are held back by the publisher (internal_links).
 * @example linksMayChange({ status: 'review', link_suggestions: null, updated_at: '2026-01-01' }, { id: 'b', created_at: '2026-01-02' }, 3) // true
 */
export function linksMayChange(
  earlier: Pick<ContentsTable, 'status' | 'link_suggestions' | 'updated_at'>,
  added: Pick<ContentsTable, 'id' | 'created_at'>,
  maxLinks: number,
): boolean {
  if (earlier.status !== 'review' || earlier.updated_at >= added.created_at) return false;
  const links = parseJson<{ suggestions: LinkSuggestion[]; applied: LinkSuggestion[] } | null>(
    earlier.link_suggestions,
    null,
  );
  if (!links) return true;
  return (
    links.applied.length === 0 &&
    links.suggestions.length < maxLinks &&
    !links.suggestions.some((s) => s.targetContentId === added.id)
  );
}

/**
 * The ids, oldest first, of the site's earlier articles whose link suggestions may change because
 * `added` was written: those of its cluster and those whose focus keyword is one of its keywords (the
 * same two indexed lookups as the link candidates), filtered by linksMayChange. Bounded by
 * MAX_LINK_REVISITS per article. Ids only: each is read whole just before its revisit (stillToRelink).
 * @example await articlesToRelink(db, scope, newArticle, 3) // ['0193…', '0194…']
 */
export async function articlesToRelink(
  db: Db,
  scope: SiteScope,
  added: Row,
  maxLinks: number,
): Promise<string[]> {
  const q = candidateQueries(db, scope, added, MAX_LINK_REVISITS);
  const seen = new Set<string>();
  const chosen: string[] = [];
  for (const query of [q.sameCluster, q.byKeyword]) {
    if (!query) continue;
    const ids = (await query.execute()).map((r) => r.id).filter((id) => !seen.has(id));
    if (ids.length === 0) continue;
    for (const id of ids) seen.add(id);
    // The few columns that decide, not whole rows with their HTML.
    const rows = await db
      .selectFrom('contents')
      .select(['id', 'status', 'link_suggestions', 'updated_at'])
      .where('account_id', '=', scope.accountId)
      .where('id', 'in', ids)
      .where('status', '=', 'review')
      .execute();
    for (const r of rows) if (linksMayChange(r, added, maxLinks)) chosen.push(r.id);
  }
  if (chosen.length === 0) return [];
  const ordered = await db
    .selectFrom('contents')
    .select('id')
    .where('account_id', '=', scope.accountId)
    .where('id', 'in', chosen.slice(0, MAX_LINK_REVISITS))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return ordered.map((r) => r.id);
}

/**
 * The earlier article as it is now, if its links may still change because `added` exists. Read again
 * just before a revisit: one made for a sibling a moment ago may have covered `added` already.
 * @example const fresh = await stillToRelink(db, scope, earlier.id, added, 3)
 */
export async function stillToRelink(
  db: Db,
  scope: SiteScope,
  id: string,
  added: Pick<ContentsTable, 'id' | 'created_at'>,
  maxLinks: number,
): Promise<ContentsTable | undefined> {
  const row = await db
    .selectFrom('contents')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && linksMayChange(row, added, maxLinks) ? row : undefined;
}
