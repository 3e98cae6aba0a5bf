import { sql, type Insertable, type Updateable } from 'kysely';
import { cachedCount, type ContentsTable, type Db } from '../db/index.js';
import { nearerEnd } from '../db/nearer-end.js';
import { textMatch } from '../search/text-match.js';
import type { Scope } from '../tenancy/scope.js';

/** The columns a list ships: everything but the HTML body, the SEO report and the link suggestions. */
export const SUMMARY_COLUMNS = [
  'id',
  'account_id',
  'site_id',
  'sector_id',
  'task_id',
  'idea_id',
  'cluster_id',
  'title',
  'slug',
  'excerpt',
  'meta_title',
  'meta_description',
  'focus_keyword',
  'keywords',
  'word_count',
  'seo_score',
  'provenance',
  'status',
  'created_at',
  'updated_at',
] as const satisfies ReadonlyArray<keyof ContentsTable>;

export type ContentSummaryRow = Pick<ContentsTable, (typeof SUMMARY_COLUMNS)[number]>;

export interface ContentFilter {
  siteId?: string | undefined;
  status?: ContentsTable['status'] | undefined;
  /** Title or focus keyword contains it, case-insensitive. */
  search?: string | undefined;
}

function filtered(db: Db, scope: Scope, f: ContentFilter) {
  let q = db.selectFrom('contents').where('account_id', '=', scope.accountId);
  const siteId = f.siteId ?? scope.siteId;
  if (siteId) q = q.where('site_id', '=', siteId);
  if (scope.sectorId) q = q.where('sector_id', '=', scope.sectorId);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.search) q = q.where(textMatch(db, 'contents', ['title', 'focus_keyword'], f.search));
  return q;
}

/**
 * One page of articles, newest first (then by id), and the total matching. The total is counted
 * once per change of the table (cachedCount); the page's ids come from an index that holds the
 * order and the id (migration 0010), read from the nearer end of the list, and only then are the
 * page's summary rows read by id — so the first and the last page of 100,000 articles cost the same.
 */
export async function listContentRows(
  db: Db,
  scope: Scope,
  f: ContentFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: ContentSummaryRow[]; total: number }> {
  const total = await cachedCount(
    db,
    ['contents'],
    filtered(db, scope, f).select(sql<number>`count(*)`.as('n')),
  );
  const plan = nearerEnd(total, page.limit, page.offset);
  if (plan.limit === 0) return { rows: [], total };
  const dir = plan.reversed ? 'asc' : 'desc';
  const ids = filtered(db, scope, f)
    .select('id')
    .orderBy('created_at', dir)
    .orderBy('id', plan.reversed ? 'desc' : 'asc')
    .limit(plan.limit)
    .offset(plan.offset);
  const rows = await db
    .selectFrom('contents')
    .select(SUMMARY_COLUMNS)
    // The ids are already the scope's: the primary key alone finds the rows.
    .where('id', 'in', ids)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return { rows, total };
}

/** One article of the account, every column. */
export async function findContent(
  db: Db,
  scope: Pick<Scope, 'accountId'>,
  id: string,
): Promise<ContentsTable | undefined> {
  return db
    .selectFrom('contents')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The article written from a task, every column. */
export async function findContentByTask(
  db: Db,
  scope: Pick<Scope, 'accountId'>,
  taskId: string,
): Promise<ContentsTable | undefined> {
  return db
    .selectFrom('contents')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .where('task_id', '=', taskId)
    .executeTakeFirst();
}

export async function insertContent(db: Db, row: Insertable<ContentsTable>): Promise<void> {
  await db.insertInto('contents').values(row).execute();
}

/**
 * Set columns of one article of the account; the number of rows changed (0: not the account's, or
 * with `unchangedSince`, changed by another transaction since it was read at that `updated_at`).
 */
export async function updateContent(
  db: Db,
  scope: Pick<Scope, 'accountId'>,
  id: string,
  set: Updateable<ContentsTable>,
  unchangedSince?: string,
): Promise<number> {
  let q = db.updateTable('contents').set(set).where('account_id', '=', scope.accountId).where('id', '=', id);
  // On PostgreSQL (read committed) a concurrent edit may commit between our read and this write;
  // the update then re-reads the row, sees the new updated_at and changes nothing.
  if (unchangedSince !== undefined) q = q.where('updated_at', '=', unchangedSince);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** These articles of the account, every column. */
export async function findContents(
  db: Db,
  scope: Pick<Scope, 'accountId'>,
  ids: readonly string[],
): Promise<ContentsTable[]> {
  return db
    .selectFrom('contents')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .where('id', 'in', ids)
    .execute();
}

/** Titles of up to five other live (not rejected) articles of the site with this focus keyword. */
export async function titlesWithFocusKeyword(
  db: Db,
  row: Pick<ContentsTable, 'account_id' | 'site_id' | 'id'>,
  focusKeyword: string,
): Promise<Array<{ title: string }>> {
  return db
    .selectFrom('contents')
    .select('title')
    .where('account_id', '=', row.account_id)
    .where('site_id', '=', row.site_id)
    .where('id', '!=', row.id)
    .where('status', '!=', 'rejected')
    .where((eb) => eb(eb.fn('lower', ['focus_keyword']), '=', focusKeyword.toLowerCase()))
    .limit(5)
    .execute();
}
