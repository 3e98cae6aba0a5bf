import { sql, type RawBuilder } from 'kysely';
import { isSqlite, type Db } from '../db/index.js';

/** Tables with a text-search index (migration 0010-read-paths) and the columns it holds. */
export const SEARCHABLE = {
  contents: ['title', 'focus_keyword'],
  ideas: ['title', 'brief'],
  clusters: ['name'],
} as const;
export type SearchableTable = keyof typeof SEARCHABLE;

/** `%text%` with LIKE's own wildcards escaped, lower-cased (PostgreSQL's LIKE is case-sensitive). */
export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The trigram index answers only runs of three characters or more. */
const MIN_INDEXED = 3;

/**
 * A condition: one of `columns` of `table` contains `text`, case-insensitively (`lower(col) like
 * '%text%'`, the meaning the lists and the search always had). The text index finds the candidate
 * rows instead of a scan of the account: on SQLite the FTS5 trigram table (its phrase match is a
 * case-insensitive substring match, then LIKE rechecks the few candidates exactly), on PostgreSQL
 * the pg_trgm GIN indexes on `lower(col)` serve the LIKE itself. Texts under three characters scan.
 * @example q.where(textMatch(db, 'contents', ['title', 'focus_keyword'], 'running'))
 */
export function textMatch<T extends SearchableTable>(
  db: Db,
  table: T,
  columns: ReadonlyArray<(typeof SEARCHABLE)[T][number]>,
  text: string,
): RawBuilder<boolean> {
  const pattern = likePattern(text);
  const like = sql.join(
    columns.map((c) => sql`lower(${sql.ref(`${table}.${c}`)}) like ${pattern} escape '\\'`),
    sql` or `,
  );
  if (!isSqlite(db) || [...text].length < MIN_INDEXED) return sql<boolean>`(${like})`;
  const fts = `${table}_fts`;
  const phrase = `{${columns.join(' ')}} : "${text.replace(/"/g, '""')}"`;
  return sql<boolean>`(${sql.ref(`${table}.rowid`)} in (select rowid from ${sql.table(fts)} where ${sql.table(fts)} match ${phrase}) and (${like}))`;
}
