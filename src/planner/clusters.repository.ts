import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import { cachedCount, type ClustersTable, type Db } from '../db/index.js';
import { nearerEnd } from '../db/nearer-end.js';
import { textMatch } from '../search/text-match.js';
import type { Scope, SectorScope } from '../tenancy/scope.js';
import { ID_CHUNK, chunks, scopeOfIds } from './keywords.repository.js';

export type ClusterRow = Selectable<ClustersTable>;

/** 13 columns per cluster row, under SQLite's 32,766 bound variables per statement. */
const CLUSTER_CHUNK = Math.floor(32_766 / 13);

export async function insertClusterRows(db: Db, rows: Insertable<ClustersTable>[]): Promise<void> {
  for (const part of chunks(rows, CLUSTER_CHUNK)) await db.insertInto('clusters').values(part).execute();
}

/** Set columns of one cluster of the account. */
export async function updateCluster(
  db: Db,
  scope: Pick<Scope, 'accountId'>,
  id: string,
  set: Updateable<ClustersTable>,
): Promise<void> {
  await db
    .updateTable('clusters')
    .set(set)
    .where('account_id', '=', scope.accountId)
    .where('id', '=', id)
    .execute();
}

/**
 * Put keywords into clusters (status clustered), `ID_CHUNK` per statement with a CASE on the id.
 * Only keywords still `new` in the site+sector move; the count tells the caller whether someone else
 * changed them in between. Written in id order, not cluster by cluster: a cluster's keywords lie
 * all over the table, while ids follow the insert order (imports hand out time-ordered ids), so each
 * statement touches neighbouring index and table pages (a third faster at 100,000 keywords, P3).
 */
export async function assignKeywords(
  db: Db,
  scope: SectorScope,
  pairs: Array<{ keywordId: string; clusterId: string }>,
  now: string,
): Promise<number> {
  const byId = [...pairs].sort((a, b) =>
    a.keywordId < b.keywordId ? -1 : a.keywordId > b.keywordId ? 1 : 0,
  );
  let n = 0;
  for (const part of chunks(byId, ID_CHUNK)) {
    const cases = sql.join(
      part.map((p) => sql`when ${p.keywordId} then ${p.clusterId}`),
      sql` `,
    );
    const res = await db
      .updateTable('keywords')
      .set({
        cluster_id: sql<string>`case ${sql.ref('id')} ${cases} end`,
        status: 'clustered',
        updated_at: now,
      })
      .where(
        'id',
        'in',
        part.map((p) => p.keywordId),
      )
      .where(scopeOfIds(scope))
      .where('status', '=', 'new')
      .executeTakeFirst();
    n += Number(res.numUpdatedRows);
  }
  return n;
}

/** Recompute keyword count, volume sum and primary keyword of clusters from their keywords. */
export async function refreshClusterStats(
  db: Db,
  scope: Scope,
  clusterIds: readonly string[],
): Promise<void> {
  for (const part of chunks(clusterIds, ID_CHUNK)) {
    await db
      .updateTable('clusters')
      .set((eb) => ({
        keyword_count: eb
          .selectFrom('keywords')
          .select(sql<number>`count(*)`.as('n'))
          .whereRef('keywords.cluster_id', '=', 'clusters.id'),
        volume_sum: eb
          .selectFrom('keywords')
          .select(sql<number>`coalesce(sum(volume), 0)`.as('v'))
          .whereRef('keywords.cluster_id', '=', 'clusters.id'),
        primary_keyword: eb
          .selectFrom('keywords')
          .select('keyword')
          .whereRef('keywords.cluster_id', '=', 'clusters.id')
          .orderBy('volume', (ob) => ob.desc().nullsLast())
          .orderBy('normalized')
          .limit(1),
        updated_at: new Date().toISOString(),
      }))
      .where('account_id', '=', scope.accountId)
      .where('id', 'in', part)
      .execute();
  }
}

export interface ClusterFilter {
  status?: ClusterRow['status'];
  method?: ClusterRow['method'];
  search?: string;
}

export type ClusterSort =
  'volume' | '-volume' | 'keywords' | '-keywords' | 'name' | '-name' | 'created' | '-created';

function filtered(db: Db, scope: Scope, f: ClusterFilter) {
  let q = db.selectFrom('clusters').where('account_id', '=', scope.accountId);
  if (scope.siteId) q = q.where('site_id', '=', scope.siteId);
  if (scope.sectorId) q = q.where('sector_id', '=', scope.sectorId);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.method) q = q.where('method', '=', f.method);
  if (f.search) q = q.where(textMatch(db, 'clusters', ['name'], f.search));
  return q;
}

/** One page of clusters in the scope and the total matching. */
export async function listClusterRows(
  db: Db,
  scope: Scope,
  f: ClusterFilter,
  page: { sort: ClusterSort; limit: number; offset: number },
): Promise<{ rows: ClusterRow[]; total: number }> {
  const desc = page.sort.startsWith('-');
  const column = { volume: 'volume_sum', keywords: 'keyword_count', name: 'name', created: 'created_at' }[
    page.sort.replace(/^-/, '') as 'volume'
  ] as 'volume_sum' | 'keyword_count' | 'name' | 'created_at';
  // Counted once per change; the page's ids from the nearer end (clusters_list_* serve the default
  // and the name order within a site, 0010), then the rows by id.
  const total = await cachedCount(
    db,
    ['clusters'],
    filtered(db, scope, f).select(sql<number>`count(*)`.as('n')),
  );
  const plan = nearerEnd(total, page.limit, page.offset);
  if (plan.limit === 0) return { rows: [], total };
  const columnDesc = desc !== plan.reversed;
  const ids = filtered(db, scope, f)
    .select('id')
    .orderBy(column, columnDesc ? 'desc' : 'asc')
    .orderBy('id', plan.reversed ? 'desc' : 'asc')
    .limit(plan.limit)
    .offset(plan.offset);
  const rows = await db
    .selectFrom('clusters')
    .selectAll()
    .where('id', 'in', ids)
    .orderBy(column, desc ? 'desc' : 'asc')
    .orderBy('id')
    .execute();
  return { rows, total };
}

/** One cluster of the account, every column. */
export async function findCluster(
  db: Db,
  scope: Pick<Scope, 'accountId'>,
  id: string,
): Promise<ClusterRow | undefined> {
  return db
    .selectFrom('clusters')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The sector's AI cluster of this name (case-insensitive), which a later batch merges into. */
export async function findAiClusterNamed(
  db: Db,
  scope: Pick<Scope, 'accountId'>,
  where: { siteId: string; sectorId: string; name: string },
): Promise<{ id: string } | undefined> {
  return db
    .selectFrom('clusters')
    .select(['id'])
    .where('account_id', '=', scope.accountId)
    .where('site_id', '=', where.siteId)
    .where('sector_id', '=', where.sectorId)
    .where('method', '=', 'ai')
    .where((eb) => eb(eb.fn('lower', ['name']), '=', where.name.toLowerCase()))
    .executeTakeFirst();
}
