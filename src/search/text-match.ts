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
 * rows instead of a scan of the account: on SQLite the FTS5 trigram table (case-insensitive; the
 * text's trigrams narrow the rows, then LIKE rechecks the few candidates exactly), on PostgreSQL
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
  const trigrams = trigramQuery(text);
  if (!isSqlite(db) || trigrams === null) return sql<boolean>`(${like})`;
  const fts = `${table}_fts`;
  const match = `{${columns.join(' ')}} : (${trigrams})`;
  return sql<boolean>`(${sql.ref(`${table}.rowid`)} in (select rowid from ${sql.table(fts)} where ${sql.table(fts)} match ${match}) and (${like}))`;
}

/**
 * An FTS5 trigram query for the rows that may contain `text` (null under three characters): the
 * first and the last trigram of its lower-cased text, both required. Every row containing the text
 * holds them, so with the LIKE recheck it finds exactly the substring matches. Asking for every
 * trigram of the text (the phrase) narrows the candidates little further but costs a look-up per
 * trigram in every index segment, a common one reading a long list: 5-15 ms instead of under 1 ms
 * at 100,000 rows.
 * @example trigramQuery('Running shoes') // '"run" AND "oes"'
 */
export function trigramQuery(text: string): string | null {
  // The lower-cased text, as LIKE compares it: each of its characters is one of the row's,
  // lower-cased, and the index folds case itself.
  const chars = [...text.toLowerCase()];
  if (chars.length < MIN_INDEXED) return null;
  const grams = new Set([chars.slice(0, MIN_INDEXED).join(''), chars.slice(-MIN_INDEXED).join('')]);
  return [...grams].map((g) => `"${g.replace(/"/g, '""')}"`).join(' AND ');
}
