import { sql, type CompiledQuery, type Selectable, type SelectQueryBuilder } from 'kysely';
import { cachedCount, cachedIds, type Database, type Db, type KeywordsTable } from '../db/index.js';
import { nearerEnd } from '../db/nearer-end.js';
import type { Scope, SectorScope } from '../tenancy/scope.js';

export type KeywordRow = Selectable<KeywordsTable>;
export type KeywordStatus = KeywordsTable['status'];

/** Ids per `in (…)` list, far below both dialects' variable limits. */
export const ID_CHUNK = 500;

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The tenant condition for lookups by id. Without ANALYZE statistics SQLite prefers the
 * (account_id, site_id, status) index over the primary key for `id in (…)`, and then scans the whole
 * account once per statement (minutes for 100k keywords). Comparing `column || ''` keeps the exact
 * condition but takes it out of index choice, so the primary key is used; PostgreSQL reads it the same.
 */
export function scopeOfIds(scope: Scope) {
  const parts = [sql`${sql.ref('account_id')} || '' = ${scope.accountId}`];
  if (scope.siteId) parts.push(sql`${sql.ref('site_id')} || '' = ${scope.siteId}`);
  if (scope.sectorId) parts.push(sql`${sql.ref('sector_id')} || '' = ${scope.sectorId}`);
  return sql<boolean>`${sql.join(parts, sql` and `)}`;
}

export interface KeywordFilter {
  status?: KeywordStatus;
  clusterId?: string;
  /** Substring of the keyword, case-insensitive. */
  search?: string;
  minVolume?: number;
  maxDifficulty?: number;
}

export type KeywordSort =
  'volume' | '-volume' | 'difficulty' | '-difficulty' | 'keyword' | '-keyword' | 'created' | '-created';

/** `%text%` with LIKE's own wildcards escaped; keywords are matched on their lower-case normalized form. */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function filtered(db: Db, scope: Scope, f: KeywordFilter) {
  let q = db.selectFrom('keywords').where('account_id', '=', scope.accountId);
  if (scope.siteId) q = q.where('site_id', '=', scope.siteId);
  if (scope.sectorId) q = q.where('sector_id', '=', scope.sectorId);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.clusterId) q = q.where('cluster_id', '=', f.clusterId);
  if (f.search) q = q.where(sql<boolean>`normalized like ${likePattern(f.search)} escape '\\'`);
  if (f.minVolume !== undefined) q = q.where('volume', '>=', f.minVolume);
  if (f.maxDifficulty !== undefined) q = q.where('difficulty', '<=', f.maxDifficulty);
  return q;
}

/** From this offset on, a page is looked up by its ids first (see listKeywordRows). */
export const DEEP_OFFSET = 2000;

const MAX_COMPILED = 256;
const compiledByDb = new WeakMap<Db, Map<string, CompiledQuery>>();

/**
 * The list's queries compiled once per shape and values: building and compiling them with Kysely
 * cost about as much as running them (a dashboard asks for the same pages again and again). Per
 * database handle (a transaction has its own), least recently used dropped first.
 */
function compiled<R>(db: Db, key: unknown[], build: () => CompiledQuery<R>): CompiledQuery<R> {
  let memo = compiledByDb.get(db);
  if (memo === undefined) compiledByDb.set(db, (memo = new Map()));
  const k = JSON.stringify(key);
  const hit = memo.get(k);
  if (hit !== undefined) {
    memo.delete(k);
    memo.set(k, hit);
    return hit as CompiledQuery<R>;
  }
  const q = build();
  memo.set(k, q);
  if (memo.size > MAX_COMPILED) memo.delete(memo.keys().next().value!);
  return q;
}

/** One page of keywords and the total matching, in the account (narrowed by site/sector when scoped). */
export async function listKeywordRows(
  db: Db,
  scope: Scope,
  f: KeywordFilter,
  page: { sort: KeywordSort; limit: number; offset: number },
): Promise<{ rows: KeywordRow[]; total: number }> {
  const desc = page.sort.startsWith('-');
  const column = { volume: 'volume', difficulty: 'difficulty', keyword: 'normalized', created: 'created_at' }[
    page.sort.replace(/^-/, '') as 'volume'
  ] as 'volume' | 'difficulty' | 'normalized' | 'created_at';
  const shape = [
    scope.accountId,
    scope.siteId,
    scope.sectorId,
    f.status,
    f.clusterId,
    f.search,
    f.minVolume,
    f.maxDifficulty,
  ];
  // The total is the same for every page of a filter: counted once, again only after keywords change.
  const total = await cachedCount(db, ['keywords'], {
    compile: () =>
      compiled(db, ['count', ...shape], () =>
        filtered(db, scope, f)
          .select(sql<number>`count(*)`.as('n'))
          .compile(),
      ),
  });
  const plan = nearerEnd(total, page.limit, page.offset);
  if (plan.limit === 0) return { rows: [], total };
  // Unknown volumes/difficulties go last either way, the same on both databases. Read backwards
  // (from the nearer end), the order is exactly reversed: nulls first, ids descending.
  const ordered = <Q extends SelectQueryBuilder<Database, 'keywords', object>>(q: Q, reversed = false): Q =>
    q
      .orderBy(column, (ob) => {
        const d = desc !== reversed ? ob.desc() : ob.asc();
        return reversed ? d.nullsFirst() : d.nullsLast();
      })
      .orderBy('id', reversed ? 'desc' : 'asc') as Q;
  // Deep pages take the page's ids first, then their rows: skipping thousands of rows then walks
  // only the index that serves the order (keywords_list_volume) instead of reading each skipped row
  // from the table; pages past the middle walk it from the other end. Near the top, reading the
  // rows directly is cheaper. While the keywords do not change, the list's ids are remembered and a
  // deep page skips nothing at all.
  const direct = !plan.reversed && plan.offset < DEEP_OFFSET;
  if (direct) {
    const q = compiled(db, ['page', ...shape, page.sort, plan.limit, plan.offset], () =>
      ordered(filtered(db, scope, f).selectAll())
        .limit(plan.limit)
        .offset(plan.offset)
        .compile(),
    );
    return { rows: (await db.executeQuery(q)).rows, total };
  }
  const byIds = (ids: SelectQueryBuilder<Database, 'keywords', { id: string }> | readonly string[]) =>
    ordered(db.selectFrom('keywords').selectAll().where('id', 'in', ids).where(scopeOfIds(scope))).execute();
  const all = await cachedIds(
    db,
    ['keywords'],
    {
      compile: () =>
        compiled(db, ['ids', ...shape, page.sort], () =>
          ordered(filtered(db, scope, f).select('id')).compile(),
        ),
    },
    total,
  );
  if (all !== null) {
    const ids = all.slice(page.offset, page.offset + page.limit);
    return { rows: ids.length === 0 ? [] : await byIds(ids), total };
  }
  const rows = await byIds(
    ordered(filtered(db, scope, f).select('id'), plan.reversed)
      .limit(plan.limit)
      .offset(plan.offset),
  );
  return { rows, total };
}

