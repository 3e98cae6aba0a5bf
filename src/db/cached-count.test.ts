import { CompiledQuery, sql } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { seedTenant, type SeededTenant } from '../../test/helpers/seed-tenant.js';
import { cachedCount, createDb, transaction, type Db } from './index.js';

function keyword(t: SeededTenant, id: string, status: 'new' | 'excluded' = 'new') {
  const now = new Date().toISOString();
  return {
    id,
    account_id: t.accountId,
    site_id: t.siteId,
    sector_id: t.sectorId,
    keyword: id,
    normalized: id,
    volume: 10,
    difficulty: null,
    cpc: null,
    intent: null,
    source: 'test',
    cluster_id: null,
    status,
    created_at: now,
    updated_at: now,
  };
}

const newKeywords = (db: Db, t: SeededTenant) =>
  db
    .selectFrom('keywords')
    .where('account_id', '=', t.accountId)
    .where('status', '=', 'new')
    .select(sql<number>`count(*)`.as('n'));

async function trueCount(db: Db, t: SeededTenant): Promise<number> {
  return Number((await newKeywords(db, t).executeTakeFirstOrThrow()).n);
}

describe.each(DIALECTS)('cachedCount on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  it('stays exact through every kind of write', async () => {
    t = await createTestDb(dialect);
    const tenant = await seedTenant(t.db);
    const count = () => cachedCount(t.db, ['keywords'], newKeywords(t.db, tenant));
    expect(await count()).toBe(0);
    await t.db
      .insertInto('keywords')
      .values([keyword(tenant, 'k1'), keyword(tenant, 'k2')])
      .execute();
    expect(await count()).toBe(2);
    await t.db.updateTable('keywords').set({ status: 'excluded' }).where('id', '=', 'k1').execute();
    expect(await count()).toBe(1);
    await sql`update keywords set status = 'new' where id = 'k1'`.execute(t.db);
    expect(await count()).toBe(2);
    const raw = t.db.insertInto('keywords').values(keyword(tenant, 'k3')).compile();
    await t.db.executeQuery(CompiledQuery.raw(raw.sql, [...raw.parameters]));
    expect(await count()).toBe(3);
    // Deleting the sector cascades to its keywords: no statement names the keywords table.
    await t.db.deleteFrom('sectors').where('id', '=', tenant.sectorId).execute();
    expect(await count()).toBe(0);
    expect(await trueCount(t.db, tenant)).toBe(0);
  });
});

describe('cachedCount on sqlite', () => {
  let t: TestDb;
  let other: Awaited<ReturnType<typeof createDb>> | undefined;
  afterEach(async () => {
    await other?.close();
    other = undefined;
    await t?.close();
  });

  it('reuses a count until its table changes, and ignores writes to other tables', async () => {
    t = await createTestDb('sqlite');
    const tenant = await seedTenant(t.db);
    await t.db.insertInto('keywords').values(keyword(tenant, 'k1')).execute();
    const spy = vi.spyOn(t.db, 'executeQuery');
    const count = () => cachedCount(t.db, ['keywords'], newKeywords(t.db, tenant));
    expect(await count()).toBe(1);
    expect(await count()).toBe(1);
    expect(spy).toHaveBeenCalledTimes(1);
    await t.db.updateTable('accounts').set({ name: 'Renamed' }).where('id', '=', tenant.accountId).execute();
    expect(await count()).toBe(1);
    expect(spy).toHaveBeenCalledTimes(1);
    await t.db.insertInto('keywords').values(keyword(tenant, 'k2')).execute();
    expect(await count()).toBe(2);
    expect(spy).toHaveBeenCalledTimes(2);
    // Another filter is another count.
    const excluded = t.db
      .selectFrom('keywords')
      .where('status', '=', 'excluded')
      .select(sql<number>`count(*)`.as('n'));
    expect(await cachedCount(t.db, ['keywords'], excluded)).toBe(0);
    expect(spy).toHaveBeenCalledTimes(3);
  });

  it('counts again after another connection commits', async () => {
    t = await createTestDb('sqlite');
    const tenant = await seedTenant(t.db);
    const count = () => cachedCount(t.db, ['keywords'], newKeywords(t.db, tenant));
    expect(await count()).toBe(0);
    other = await createDb(t.url);
    await other.db.insertInto('keywords').values(keyword(tenant, 'k1')).execute();
    expect(await count()).toBe(1);
  });

  it('never keeps a count taken inside a transaction that rolls back', async () => {
    t = await createTestDb('sqlite');
    const tenant = await seedTenant(t.db);
    const count = (db: Db) => cachedCount(db, ['keywords'], newKeywords(db, tenant));
    expect(await count(t.db)).toBe(0);
    await expect(
      transaction(t.db, async (trx) => {
        await trx.insertInto('keywords').values(keyword(tenant, 'k1')).execute();
        expect(await count(trx)).toBe(1);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await count(t.db)).toBe(0);
  });
});
