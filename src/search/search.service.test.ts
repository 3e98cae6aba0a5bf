import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { seedTenant, type SeededTenant } from '../../test/helpers/seed-tenant.js';
import type { Db } from '../db/index.js';
import { createSearchService } from './search.service.js';

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

describe.each(DIALECTS)('search on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  it('finds titles case-insensitively, only inside the account, with LIKE wildcards taken literally', async () => {
    t = await createTestDb(dialect);
    const a = await seedTenant(t.db, 'a');
    const b = await seedTenant(t.db, 'b');
    await addKeyword(t.db, a, 'k1', 'Best Running Shoes');
    await addKeyword(t.db, a, 'k2', '100% cotton shirts');
    await addKeyword(t.db, b, 'k3', 'running shoes for kids');
    const now = new Date().toISOString();
    await t.db
      .insertInto('clusters')
      .values({
        id: 'c1',
        account_id: a.accountId,
        site_id: a.siteId,
        sector_id: a.sectorId,
        name: 'Running gear',
        description: null,
        primary_keyword: null,
        keyword_count: 1,
        volume_sum: 10,
        method: 'manual',
        status: 'new',
        created_at: now,
        updated_at: now,
      })
      .execute();
    const search = createSearchService(t.db);

    const res = await search.search({ accountId: a.accountId }, { q: 'RUNNING' });
    expect(res.hits.map((h) => [h.type, h.id]).sort()).toEqual([
      ['cluster', 'c1'],
      ['keyword', 'k1'],
    ]);
    const fromB = await search.search({ accountId: b.accountId }, { q: 'running' });
    expect(fromB.hits.map((h) => h.id)).toEqual(['k3']);
    // "%" is a literal percent sign, not "anything".
    const pct = await search.search({ accountId: a.accountId }, { q: '%' });
    expect(pct.hits.map((h) => h.id)).toEqual(['k2']);
    const only = await search.search({ accountId: a.accountId }, { q: 'running', types: ['cluster'] });
    expect(only.hits.map((h) => h.id)).toEqual(['c1']);
    const otherSite = await search.search({ accountId: a.accountId, siteId: 'nope' }, { q: 'running' });
    expect(otherSite.hits).toEqual([]);
  });
});
