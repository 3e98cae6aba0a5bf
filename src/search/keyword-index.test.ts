import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { seedTenant, type SeededTenant } from '../../test/helpers/seed-tenant.js';
import type { Db } from '../db/index.js';
import { importKeywords } from '../planner/index.js';
import { catchUpKeywordIndex } from './keyword-index.repository.js';
import { searchTable } from './search.repository.js';
import { createSearchService } from './search.service.js';
import { trigramQuery } from './text-match.js';

async function addKeyword(db: Db, t: SeededTenant, id: string, keyword: string) {
  const now = new Date().toISOString();
  await db
    .insertInto('keywords')
    .values({
      id,
      account_id: t.accountId,
      site_id: t.siteId,
      sector_id: t.sectorId,
      keyword,
      normalized: keyword.toLowerCase(),
      volume: 10,
      difficulty: 5,
      cpc: null,
      intent: null,
      source: 'test',
      cluster_id: null,
      status: 'new',
      created_at: now,
      updated_at: now,
    })
    .execute();
}

/** The rowid up to which SQLite's keyword index holds every keyword (null on PostgreSQL). */
async function watermark(t: TestDb): Promise<number | null> {
  if (t.dialect !== 'sqlite') return null;
  const r = await sql<{ w: number }>`select indexed_through as w from keywords_fts_state`.execute(t.db);
  return Number(r.rows[0]!.w);
}

describe('trigramQuery', () => {
  it('asks for the first and the last trigram of the lower-cased text, quoted', () => {
    expect(trigramQuery('ab')).toBeNull();
    expect(trigramQuery('ABC')).toBe('"abc"');
    expect(trigramQuery('Running Shoes')).toBe('"run" AND "oes"');
    expect(trigramQuery('say "hi" ok')).toBe('"say" AND " ok"');
    expect(trigramQuery('"hi" k')).toBe('"""hi" AND """ k"');
    expect(trigramQuery('👍👍👍x')).toBe('"👍👍👍" AND "👍👍x"'); // characters, not UTF-16 units
  });
});

