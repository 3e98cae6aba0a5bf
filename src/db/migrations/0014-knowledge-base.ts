import { SqliteAdapter, sql, type Kysely } from 'kysely';

// Frozen once released. A knowledge base per site: sources (a file, a page, pasted text) split into
// passages, indexed with the database's own full-text search; and the grounding of each article
// (which passages it was given and which it cites).

type Db = Kysely<unknown>;

const isSqliteDb = (db: Db) => db.getExecutor().adapter instanceof SqliteAdapter;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('kb_sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('origin', 'text', (c) => c.notNull().check(sql`origin in ('file','url','stdin')`))
    .addColumn('file_name', 'text')
    .addColumn('format', 'text', (c) =>
      c.notNull().check(sql`format in ('markdown','text','html','pdf','docx')`),
    )
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('chars', 'integer', (c) => c.notNull())
    .addColumn('passage_count', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // The same bytes added twice to a site are one source.
    .addUniqueConstraint('kb_sources_site_sha', ['account_id', 'site_id', 'sha256'])
    .execute();
  await db.schema
    .createIndex('kb_sources_list')
    .on('kb_sources')
    .columns(['account_id', 'site_id', 'created_at', 'id'])
    .execute();

  await db.schema
    .createTable('kb_passages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('source_id', 'text', (c) => c.notNull().references('kb_sources.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('heading', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('words', 'integer', (c) => c.notNull())
    .addUniqueConstraint('kb_passages_source_seq', ['source_id', 'seq'])
    .execute();

  // Which passages an article was given and which it cites (JSON), and whether it is grounded.
  await db.schema.alterTable('contents').addColumn('grounding', 'text').execute();

  if (isSqliteDb(db)) {
    // A self-contained FTS5 table (not external content): its rows are written and deleted with the
    // passages in the same transaction, so a VACUUM that renumbers rowids cannot unhook it. Porter
    // stemming lets "growing" find "grow"; bm25 ranks.
    await sql`create virtual table kb_passages_fts using fts5(
      passage_id unindexed, account_id unindexed, site_id unindexed, source_id unindexed,
      heading, text, tokenize = 'porter unicode61 remove_diacritics 2')`.execute(db);
  } else {
    // PostgreSQL: a stored tsvector (heading weighted above the text) with a GIN index.
    await sql`alter table kb_passages add column tsv tsvector generated always as (
      setweight(to_tsvector('english', coalesce(heading, '')), 'A') ||
      setweight(to_tsvector('english', text), 'B')) stored`.execute(db);
    await sql`create index kb_passages_tsv on kb_passages using gin (tsv)`.execute(db);
    await sql`create index kb_passages_site on kb_passages (account_id, site_id)`.execute(db);
  }
}

export async function down(db: Db): Promise<void> {
  if (isSqliteDb(db)) await sql`drop table if exists kb_passages_fts`.execute(db);
  await db.schema.alterTable('contents').dropColumn('grounding').execute();
  await db.schema.dropTable('kb_passages').ifExists().execute();
  await db.schema.dropTable('kb_sources').ifExists().execute();
}
