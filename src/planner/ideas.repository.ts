import { sql, type Insertable, type Selectable } from 'kysely';
import { cachedCount, type Db, type IdeasTable } from '../db/index.js';
import { nearerEnd } from '../db/nearer-end.js';
import { textMatch } from '../search/text-match.js';
import type { Scope } from '../tenancy/scope.js';

/** An idea row with the name of its cluster (null when the idea has none or the cluster is gone). */
export type IdeaRow = Selectable<IdeasTable> & { cluster_name: string | null };

export interface IdeaFilter {
  status?: IdeasTable['status'];
  clusterId?: string;
  search?: string;
}

function filtered(db: Db, scope: Scope, f: IdeaFilter) {
  let q = db.selectFrom('ideas').where('ideas.account_id', '=', scope.accountId);
  if (scope.siteId) q = q.where('ideas.site_id', '=', scope.siteId);
  if (scope.sectorId) q = q.where('ideas.sector_id', '=', scope.sectorId);
  if (f.status) q = q.where('ideas.status', '=', f.status);
  if (f.clusterId) q = q.where('ideas.cluster_id', '=', f.clusterId);
  if (f.search) q = q.where(textMatch(db, 'ideas', ['title', 'brief'], f.search));
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

/**
 * One page of ideas in the scope, newest first, and the total matching: counted once per change
 * (cachedCount), the page's ids read from the nearer end of an index holding the order (0010).
 */
export async function listIdeaRows(
  db: Db,
  scope: Scope,
  f: IdeaFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: IdeaRow[]; total: number }> {
  const total = await cachedCount(
    db,
    ['ideas'],
    filtered(db, scope, f).select(sql<number>`count(*)`.as('n')),
  );
  const plan = nearerEnd(total, page.limit, page.offset);
  if (plan.limit === 0) return { rows: [], total };
  const ids = filtered(db, scope, f)
    .select('ideas.id')
    .orderBy('ideas.created_at', plan.reversed ? 'asc' : 'desc')
    .orderBy('ideas.id', plan.reversed ? 'desc' : 'asc')
    .limit(plan.limit)
    .offset(plan.offset);
  const rows = await withCluster(db.selectFrom('ideas').where('ideas.id', 'in', ids))
    .orderBy('ideas.created_at', 'desc')
    .orderBy('ideas.id')
    .execute();
  return { rows, total };
}

/** The first `limit` ideas of the scope, oldest first: the same sample every time (`igny8 compare`). */
export async function sampleIdeaRows(db: Db, scope: Scope, limit: number): Promise<Selectable<IdeasTable>[]> {
  return filtered(db, scope, {})
    .selectAll('ideas')
    .orderBy('ideas.created_at')
    .orderBy('ideas.id')
    .limit(limit)
    .execute();
}

/** One idea of the account by id, or undefined. */
export async function findIdeaRow(db: Db, scope: Scope, id: string): Promise<IdeaRow | undefined> {
  return withCluster(filtered(db, scope, {}))
    .where('ideas.id', '=', id)
    .executeTakeFirst();
}

export async function insertIdea(db: Db, row: Insertable<IdeasTable>): Promise<void> {
  await db.insertInto('ideas').values(row).execute();
}

/** The idea has its writing task. */
export async function markIdeaQueued(db: Db, id: string, now: string): Promise<void> {
  await db.updateTable('ideas').set({ status: 'queued', updated_at: now }).where('id', '=', id).execute();
}

/** One idea of the account, every column. */
export async function findIdea(
  db: Db,
  scope: Pick<Scope, 'accountId'>,
  id: string,
): Promise<Selectable<IdeasTable> | undefined> {
  return db
    .selectFrom('ideas')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}
