import { sql } from 'kysely';
import { isSqlite, type Db } from '../db/index.js';
import type { KbPassagesTable, KbSourcesTable } from '../db/schema.js';
import type { Scope, SiteScope } from '../tenancy/scope.js';

// The only module that reads or writes kb_sources, kb_passages and kb_passages_fts.

export type KbSourceRow = KbSourcesTable;
export type KbPassageRow = KbPassagesTable;

export interface KbHitRow extends KbPassagesTable {
  source_title: string;
  source_url: string | null;
  score: number;
}

const BATCH = 200;

/** A source already added to the site with the same bytes. */
export function findSourceBySha(db: Db, scope: SiteScope, sha256: string): Promise<KbSourceRow | undefined> {
  return db
    .selectFrom('kb_sources')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .where('site_id', '=', scope.siteId)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
}

/**
 * Insert a source with its passages (and, on SQLite, their FTS rows: the words split where the
 * script has no spaces). Call inside one transaction.
 */
export async function insertSource(trx: Db, source: KbSourceRow, passages: KbPassageRow[]): Promise<void> {
  await trx.insertInto('kb_sources').values(source).execute();
  for (let i = 0; i < passages.length; i += BATCH) {
    const batch = passages.slice(i, i + BATCH);
    await trx.insertInto('kb_passages').values(batch).execute();
    if (isSqlite(trx)) {
      const rows = batch.map(
        (p) =>
          sql`(${p.id}, ${p.account_id}, ${p.site_id}, ${p.source_id}, ${p.fts_heading ?? p.heading ?? ''}, ${p.fts_text ?? p.text})`,
      );
      await sql`insert into kb_passages_fts (passage_id, account_id, site_id, source_id, heading, text)
        values ${sql.join(rows)}`.execute(trx);
    }
  }
}

/** The site's language as stored (BCP 47), or undefined when the site is not the account's. */
export async function siteLanguage(db: Db, scope: SiteScope): Promise<string | undefined> {
  const row = await db
    .selectFrom('sites')
    .select('language')
    .where('account_id', '=', scope.accountId)
    .where('id', '=', scope.siteId)
    .executeTakeFirst();
  return row?.language;
}

export function listSources(
  db: Db,
  scope: SiteScope,
  page: { limit: number; offset: number },
): Promise<KbSourceRow[]> {
  return db
    .selectFrom('kb_sources')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .where('site_id', '=', scope.siteId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countSources(db: Db, scope: SiteScope): Promise<number> {
  const row = await db
    .selectFrom('kb_sources')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('account_id', '=', scope.accountId)
    .where('site_id', '=', scope.siteId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export function getSource(db: Db, scope: Scope, id: string): Promise<KbSourceRow | undefined> {
  let q = db
    .selectFrom('kb_sources')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .where('id', '=', id);
  if (scope.siteId) q = q.where('site_id', '=', scope.siteId);
  return q.executeTakeFirst();
}

export function sourcePassages(db: Db, scope: Scope, sourceId: string): Promise<KbPassageRow[]> {
  return db
    .selectFrom('kb_passages')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .where('source_id', '=', sourceId)
    .orderBy('seq')
    .execute();
}

/** Delete a source, its passages and their FTS rows. Call inside one transaction. */
export async function deleteSource(trx: Db, scope: Scope, sourceId: string): Promise<void> {
  if (isSqlite(trx))
    await sql`delete from kb_passages_fts where source_id = ${sourceId} and account_id = ${scope.accountId}`.execute(
      trx,
    );
  await trx
    .deleteFrom('kb_passages')
    .where('account_id', '=', scope.accountId)
    .where('source_id', '=', sourceId)
    .execute();
  await trx
    .deleteFrom('kb_sources')
    .where('account_id', '=', scope.accountId)
    .where('id', '=', sourceId)
    .execute();
}

/**
 * The site's passages matching any of `terms`, best first: SQLite FTS5 bm25 (heading weighted twice
 * the text; porter stemming for every language), PostgreSQL ts_rank_cd over the stored tsvector, each
 * passage queried with the configuration it was indexed with (a site whose language changed has
 * passages of both). `score` is higher-is-better in both. Terms are letters and digits
 * only (searchTerms), so they are safe in either query syntax.
 */
export async function searchPassages(
  db: Db,
  scope: SiteScope,
  terms: readonly string[],
  limit: number,
): Promise<KbHitRow[]> {
  if (terms.length === 0) return [];
  if (isSqlite(db)) {
    const match = terms.map((t) => `"${t}"`).join(' OR ');
    // Rank inside the FTS table first and join only the top rows: joining every match before the
    // sort cost ~3x at 1,000 passages (bench/p12-kb.mjs).
    const { rows } = await sql<KbHitRow>`
      with top as (
        select passage_id, -bm25(kb_passages_fts, 0, 0, 0, 0, 2.0, 1.0) as score
        from kb_passages_fts
        where kb_passages_fts match ${match} and account_id = ${scope.accountId} and site_id = ${scope.siteId}
        order by score desc
        limit ${limit})
      select p.*, s.title as source_title, s.url as source_url, top.score as score
      from top
      join kb_passages p on p.id = top.passage_id
      join kb_sources s on s.id = p.source_id
      order by top.score desc, p.id`.execute(db);
    return rows;
  }
  // OR of the terms (to_tsquery): retrieval wants passages sharing any of a section's words, ranked.
  // `materialized`: one tsquery per configuration; inlined, PostgreSQL re-parsed it for every passage
  // (2.5x slower at 1,000 passages).
  const query = terms.join(' | ');
  const { rows } = await sql<KbHitRow>`
    with q as materialized (
      select c.cfg, to_tsquery(c.cfg, ${query}) as query
      from (select distinct ts_config as cfg from kb_sources
            where account_id = ${scope.accountId} and site_id = ${scope.siteId}) c),
    top as (
      select p.id, ts_rank_cd(p.tsv, q.query) as score
      from q
      join kb_passages p on p.ts_config = q.cfg and p.tsv @@ q.query
      where p.account_id = ${scope.accountId} and p.site_id = ${scope.siteId}
      order by score desc
      limit ${limit})
    select p.id, p.account_id, p.site_id, p.source_id, p.seq, p.heading, p.text, p.words,
      p.ts_config::text as ts_config, p.fts_heading, p.fts_text,
      s.title as source_title, s.url as source_url, top.score as score
    from top
    join kb_passages p on p.id = top.id
    join kb_sources s on s.id = p.source_id
    order by top.score desc, p.id`.execute(db);
  return rows.map((r) => ({ ...r, score: Number(r.score) }));
}

export async function siteHasSources(db: Db, scope: SiteScope): Promise<boolean> {
  const row = await db
    .selectFrom('kb_sources')
    .select('id')
    .where('account_id', '=', scope.accountId)
    .where('site_id', '=', scope.siteId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
