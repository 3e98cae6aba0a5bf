import { SqliteAdapter, sql, type Kysely, type RawBuilder } from 'kysely';

// Frozen once released. Knowledge-base passages are indexed in their site's language, not always in
// English: each source and passage records the text-search configuration it was indexed with
// (PostgreSQL's stemmer for the language, `simple` for languages without one), and PostgreSQL's stored
// tsvector is generated from it (to_tsvector(regconfig, text) is immutable). Text in scripts written
// without spaces (Japanese, Chinese, Thai…) is indexed split into words (fts_heading, fts_text; null
// when no split was needed), since neither database's tokenizer finds the words of "コーヒー豆は".
// SQLite keeps its one FTS5 table with the porter stemmer (FTS5 ships no other language's stemmer;
// porter's plural handling helps French or Spanish more than its English suffixes hurt them) and
// indexes the split text there. Existing rows take their site's language.

type Db = Kysely<unknown>;

const isSqliteDb = (db: Db) => db.getExecutor().adapter instanceof SqliteAdapter;

/** The mapping as of this migration (src/kb/text-search-config.ts may grow; rows added later use it). */
const CONFIGS: Record<string, string> = {
  ar: 'arabic',
  ca: 'catalan',
  da: 'danish',
  de: 'german',
  el: 'greek',
  en: 'english',
  es: 'spanish',
  eu: 'basque',
  fi: 'finnish',
  fr: 'french',
  ga: 'irish',
  hi: 'hindi',
  hu: 'hungarian',
  hy: 'armenian',
  id: 'indonesian',
  it: 'italian',
  lt: 'lithuanian',
  nb: 'norwegian',
  ne: 'nepali',
  nl: 'dutch',
  nn: 'norwegian',
  no: 'norwegian',
  pt: 'portuguese',
  ro: 'romanian',
  ru: 'russian',
  sr: 'serbian',
  sv: 'swedish',
  ta: 'tamil',
  tr: 'turkish',
  yi: 'yiddish',
};

const SPACELESS_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]/u;

function segment(text: string | null): string | null {
  if (!text || !SPACELESS_SCRIPT.test(text)) return null;
  const words: string[] = [];
  for (const s of new Intl.Segmenter('und', { granularity: 'word' }).segment(text))
    if (s.isWordLike) words.push(s.segment);
  return words.join(' ');
}

/** CASE over a site's primary language subtag → configuration name. */
function configOf(primary: RawBuilder<unknown>): RawBuilder<unknown> {
  const whens = Object.entries(CONFIGS).map(([tag, cfg]) => sql`when ${sql.lit(tag)} then ${sql.lit(cfg)}`);
  return sql`(case ${primary} ${sql.join(whens, sql` `)} else 'simple' end)`;
}

export async function up(db: Db): Promise<void> {
  const sqlite = isSqliteDb(db);
  const cfgType = sqlite ? sql`text` : sql`regconfig`;
  await db.schema
    .alterTable('kb_sources')
    .addColumn('ts_config', cfgType, (c) => c.notNull().defaultTo('english'))
    .execute();
  await db.schema
    .alterTable('kb_passages')
    .addColumn('ts_config', cfgType, (c) => c.notNull().defaultTo('english'))
    .execute();
  await db.schema.alterTable('kb_passages').addColumn('fts_heading', 'text').execute();
  await db.schema.alterTable('kb_passages').addColumn('fts_text', 'text').execute();

  const primary = sqlite
    ? sql`lower(case when instr(si.language, '-') > 0 then substr(si.language, 1, instr(si.language, '-') - 1) else si.language end)`
    : sql`split_part(lower(si.language), '-', 1)`;
  await sql`update kb_sources set ts_config = (select ${configOf(primary)} from sites si where si.id = kb_sources.site_id)${sqlite ? sql`` : sql`::regconfig`}`.execute(
    db,
  );
  await sql`update kb_passages set ts_config = (select s.ts_config from kb_sources s where s.id = kb_passages.source_id)`.execute(
    db,
  );

  // Passages of languages written without spaces, split into words (a few hundred at a time).
  let after = '';
  for (;;) {
    const { rows } = await sql<{ id: string; heading: string | null; text: string }>`
      select id, heading, text from kb_passages
      where ts_config = ${sqlite ? sql`'simple'` : sql`'simple'::regconfig`} and id > ${after}
      order by id limit 500`.execute(db);
    for (const r of rows) {
      const ftsHeading = segment(r.heading);
      const ftsText = segment(r.text);
      if (ftsHeading !== null || ftsText !== null)
        await sql`update kb_passages set fts_heading = ${ftsHeading}, fts_text = ${ftsText} where id = ${r.id}`.execute(
          db,
        );
    }
    if (rows.length < 500) break;
    after = rows[rows.length - 1]!.id;
  }

  if (sqlite) {
    // Split passages get their FTS rows again, with the words split.
    await sql`delete from kb_passages_fts where passage_id in
      (select id from kb_passages where fts_heading is not null or fts_text is not null)`.execute(db);
    await sql`insert into kb_passages_fts (passage_id, account_id, site_id, source_id, heading, text)
      select id, account_id, site_id, source_id, coalesce(fts_heading, heading, ''), coalesce(fts_text, text)
      from kb_passages where fts_heading is not null or fts_text is not null`.execute(db);
  } else {
    await sql`drop index if exists kb_passages_tsv`.execute(db);
    await sql`alter table kb_passages drop column tsv`.execute(db);
    await sql`alter table kb_passages add column tsv tsvector generated always as (
      setweight(to_tsvector(ts_config, coalesce(fts_heading, heading, '')), 'A') ||
      setweight(to_tsvector(ts_config, coalesce(fts_text, text)), 'B')) stored`.execute(db);
    await sql`create index kb_passages_tsv on kb_passages using gin (tsv)`.execute(db);
  }
}

export async function down(db: Db): Promise<void> {
  if (isSqliteDb(db)) {
    // FTS rows as 0014 wrote them: the text as it is.
    await sql`delete from kb_passages_fts where passage_id in
      (select id from kb_passages where fts_heading is not null or fts_text is not null)`.execute(db);
    await sql`insert into kb_passages_fts (passage_id, account_id, site_id, source_id, heading, text)
      select id, account_id, site_id, source_id, coalesce(heading, ''), text
      from kb_passages where fts_heading is not null or fts_text is not null`.execute(db);
  } else {
    await sql`drop index if exists kb_passages_tsv`.execute(db);
    await sql`alter table kb_passages drop column tsv`.execute(db);
  }
  await db.schema.alterTable('kb_passages').dropColumn('fts_text').execute();
  await db.schema.alterTable('kb_passages').dropColumn('fts_heading').execute();
  await db.schema.alterTable('kb_passages').dropColumn('ts_config').execute();
  await db.schema.alterTable('kb_sources').dropColumn('ts_config').execute();
  if (!isSqliteDb(db)) {
    await sql`alter table kb_passages add column tsv tsvector generated always as (
      setweight(to_tsvector('english', coalesce(heading, '')), 'A') ||
      setweight(to_tsvector('english', text), 'B')) stored`.execute(db);
    await sql`create index kb_passages_tsv on kb_passages using gin (tsv)`.execute(db);
  }
}
