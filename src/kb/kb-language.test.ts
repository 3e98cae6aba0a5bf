import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { seedTenant } from '../../test/helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { isSqlite } from '../db/index.js';
import { migrateDown, migrateUp, pendingMigrations } from '../db/migrate.js';
import { createKbService } from './kb.service.js';
import { searchTerms } from './search-terms.js';

const GERMAN = [
  '# Kaffeebohnen lagern',
  '',
  'Geröstete Kaffeebohnen bleiben in einer luftdichten Dose etwa vier Wochen frisch.',
  '',
  '# Wasser',
  '',
  'Weiches Wasser mit wenig Kalk schmeckt im Filter am besten.',
].join('\n');

const JAPANESE = [
  '# 豆の保存',
  '',
  'コーヒー豆は焙煎後二週間以内に使い切るのが理想です。',
  '',
  '# 水出し',
  '',
  '水出しコーヒーは冷蔵庫で十二時間かけて抽出します。',
].join('\n');

/**
 * Knowledge-base passages are indexed and queried in their site's language: PostgreSQL with the
 * language's stemmer (0029), Japanese split into words on both databases; English as before.
 */
describe.each(DIALECTS)('knowledge-base search by language on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  async function site(suffix: string, language: string) {
    const a = await seedTenant(t.db, suffix);
    await t.db.updateTable('sites').set({ language }).where('id', '=', a.siteId).execute();
    return { accountId: a.accountId, siteId: a.siteId };
  }

  it('a German knowledge base finds "Kaffeebohnen" from an inflected form only German stemming matches', async () => {
    t = await createTestDb(dialect);
    const kb = createKbService({ db: t.db, urlGuard: { allowPrivate: true } });
    const de = await site('de', 'de-AT');
    const en = await site('en', 'en');
    const added = await kb.add(de, { kind: 'bytes', bytes: Buffer.from(GERMAN), fileName: 'lager.md' });
    await kb.add(en, { kind: 'bytes', bytes: Buffer.from(GERMAN), fileName: 'lager.md' });
    const stored = await t.db
      .selectFrom('kb_passages')
      .select(sql<string>`ts_config${isSqlite(t.db) ? sql`` : sql`::text`}`.as('cfg'))
      .where('source_id', '=', added.source.id)
      .execute();
    expect(stored.map((r) => r.cfg)).toEqual(['german', 'german']);

    // The word as written is found everywhere.
    expect((await kb.search(de, 'Kaffeebohnen'))[0]?.heading).toBe('Kaffeebohnen lagern');
    if (isSqlite(t.db)) return; // SQLite stems every language with FTS5's English porter (documented).
    // "Kaffeebohne" (singular): German stemming makes both "kaffeebohn"; English leaves "kaffeebohnen".
    const hits = await kb.search(de, 'Kaffeebohne aufbewahren');
    expect(hits[0]).toMatchObject({ heading: 'Kaffeebohnen lagern', sourceId: added.source.id });
    expect(hits.some((h) => h.heading === 'Wasser')).toBe(false);
    expect(await kb.search(en, 'Kaffeebohne')).toEqual([]);
  });

  it('a Japanese knowledge base finds its passages from words inside unspaced sentences', async () => {
    t = await createTestDb(dialect);
    const kb = createKbService({ db: t.db, urlGuard: { allowPrivate: true } });
    const ja = await site('ja', 'ja');
    const added = await kb.add(ja, { kind: 'bytes', bytes: Buffer.from(JAPANESE), fileName: 'mame.md' });
    expect(added.source.passageCount).toBe(2);
    expect(searchTerms('コーヒー豆の保存方法')).toEqual(expect.arrayContaining(['コーヒー', '豆', '保存']));

    const beans = await kb.search(ja, 'コーヒー豆の保存方法');
    expect(beans[0]).toMatchObject({ heading: '豆の保存' });
    expect(beans[0]!.text).toBe('コーヒー豆は焙煎後二週間以内に使い切るのが理想です。');
    const cold = await kb.search(ja, '水出しの時間');
    expect(cold[0]).toMatchObject({ heading: '水出し' });
    expect(await kb.search(ja, '紅茶')).toEqual([]);

    const retrieved = await kb.retrieve(ja, {
      focusKeyword: '水出しコーヒー',
      sections: [{ heading: '水出しコーヒーの抽出時間' }],
    });
    expect(retrieved.passages.map((p) => p.heading)).toContain('水出し');
  });

  it('English is unchanged, and a site that changes language still finds what it added before', async () => {
    t = await createTestDb(dialect);
    const kb = createKbService({ db: t.db, urlGuard: { allowPrivate: true } });
    const s = await site('x', 'en');
    await kb.add(s, {
      kind: 'bytes',
      bytes: Buffer.from('# Brewing\n\nBrewing cold brew coffee takes twelve hours in the fridge.'),
      fileName: 'brew.md',
    });
    expect((await kb.search(s, 'brew'))[0]?.heading).toBe('Brewing');
    await t.db.updateTable('sites').set({ language: 'de' }).where('id', '=', s.siteId).execute();
    await kb.add(s, { kind: 'bytes', bytes: Buffer.from(GERMAN), fileName: 'lager.md' });
    expect((await kb.search(s, 'brewed'))[0]?.heading).toBe('Brewing');
    expect((await kb.search(s, isSqlite(t.db) ? 'Kaffeebohnen' : 'Kaffeebohne'))[0]?.heading).toBe(
      'Kaffeebohnen lagern',
    );
  });

  it('0029 converts passages indexed before it to their site language (and back down)', async () => {
    t = await createTestDb(dialect);
    while (!(await pendingMigrations(t.db)).includes('0029-kb-text-search-language')) await migrateDown(t.db);
    const de = await site('de', 'de');
    const ja = await site('ja', 'ja');
    const now = new Date().toISOString();
    for (const [scope, id, heading, text] of [
      [de, 'de', 'Kaffeebohnen lagern', 'Geröstete Kaffeebohnen bleiben vier Wochen frisch.'],
      [ja, 'ja', '豆の保存', 'コーヒー豆は焙煎後二週間以内に使い切るのが理想です。'],
    ] as const) {
      await sql`insert into kb_sources (id, account_id, site_id, title, url, origin, file_name, format, sha256, bytes, chars, passage_count, created_at)
        values (${`src-${id}`}, ${scope.accountId}, ${scope.siteId}, ${heading}, null, 'file', 'a.md', 'markdown', ${id}, 10, 10, 1, ${now})`.execute(
        t.db,
      );
      await sql`insert into kb_passages (id, account_id, site_id, source_id, seq, heading, text, words)
        values (${`p-${id}`}, ${scope.accountId}, ${scope.siteId}, ${`src-${id}`}, 1, ${heading}, ${text}, 6)`.execute(
        t.db,
      );
      if (isSqlite(t.db))
        await sql`insert into kb_passages_fts (passage_id, account_id, site_id, source_id, heading, text)
          values (${`p-${id}`}, ${scope.accountId}, ${scope.siteId}, ${`src-${id}`}, ${heading}, ${text})`.execute(
          t.db,
        );
    }
    await migrateUp(t.db);
    const rows = await t.db
      .selectFrom('kb_passages')
      .select(['id', 'fts_text'])
      .select(sql<string>`ts_config${isSqlite(t.db) ? sql`` : sql`::text`}`.as('cfg'))
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { id: 'p-de', cfg: 'german', fts_text: null },
      { id: 'p-ja', cfg: 'simple', fts_text: expect.stringContaining('コーヒー 豆') },
    ]);
    const kb = createKbService({ db: t.db, urlGuard: { allowPrivate: true } });
    expect((await kb.search(ja, 'コーヒー豆'))[0]?.id).toBe('p-ja');
    if (!isSqlite(t.db)) expect((await kb.search(de, 'Kaffeebohne'))[0]?.id).toBe('p-de');

    // Down and up again: the rows survive both ways.
    while (!(await pendingMigrations(t.db)).includes('0029-kb-text-search-language')) await migrateDown(t.db);
    await migrateUp(t.db);
    expect((await kb.search(ja, 'コーヒー豆'))[0]?.id).toBe('p-ja');
  });
});
