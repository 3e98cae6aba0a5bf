import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { seedTenant } from '../../test/helpers/seed-tenant.js';
import { existingNormalized } from './keyword-import.repository.js';

describe.each(DIALECTS)('existingNormalized (%s)', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  it('reads every keyword of the sector in keyset pages, and only that sector', async () => {
    t = await createTestDb(dialect);
    const a = await seedTenant(t.db, 'a');
    const b = await seedTenant(t.db, 'b');
    const now = new Date().toISOString();
    const words = [
      'cold brew',
      'Cold Brew Ratio',
      'café crème',
      'кофе',
      'コーヒー',
      'a-b',
      'a b',
      'zz',
      '10 cups',
    ];
    const row = (s: typeof a, keyword: string, i: number) => ({
      id: `${s.accountId}-${i}`,
      account_id: s.accountId,
      site_id: s.siteId,
      sector_id: s.sectorId,
      keyword,
      normalized: keyword.toLowerCase(),
      volume: null,
      difficulty: null,
      cpc: null,
      intent: null,
      source: 'test',
      cluster_id: null,
      status: 'new' as const,
      created_at: now,
      updated_at: now,
    });
    await t.db
      .insertInto('keywords')
      .values([...words.map((w, i) => row(a, w, i)), row(b, 'only in b', 99)])
      .execute();
    for (const page of [2, 3, 50_000]) {
      const set = await existingNormalized(t.db, a, page);
      expect(set.size).toBe(words.length);
      expect(words.filter((w) => set.lineOf(w.toLowerCase()) === undefined)).toEqual([]);
      expect(set.lineOf('only in b')).toBeUndefined();
    }
  });
});
