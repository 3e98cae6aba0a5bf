import { afterEach, describe, expect, it } from 'vitest';
import { transaction } from '../db/index.js';
import { seedTenant } from '../../test/helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { UNLIMITED } from './default-plans.js';
import { assertKeywordCapacity, withinLimit } from './plan-limits.js';

async function addKeywords(t: TestDb, n: number, from = 0) {
  const now = new Date().toISOString();
  await t.db
    .insertInto('keywords')
    .values(
      Array.from({ length: n }, (_, i) => ({
        id: `kw-${from + i}`,
        account_id: 'acct-a',
        site_id: 'site-a',
        sector_id: 'sector-a',
        keyword: `keyword ${from + i}`,
        normalized: `keyword ${from + i}`,
        volume: null,
        difficulty: null,
        cpc: null,
        intent: null,
        source: 'test',
        cluster_id: null,
        status: 'new' as const,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
}

describe('withinLimit', () => {
  it('compares used + adding with the limit, and never runs out when unlimited', () => {
    expect(withinLimit(10, 7, 3)).toBe(true);
    expect(withinLimit(10, 7, 4)).toBe(false);
    expect(withinLimit(UNLIMITED, UNLIMITED, 1_000_000)).toBe(true);
  });
});

describe.each(DIALECTS)('keyword capacity on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  it('lets the importer check inside its transaction and names the limit when over', async () => {
    t = await createTestDb(dialect);
    const scope = { accountId: (await seedTenant(t.db, 'a', { maxKeywords: 10 })).accountId };
    await addKeywords(t, 7);
    await transaction(t.db, (trx) => assertKeywordCapacity(trx, scope, 3));
    const err = await transaction(t.db, async (trx) => {
      await assertKeywordCapacity(trx, scope, 4);
      await addKeywords(t, 4, 100); // never reached
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'PLAN_LIMIT_REACHED',
      details: { limit: 'keywords', max: 10, used: 7, adding: 4 },
    });
    expect((err as Error).message).toBe(
      "Adding 4 keywords would go over the Plan a plan's limit of 10 keywords (this account has 7)",
    );
    expect((err as { hint: string }).hint).toMatch(
      /^Remove keywords you no longer need, or raise max_keywords/,
    );
    const count = await t.db.selectFrom('keywords').select('id').execute();
    expect(count).toHaveLength(7);
  });

  it('counts only the account’s own keywords', async () => {
    t = await createTestDb(dialect);
    await seedTenant(t.db, 'a', { maxKeywords: 10 });
    const b = await seedTenant(t.db, 'b', { maxKeywords: 5 });
    await addKeywords(t, 9);
    await transaction(t.db, (trx) => assertKeywordCapacity(trx, { accountId: b.accountId }, 5));
  });
});
