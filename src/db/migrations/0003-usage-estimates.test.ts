import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, DIALECTS, type TestDb } from '../../../test/helpers/test-db.js';
import { seedTenant } from '../../../test/helpers/seed-tenant.js';
import { MIGRATION_NAMES, migrateDown, migrateUp } from '../migrate.js';

let accountId = '';
const row = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  account_id: accountId,
  site_id: null,
  op_id: id,
  operation: 'generate_ideas',
  provider: 'anthropic',
  model: 'claude-haiku-4-5',
  tokens_in: 10,
  tokens_out: 5,
  tokens_cached: 0,
  images: 0,
  credits: 1,
  usd: 0,
  status: 'ok' as const,
  error: null,
  object_type: null,
  object_id: null,
  created_at: '2026-12-04T21:00:00.000Z',
  ...extra,
});

describe.each(DIALECTS)('migration 0003-usage-estimates on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  it('adds usage_estimated (0/1, default 0) and usage_reported to the usage log; down removes them', async () => {
    t = await createTestDb(dialect);
    accountId = (await seedTenant(t.db)).accountId;
    await t.db.insertInto('usage_log').values(row('u1')).execute();
    await t.db
      .insertInto('usage_log')
      .values(row('u2', { usage_estimated: 1, usage_reported: '{"tokensIn":1000000000}' }))
      .execute();
    const rows = await t.db
      .selectFrom('usage_log')
      .select(['id', 'usage_estimated', 'usage_reported'])
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { id: 'u1', usage_estimated: 0, usage_reported: null },
      { id: 'u2', usage_estimated: 1, usage_reported: '{"tokensIn":1000000000}' },
    ]);
    await expect(
      t.db
        .insertInto('usage_log')
        .values(row('u3', { usage_estimated: 2 }))
        .execute(),
    ).rejects.toThrow();

    const later = MIGRATION_NAMES.slice(MIGRATION_NAMES.indexOf('0003-usage-estimates') + 1);
    for (const _ of later) await migrateDown(t.db);
    expect(await migrateDown(t.db)).toEqual(['0003-usage-estimates']);
    const old = await t.db
      .selectFrom('usage_log')
      .selectAll()
      .where('id', '=', 'u2')
      .executeTakeFirstOrThrow();
    expect(old).not.toHaveProperty('usage_estimated');
    expect(old).not.toHaveProperty('usage_reported');
    expect(await migrateUp(t.db)).toEqual(['0003-usage-estimates', ...later]);
  });
});
