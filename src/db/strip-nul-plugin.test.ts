import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { seedTenant } from '../../test/helpers/seed-tenant.js';

describe.each(DIALECTS)('NUL characters on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  it('stores text with NUL characters stripped instead of failing the query', async () => {
    t = await createTestDb(dialect);
    const tenant = await seedTenant(t.db);
    await t.db
      .updateTable('sites')
      .set({ name: 'Cof\u0000fee', settings: '{"note":"a\u0000b"}' })
      .where('id', '=', tenant.siteId)
      .execute();
    const row = await t.db
      .selectFrom('sites')
      .select(['name', 'settings'])
      .where('id', 'in', [tenant.siteId, 'x\u0000'])
      .executeTakeFirstOrThrow();
    expect(row.name).toBe('Coffee');
    expect(JSON.parse(row.settings ?? '{}')).toEqual({ note: 'ab' });
  });
});