/** The rows among `ids` that are inside the scope (ids of other tenants simply do not come back). */
export async function findKeywordRows(
  db: Db,
  scope: Scope,
  ids: readonly string[],
): Promise<Array<Pick<KeywordRow, 'id' | 'cluster_id' | 'status'>>> {
  const out: Array<Pick<KeywordRow, 'id' | 'cluster_id' | 'status'>> = [];
  for (const part of chunks(ids, ID_CHUNK)) {
    const rows = await db
      .selectFrom('keywords')
      .select(['id', 'cluster_id', 'status'])
      .where('id', 'in', part)
      .where(scopeOfIds(scope))
      .execute();
    out.push(...rows);
  }
  return out;
}

/** Set status (and clear the cluster) of keywords by id, inside the account. Returns rows changed. */
export async function setKeywordStatus(
  db: Db,
  scope: Scope,
  ids: readonly string[],
  status: KeywordStatus,
  now: string,
): Promise<number> {
  let n = 0;
  for (const part of chunks(ids, ID_CHUNK)) {
    const res = await db
      .updateTable('keywords')
      .set({ status, cluster_id: null, updated_at: now })
      .where('id', 'in', part)
      .where(scopeOfIds(scope))
      .executeTakeFirst();
    n += Number(res.numUpdatedRows);
  }
  return n;
}

export async function deleteKeywordRows(db: Db, scope: Scope, ids: readonly string[]): Promise<number> {
  let n = 0;
  for (const part of chunks(ids, ID_CHUNK)) {
    const res = await db
      .deleteFrom('keywords')
      .where('id', 'in', part)
      .where(scopeOfIds(scope))
      .executeTakeFirst();
    n += Number(res.numDeletedRows);
  }
  return n;
}

/** Keywords of a site+sector waiting to be clustered (status new), in a stable order. */
export async function newKeywordRows(
  db: Db,
  scope: SectorScope,
): Promise<Array<Pick<KeywordRow, 'id' | 'keyword' | 'normalized' | 'volume' | 'intent'>>> {
  return db
    .selectFrom('keywords')
    .select(['id', 'keyword', 'normalized', 'volume', 'intent'])
    .where('account_id', '=', scope.accountId)
    .where('site_id', '=', scope.siteId)
    .where('sector_id', '=', scope.sectorId)
    .where('status', '=', 'new')
    .orderBy('normalized')
    .execute();
}

/** Point keywords of the account at a cluster and mark them clustered, whatever their status. */
export async function moveKeywordsToCluster(
  db: Db,
  scope: Pick<Scope, 'accountId'>,
  ids: readonly string[],
  clusterId: string,
  now: string,
): Promise<void> {
  await db
    .updateTable('keywords')
    .set({ cluster_id: clusterId, status: 'clustered', updated_at: now })
    .where('account_id', '=', scope.accountId)
    .where('id', 'in', ids)
    .execute();
}

/** Which of these keywords are still new in the scope (site and sector when it names them). */
export async function newKeywordsAmong(
  db: Db,
  scope: Scope,
  ids: readonly string[],
): Promise<Array<{ id: string; site_id: string; sector_id: string }>> {
  let q = db
    .selectFrom('keywords')
    .select(['id', 'site_id', 'sector_id'])
    .where('account_id', '=', scope.accountId)
    .where('id', 'in', ids)
    .where('status', '=', 'new');
  if (scope.siteId) q = q.where('site_id', '=', scope.siteId);
  if (scope.sectorId) q = q.where('sector_id', '=', scope.sectorId);
  return q.execute();
}

/** How many keywords a cluster has and their summed volume. */
export async function clusterTotals(
  db: Db,
  scope: Pick<Scope, 'accountId'>,
  clusterId: string,
): Promise<{ n: number; v: number } | undefined> {
  return db
    .selectFrom('keywords')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('volume').as('v')])
    .where('account_id', '=', scope.accountId)
    .where('cluster_id', '=', clusterId)
    .executeTakeFirst();
}
