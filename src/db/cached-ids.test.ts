import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { seedTenant, type SeededTenant } from '../../test/helpers/seed-tenant.js';
import { MAX_IDS_PER_LIST, cachedIds } from './cached-ids.js';
import { createDb, transaction, type Db } from './index.js';

function keyword(t: SeededTenant, id: string, volume: number) {
  const now = new Date().toISOString();
  return {
    id,
    account_id: t.accountId,
    site_id: t.siteId,
    sector_id: t.sectorId,
    keyword: id,
    normalized: id,
    volume,
    difficulty: null,
    cpc: null,
    intent: null,
    source: 'test',
    cluster_id: null,
    status: 'new' as const,
    created_at: now,
    updated_at: now,
  };
}

const byVolume = (db: Db, t: SeededTenant) =>
  db
    .selectFrom('keywords')
    .select('id')
    .where('account_id', '=', t.accountId)
    .orderBy('volume', 'desc')
    .orderBy('id');

describe.each(DIALECTS)('cachedIds on %s', (dialect) => {
  let t: TestDb;
  let other: Awaited<ReturnType<typeof createDb>> | undefined;
  afterEach(async () => {
    await other?.close();
    other = undefined;
    await t?.close();
  });

  it('reads the list on the second ask, reuses it, and reads again after any change', async () => {
    t = await createTestDb(dialect);
    const tenant = await seedTenant(t.db);
    await t.db
      .insertInto('keywords')
      .values([keyword(tenant, 'a', 10), keyword(tenant, 'b', 30), keyword(tenant, 'c', 20)])
      .execute();
    const ids = (db: Db = t.db) => cachedIds(db, ['keywords'], byVolume(db, tenant), 3);
    expect(await ids()).toBeNull(); // first ask: only noted
    if (dialect === 'postgres') {
      // Nothing is remembered on PostgreSQL: callers read the page their usual way.
      expect(await ids()).toBeNull();
      return;
    }
    const spy = vi.spyOn(t.db, 'executeQuery');
    expect(await ids()).toEqual(['b', 'c', 'a']);
    expect(await ids()).toEqual(['b', 'c', 'a']);
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();

    await t.db.updateTable('keywords').set({ volume: 40 }).where('id', '=', 'a').execute();
    expect(await ids()).toBeNull(); // changed: noted again under the new stamp
    expect(await ids()).toEqual(['a', 'b', 'c']);
    // Another connection's commit is a change too.
    other = await createDb(t.url);
    await other.db.deleteFrom('keywords').where('id', '=', 'b').execute();
    expect(await ids()).toBeNull();
    expect(await ids()).toEqual(['a', 'c']);
    // Inside a transaction nothing is remembered or reused.
    await transaction(t.db, async (trx) => {
      expect(await ids(trx)).toBeNull();
      expect(await ids(trx)).toBeNull();
    });
    // Too long a list is never read whole.
    const spy2 = vi.spyOn(t.db, 'executeQuery');
    const long = () => cachedIds(t.db, ['keywords'], byVolume(t.db, tenant), MAX_IDS_PER_LIST + 1);
    expect(await long()).toBeNull();
    expect(await long()).toBeNull();
    expect(spy2).not.toHaveBeenCalled();
  });
});
