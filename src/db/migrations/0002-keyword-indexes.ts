import { SqliteAdapter, sql, type Kysely } from 'kysely';

// Frozen once released, like 0001. Indexes for the lists the API and the dashboard page through.

type Db = Kysely<unknown>;

/** [name, table, columns]: the columns as SQL, `{nullsLast}` where PostgreSQL needs it spelled out. */
const INDEXES: ReadonlyArray<readonly [string, string, string]> = [
  // The keyword list's default order (highest volume first, unknown volumes last, then id) within a
  // site: without it every page sorts the whole site (a temp B-tree over 100,000 rows per request).
  ['keywords_list_volume', 'keywords', 'account_id, site_id, volume desc{nullsLast}, id'],
  // A content's images (content view, image stages, export): images were only indexed by site.
  ['images_content', 'images', 'content_id, role, position'],
  // Content list: newest first within an account's site.
  ['contents_account_created', 'contents', 'account_id, site_id, created_at'],
  // The cannibalization check of every written article (competingTitles) compares lower(focus_keyword):
  // contents_focus cannot serve that, so each article scanned all of its site's articles.
  ['contents_site_focus_lower', 'contents', 'site_id, lower(focus_keyword)'],
  // Notification list: newest first within an account (the old index leads with read_at).
  ['notifications_account_created', 'notifications', 'account_id, created_at, id'],
];

export async function up(db: Db): Promise<void> {
  // SQLite puts NULLs last in a descending index by itself and has no NULLS clause in CREATE INDEX;
  // PostgreSQL puts them first unless told, and then could not serve `desc nulls last`.
  const nullsLast = db.getExecutor().adapter instanceof SqliteAdapter ? '' : ' nulls last';
  for (const [name, table, columns] of INDEXES) {
    await sql
      .raw(`create index ${name} on ${table} (${columns.replace('{nullsLast}', nullsLast)})`)
      .execute(db);
  }
}

export async function down(db: Db): Promise<void> {
  for (const [name] of [...INDEXES].reverse()) await db.schema.dropIndex(name).ifExists().execute();
}
