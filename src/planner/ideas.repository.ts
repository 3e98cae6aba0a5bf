import { sql, type Selectable } from 'kysely';
import type { Db, IdeasTable } from '../db/index.js';
import type { Scope } from '../tenancy/scope.js';

/** An idea row with the name of its cluster (null when the idea has none or the cluster is gone). */
export type IdeaRow = Selectable<IdeasTable> & { cluster_name: string | null };

export interface IdeaFilter {
  status?: IdeasTable['status'];
  clusterId?: string;
  search?: string;
}

/** `%text%` with LIKE's own wildcards escaped, lower-cased for a case-insensitive match. */
export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function filtered(db: Db, scope: Scope, f: IdeaFilter) {
  let q = db.selectFrom('ideas').where('ideas.account_id', '=', scope.accountId);
  if (scope.siteId) q = q.where('ideas.site_id', '=', scope.siteId);
  if (scope.sectorId) q = q.where('ideas.sector_id', '=', scope.sectorId);
  if (f.status) q = q.where('ideas.status', '=', f.status);
  if (f.clusterId) q = q.where('ideas.cluster_id', '=', f.clusterId);
  if (f.search) {
    const like = likePattern(f.search);
    q = q.where(
      sql<boolean>`(lower(ideas.title) like ${like} escape '\\' or lower(coalesce(ideas.brief, '')) like ${like} escape '\\')`,
    );
  }
  return q;
}

/** The idea columns plus its cluster's name; the join repeats the account so it never crosses tenants. */
function withCluster<Q extends ReturnType<typeof filtered>>(q: Q) {
  return q
    .leftJoin('clusters', (j) =>
      j.onRef('clusters.id', '=', 'ideas.cluster_id').onRef('clusters.account_id', '=', 'ideas.account_id'),
    )
    .selectAll('ideas')
    .select('clusters.name as cluster_name');
}

/** One page of ideas in the scope, newest first, and the total matching. */
export async function listIdeaRows(
  db: Db,
  scope: Scope,
  f: IdeaFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: IdeaRow[]; total: number }> {
  const rows = await withCluster(filtered(db, scope, f))
    .orderBy('ideas.created_at', 'desc')
    .orderBy('ideas.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const count = await filtered(db, scope, f)
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}

/** One idea of the account by id, or undefined. */
export async function findIdeaRow(db: Db, scope: Scope, id: string): Promise<IdeaRow | undefined> {
  return withCluster(filtered(db, scope, {}))
    .where('ideas.id', '=', id)
    .executeTakeFirst();
}