describe.each(DIALECTS)('keyword search index on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  const ids = async (tenant: SeededTenant, q: string) =>
    (await createSearchService(t.db).search({ accountId: tenant.accountId }, { q, types: ['keyword'] })).hits
      .map((h) => h.id)
      .sort();

  it('finds keywords added, renamed and deleted after the index exists, and only current text', async () => {
    t = await createTestDb(dialect);
    const a = await seedTenant(t.db, 'a');
    await addKeyword(t.db, a, 'k1', 'Espresso Grinder Reviews');
    await addKeyword(t.db, a, 'k2', 'cold brew ratio');
    expect(await ids(a, 'GRINDER rev')).toEqual(['k1']);
    if (dialect === 'sqlite') expect(await watermark(t)).toBe(2); // the search indexed both

    // Added after the index caught up.
    await addKeyword(t.db, a, 'k3', 'best burr grinder');
    expect(await ids(a, 'grinder')).toEqual(['k1', 'k3']);

    // Renamed: the old text is gone, the new one found (the row was indexed before the rename).
    await t.db.updateTable('keywords').set({ keyword: 'moka pot guide' }).where('id', '=', 'k1').execute();
    expect(await ids(a, 'grinder')).toEqual(['k3']);
    expect(await ids(a, 'moka pot')).toEqual(['k1']);

    // Deleted: no longer found, and a keyword that reuses its rowid (the highest) is found.
    await t.db.deleteFrom('keywords').where('id', '=', 'k3').execute();
    expect(await ids(a, 'grinder')).toEqual([]);
    await addKeyword(t.db, a, 'k4', 'hand grinder');
    expect(await ids(a, 'grinder')).toEqual(['k4']);
    expect(await ids(a, 'burr')).toEqual([]);
    if (dialect === 'sqlite') {
      const hits = await sql<{ n: number }>`
        select count(*) as n from keywords_fts where keywords_fts match '"bur" AND "rr "'`.execute(t.db);
      expect(Number(hits.rows[0]!.n)).toBe(0); // the deleted row left the index, not just the results
    }
  });

  it('finds every keyword of an import, before and after the search indexes it chunk by chunk', async () => {
    t = await createTestDb(dialect);
    const a = await seedTenant(t.db, 'a');
    const b = await seedTenant(t.db, 'b');
    await addKeyword(t.db, b, 'other', 'pour over kettle');
    const lines = Array.from({ length: 40 }, (_, i) => `pour over kettle ${i}`);
    const report = await importKeywords(
      t.db,
      { accountId: a.accountId, siteId: a.siteId, sectorId: a.sectorId },
      { bytes: Buffer.from(`Keyword\n${lines.join('\n')}\n`) },
    );
    expect(report.imported).toBe(40);
    const search = createSearchService(t.db);
    const find = async (q: string, limit = 50) =>
      (await search.search({ accountId: a.accountId }, { q, types: ['keyword'], limit })).hits.map(
        (h) => h.title,
      );
    if (dialect === 'sqlite') {
      // Index a few rows only: the rest are still found, read past the watermark.
      const before = (await watermark(t))!;
      expect(await catchUpKeywordIndex(t.db, 15)).toBe(15);
      expect(await watermark(t)).toBeGreaterThan(before);
      const unindexed = await sql<{ n: number }>`
        select count(*) as n from keywords where rowid > (select indexed_through from keywords_fts_state)`.execute(
        t.db,
      );
      expect(Number(unindexed.rows[0]!.n)).toBeGreaterThan(0);
    }
    const expected = [
      'pour over kettle 3',
      ...Array.from({ length: 10 }, (_, i) => `pour over kettle 3${i}`),
    ];
    expect((await find('KETTLE 3')).sort()).toEqual(expected.sort());
    expect((await find('over kettle')).length).toBe(40); // not the other account's
    if (dialect === 'sqlite') {
      // The searches above indexed the rest.
      const max = await sql<{ m: number }>`select max(rowid) as m from keywords`.execute(t.db);
      expect(await watermark(t)).toBe(Number(max.rows[0]!.m));
      expect((await find('over kettle')).length).toBe(40);
    }
  });

  it.runIf(dialect === 'sqlite')(
    'merges the index after a large catch-up and still finds the same rows',
    async () => {
      t = await createTestDb(dialect);
      const a = await seedTenant(t.db, 'a');
      // 12,000 keywords past the watermark, as a bulk import leaves them.
      await sql`
      with recursive n(i) as (select 1 union all select i + 1 from n where i < 12000)
      insert into keywords (id, account_id, site_id, sector_id, keyword, normalized, source, status, created_at, updated_at)
      select 'k' || i, ${a.accountId}, ${a.siteId}, ${a.sectorId}, 'moka pot ' || i, 'moka pot ' || i, 'test', 'new',
        '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z' from n`.execute(t.db);
      expect(await catchUpKeywordIndex(t.db)).toBe(12_000);
      expect(await watermark(t)).toBe(12_000);
      expect(await ids(a, 'pot 11999')).toEqual(['k11999']);
      expect((await ids(a, 'MOKA POT 1234')).length).toBe(1);
    },
  );

  it.runIf(dialect === 'sqlite')(
    'searches without waiting while another process holds the write lock',
    async () => {
      t = await createTestDb(dialect);
      const a = await seedTenant(t.db, 'a');
      await addKeyword(t.db, a, 'k1', 'french press');
      const other = new Database(t.url.slice('sqlite:'.length));
      try {
        other.exec('begin immediate');
        const started = Date.now();
        expect(await ids(a, 'french')).toEqual(['k1']);
        expect(Date.now() - started).toBeLessThan(5_000); // not the 15 s busy timeout
        expect(await watermark(t)).toBe(0); // nothing indexed: the row was read past the watermark
        other.exec('rollback');
        expect(await ids(a, 'press')).toEqual(['k1']);
        expect(await watermark(t)).toBe(1);
        // The connection waits for other writers again afterwards, as it did before.
        const timeout = await sql<{ timeout: number }>`pragma busy_timeout`.execute(t.db);
        expect(timeout.rows[0]!.timeout).toBe(15_000);
      } finally {
        other.close();
      }
    },
  );

  it('finds exactly what LIKE finds, indexed or not, newest first', async () => {
    t = await createTestDb(dialect);
    const a = await seedTenant(t.db, 'a');
    const words = ['Espresso', 'grinder', 'café', 'crème', '100%', 'pour_over', 'say "hi"', 'kettle', 'x'];
    const texts = Array.from({ length: 60 }, (_, i) =>
      [0, 1, 2].map((j) => words[(i * 7 + j * 3 + (i >> 2)) % words.length]).join(' '),
    );
    for (const [i, text] of texts.entries()) {
      await addKeyword(t.db, a, `k${String(i).padStart(2, '0')}`, `${text} ${i}`);
      if (i === 30) await catchUpKeywordIndex(t.db); // half indexed, half past the watermark
    }
    const rows = await t.db.selectFrom('keywords').select(['id', 'keyword', 'updated_at']).execute();
    const queries = [
      'ESPRESSO GRI',
      'café cr',
      'CAFÉ',
      '100%',
      'r_o',
      '"hi" k',
      'x 1',
      'inder esp',
      'zz',
      'é',
    ];
    for (const q of queries) {
      const expected = rows
        .filter((r) => r.keyword.toLowerCase().includes(q.toLowerCase()))
        .sort((x, y) =>
          x.updated_at === y.updated_at ? (x.id < y.id ? -1 : 1) : x.updated_at < y.updated_at ? 1 : -1,
        )
        .map((r) => r.id)
        .slice(0, 50);
      const got = await searchTable(t.db, { accountId: a.accountId }, 'keywords', q, 50);
      expect(
        got.map((r) => r.id),
        q,
      ).toEqual(expected);
    }
  });
});
