import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedTenant, type SeededTenant } from '../../test/helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { ConfigSchema } from '../config/index.js';
import { createCore, type Core } from '../core.js';
import {
  createFakeSearchConsole,
  fakeServiceAccount,
  type FakeSearchConsole,
} from '../testing/fake-search-console/index.js';
import { createScheduler, type Scheduler } from './scheduler.js';

const sa = fakeServiceAccount();
const PROPERTY = 'sc-domain:example.com';
const row = (date: string, clicks: number) => ({
  date,
  page: 'https://example.com/kettles',
  query: 'best kettle',
  clicks,
  impressions: 40,
  position: 9,
});

let gsc: FakeSearchConsole;
beforeAll(async () => {
  gsc = await createFakeSearchConsole({
    clientEmail: sa.clientEmail,
    publicKey: sa.publicKey,
    properties: { [PROPERTY]: [row('2026-03-01', 4), row('2026-03-02', 5), row('2026-03-03', 6)] },
  });
});
afterAll(async () => gsc.close());

/** Issue 19: the scheduler pulls each connected site's Search Console data by itself, once per slot. */
describe.each(DIALECTS)('scheduled Search Console pulls on %s', (dialect) => {
  let t: TestDb;
  let core: Core;
  let tenant: SeededTenant;
  let clock = new Date();
  const schedulers: Scheduler[] = [];
  afterEach(async () => {
    await Promise.all(schedulers.splice(0).map((s) => s.stop()));
    await core?.close();
    await t?.close();
  });

  async function setup(searchConsolePull: string) {
    t = await createTestDb(dialect);
    tenant = await seedTenant(t.db, 'a');
    await t.db.updateTable('sites').set({ domain: 'example.com' }).where('id', '=', tenant.siteId).execute();
    core = await createCore({
      config: ConfigSchema.parse({
        database: { url: t.url },
        scheduler: { publishSync: 'off', renewPlanCredits: false, searchConsolePull },
        searchConsole: { apiBaseUrl: gsc.apiBaseUrl, tokenUrl: gsc.tokenUrl },
      }),
      baseDir: t.dir,
      db: t,
    });
  }
  const scheduler = () => {
    const s = createScheduler({ ...core, jobs: null } as Core, {
      now: () => clock,
      runInProcess: true,
    });
    schedulers.push(s);
    return s;
  };
  const pullSlots = () =>
    t.db
      .selectFrom('schedule_slots')
      .select(['schedule_id', 'slot_time', 'status', 'detail'])
      .where('kind', '=', 'gsc-pull')
      .orderBy('slot_time')
      .execute();
  const syncs = () => t.db.selectFrom('search_console_syncs').select(['date_from', 'date_to']).execute();

  it('pulls a connected site once per daily slot, across concurrent schedulers, and incrementally', async () => {
    await setup('daily 00:00');
    const scope = { accountId: tenant.accountId, siteId: tenant.siteId };
    // Connected before the first slot; a site without a connection has no pull.
    clock = new Date('2026-03-03T12:00:00Z');
    await core.searchConsole.connect(scope, { property: PROPERTY, key: sa.json });
    await t.db
      .updateTable('search_console_connections')
      .set({ created_at: '2026-03-03T12:00:00.000Z' })
      .execute();
    await scheduler().tick();
    expect(await pullSlots()).toEqual([]);

    clock = new Date('2026-03-04T00:00:30Z');
    await Promise.all([scheduler().tick(), scheduler().tick()]);
    const first = await pullSlots();
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      schedule_id: `gsc-pull:${tenant.siteId}`,
      slot_time: '2026-03-04T00:00:00.000Z',
      status: 'done',
    });
    expect(first[0]!.detail).toMatch(/\.\.2026-03-03: 3 rows stored$/);
    const held = await core.searchConsole.series(scope, { page: 'https://example.com/kettles' });
    expect(held.days.map((d) => d.date)).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
    expect(held.totals.clicks).toBe(15);

    // The next day's slot pulls again from 3 days before the last day held (revised days), not all.
    clock = new Date('2026-03-05T00:01:00Z');
    await scheduler().tick();
    const second = await pullSlots();
    expect(second.map((s) => [s.slot_time, s.status])).toEqual([
      ['2026-03-04T00:00:00.000Z', 'done'],
      ['2026-03-05T00:00:00.000Z', 'done'],
    ]);
    const ranges = (await syncs()).map((s) => s.date_from).sort();
    expect(ranges).toHaveLength(2);
    expect(ranges[1]! > ranges[0]!).toBe(true);
  });

  it('is off when configured off, and a refused pull fails its slot with the reason', async () => {
    await setup('off');
    const scope = { accountId: tenant.accountId, siteId: tenant.siteId };
    await core.searchConsole.connect(scope, { property: PROPERTY, key: sa.json });
    clock = new Date('2026-03-10T00:00:30Z');
    await scheduler().tick();
    expect(await pullSlots()).toEqual([]);
    await core.close();
    await t.close();

    await setup('daily 00:00');
    const other = { accountId: tenant.accountId, siteId: tenant.siteId };
    await core.searchConsole.connect(other, { property: 'sc-domain:not-shared.com', key: sa.json });
    await t.db
      .updateTable('search_console_connections')
      .set({ created_at: '2026-03-09T12:00:00.000Z' })
      .execute();
    await scheduler().tick();
    const [slot] = await pullSlots();
    expect(slot).toMatchObject({ slot_time: '2026-03-10T00:00:00.000Z', status: 'failed' });
    expect(slot!.detail).toBeTruthy();
  });
});
