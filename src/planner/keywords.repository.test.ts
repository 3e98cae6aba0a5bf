import { CompiledQuery } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { seedTenant } from '../../test/helpers/seed-tenant.js';
import { DEEP_OFFSET, ID_CHUNK, listKeywordRows, scopeOfIds } from './keywords.repository.js';

// SQLite only: the bug was SQLite's planner choosing the account index (PostgreSQL keeps statistics).
describe('lookups of keywords by id on sqlite', () => {
  let t: TestDb;
  afterEach(async () => t?.close());

  it('use the primary key, not a scan of the account (the 100k-keyword clustering slowdown)', async () => {
    t = await createTestDb('sqlite');
    const scope = { accountId: 'a', siteId: 's', sectorId: 'x' };
    // A chunk of ids as the services send them (ID_CHUNK); with a couple of ids SQLite guesses right.
    const ids = Array.from({ length: ID_CHUNK }, (_, i) => `k${i}`);
    const queries = [
      t.db.selectFrom('keywords').select('id').where('id', 'in', ids).where(scopeOfIds(scope)),
      t.db
        .updateTable('keywords')
        .set({ status: 'clustered' })
        .where('id', 'in', ids)
        .where(scopeOfIds(scope)),
      t.db
        .deleteFrom('keywords')
        .where('id', 'in', ids)
        .where(scopeOfIds({ accountId: 'a' })),
    ];
    for (const q of queries) {
      const c = q.compile();
      const plan = await t.db.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`explain query plan ${c.sql}`, [...c.parameters]),
      );
      const details = plan.rows.map((r) => r.detail).join(' | ');
      expect(details).toMatch(/sqlite_autoindex_keywords_1 \(id=\?\)/);
      expect(details).not.toMatch(/keywords_(account_site|list_volume|account_cluster_volume)/);
    }
    // The same filter without the guard is what picked an index that leads with the account.
    const plain = t.db
      .selectFrom('keywords')
      .select('id')
      .where('id', 'in', ids)
      .where('account_id', '=', 'a')
      .compile();
    const before = await t.db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${plain.sql}`, [...plain.parameters]),
    );
    expect(before.rows.map((r) => r.detail).join(' ')).toMatch(
      /keywords_(account_site|list_volume|account_cluster_volume)/,
    );
  });
});

describe.each(DIALECTS)('keyword list pages on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  it('pages through the whole order (unknown volumes last, ties by id) with the right total', async () => {
    const ROWS = DEEP_OFFSET + 100;
    t = await createTestDb(dialect);
    const tenant = await seedTenant(t.db);
    const now = new Date().toISOString();
    const rows = Array.from({ length: ROWS }, (_, i) => ({
      id: `k${String((i * 37) % ROWS).padStart(4, '0')}`,
      account_id: tenant.accountId,
      site_id: tenant.siteId,
      sector_id: tenant.sectorId,
      keyword: `kw ${i}`,
      normalized: `kw ${i}`,
      // Ties (i % 7) and unknown volumes (every 10th) on purpose.
      volume: i % 10 === 0 ? null : (i % 7) * 100,
      difficulty: null,
      cpc: null,
      intent: null,
      source: 'test',
      cluster_id: null,
      status: 'new' as const,
      created_at: now,
      updated_at: now,
    }));
    await t.db.insertInto('keywords').values(rows).execute();
    const scope = { accountId: tenant.accountId, siteId: tenant.siteId };
    for (const sort of ['-volume', 'volume'] as const) {
      const sign = sort === '-volume' ? -1 : 1;
      const expected = [...rows]
        .sort((a, b) => {
          if (a.volume === null || b.volume === null) {
            if (a.volume !== b.volume) return a.volume === null ? 1 : -1;
          } else if (a.volume !== b.volume) return sign * (a.volume - b.volume);
          return a.id < b.id ? -1 : 1;
        })
        .map((r) => r.id);
      const got: string[] = [];
      // Pages past DEEP_OFFSET are read another way (ids first): both must agree with the order.
      for (let offset = 0; offset < ROWS + 100; offset += 300) {
        const page = await listKeywordRows(t.db, scope, {}, { sort, limit: 300, offset });
        expect(page.total).toBe(ROWS);
        got.push(...page.rows.map((r) => r.id));
      }
      expect(got).toEqual(expected);
    }
    const other = await seedTenant(t.db, 'b');
    const theirs = await listKeywordRows(
      t.db,
      { accountId: other.accountId, siteId: tenant.siteId },
      {},
      { sort: '-volume', limit: 25, offset: 0 },
    );
    expect(theirs).toEqual({ rows: [], total: 0 });
  });

  it('deep pages read from the remembered ids agree with the walk, and follow every change', async () => {
    const ROWS = DEEP_OFFSET + 60;
    t = await createTestDb(dialect);
    const tenant = await seedTenant(t.db);
    const now = new Date().toISOString();
    const rows = Array.from({ length: ROWS }, (_, i) => ({
      id: `k${String(i).padStart(4, '0')}`,
      account_id: tenant.accountId,
      site_id: tenant.siteId,
      sector_id: tenant.sectorId,
      keyword: `kw ${i}`,
      normalized: `kw ${i}`,
      volume: i % 10 === 0 ? null : (i * 7) % 500,
      difficulty: null,
      cpc: null,
      intent: null,
      source: 'test',
      cluster_id: null,
      status: 'new' as const,
      created_at: now,
      updated_at: now,
    }));
    await t.db.insertInto('keywords').values(rows).execute();
    const scope = { accountId: tenant.accountId, siteId: tenant.siteId };
    const deep = async (offset = DEEP_OFFSET - 40) =>
      (await listKeywordRows(t.db, scope, {}, { sort: '-volume', limit: 50, offset })).rows.map((r) => r.id);
    const walk = async (offset = DEEP_OFFSET - 40) =>
      (
        await t.db
          .selectFrom('keywords')
          .select('id')
          .where('site_id', '=', tenant.siteId)
          .orderBy('volume', (ob) => ob.desc().nullsLast())
          .orderBy('id')
          .limit(50)
          .offset(offset)
          .execute()
      ).map((r) => r.id);
    // A page that starts before DEEP_OFFSET is read directly; one after it by ids (walked, then remembered).
    for (const offset of [DEEP_OFFSET - 40, DEEP_OFFSET + 10, DEEP_OFFSET - 40, DEEP_OFFSET + 10, 1000]) {
      expect(await deep(offset)).toEqual(await walk(offset));
    }
    // Near the end of the known volumes (read from the far end, by ids): the page moves by one
    // when the top keyword falls to the bottom of them.
    const late = ROWS - 260;
    for (let i = 0; i < 2; i++) expect(await deep(late)).toEqual(await walk(late));
    const first = await deep(late);
    await t.db
      .updateTable('keywords')
      .set({ volume: 0 })
      .where('id', '=', (await walk(0))[0]!)
      .execute();
    for (let i = 0; i < 3; i++) expect(await deep(late)).toEqual(await walk(late));
    expect(await deep(late)).not.toEqual(first);
    await t.db
      .deleteFrom('keywords')
      .where('id', 'in', await walk(DEEP_OFFSET + 20))
      .execute();
    for (let i = 0; i < 3; i++) expect(await deep(DEEP_OFFSET - 20)).toEqual(await walk(DEEP_OFFSET - 20));
    expect(await deep(DEEP_OFFSET - 20)).toHaveLength(40);
  });
});
