import { sql } from 'kysely';
import type { Db } from '../db/index.js';
import { keywordMatch } from './keyword-index.repository.js';
import { likePattern, textMatch } from './text-match.js';
import type { Scope } from '../tenancy/scope.js';

export type SearchTable = 'keywords' | 'clusters' | 'ideas' | 'contents';

export interface SearchRow {
  id: string;
  title: string;
  site_id: string;
  sector_id: string;
  status: string;
  updated_at: string;
}

const TITLE_COLUMN: Record<SearchTable, 'keyword' | 'name' | 'title'> = {
  keywords: 'keyword',
  clusters: 'name',
  ideas: 'title',
  contents: 'title',
};

export { likePattern };

/** Rows of one table whose title contains `text`, newest first, inside the account (and site). */
export async function searchTable(
  db: Db,
  scope: Scope,
  table: SearchTable,
  text: string,
  limit: number,
): Promise<SearchRow[]> {
  const column = TITLE_COLUMN[table];
  let q = db
    .selectFrom(table)
    .select([
      'id',
      sql<string>`${sql.ref(column)}`.as('title'),
      'site_id',
      'sector_id',
      sql<string>`${sql.ref('status')}`.as('status'),
      'updated_at',
    ])
    .where('account_id', '=', scope.accountId)
    // Keywords have their own index, filled after the fact so an import never pays for it.
    .where(
      table === 'keywords'
        ? keywordMatch(db, text)
        : textMatch(db, table, table === 'contents' ? ['title'] : [column as 'title' | 'name'], text),
    );
  if (scope.siteId) q = q.where('site_id', '=', scope.siteId);
  return q.orderBy('updated_at', 'desc').orderBy('id').limit(limit).execute();
}
