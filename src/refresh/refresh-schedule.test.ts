import { afterEach, describe, expect, it } from 'vitest';
import { inventoryRow, seedWordPressDestination } from '../../test/helpers/seed-refresh.js';
import { seedTenant, type SeededTenant } from '../../test/helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { ConfigSchema } from '../config/index.js';
import { createCore, type Core } from '../core.js';
import { createScheduler, type SchedulerEvent } from '../schedules/scheduler.js';
import { createScheduleService } from '../schedules/schedule.service.js';
import { pickRefreshTarget } from './refresh-pick-target.js';

/** Issue 19: a schedule option that refreshes the site's best candidate on each slot. */
describe.each(DIALECTS)('scheduled refreshes on %s', (dialect) => {
  let t: TestDb;
  let core: Core;
  let tenant: SeededTenant;
  afterEach(async () => {
    await core?.close();
    await t?.close();
  });

  async function setup() {
    t = await createTestDb(dialect);
    tenant = await seedTenant(t.db, 'a');
    core = await createCore({
      config: ConfigSchema.parse({
        database: { url: t.url },
        scheduler: { publishSync: 'off', renewPlanCredits: false },
      }),
      baseDir: t.dir,
      db: t,
    });
    await core.models.seed();
    const scope = { accountId: tenant.accountId, siteId: tenant.siteId };
    await core.credits.grant(scope, { opId: 'g', amount: 10_000, pool: 'plan' });
    const dest = { id: 'dest-1', url: 'https://wp.test' };
    await seedWordPressDestination(t.db, scope, dest);
    const inv = (id: string, remoteId: string, title: string, slug: string) =>
      inventoryRow(scope, dest, { id, remoteId, title, slug });
    await t.db
      .insertInto('site_inventory')
      .values([
        inv('inv-a', '42', 'Cold brew at home', 'cold-brew'),
        inv('inv-b', '43', 'Cold brew ratio guide', 'cold-brew-ratio'),
      ])
      .execute();
    return scope;
  }

  const gsc = (
    scope: { accountId: string; siteId: string },
    slug: string,
    query: string,
    impr: number,
    pos: number,
  ) => ({
    account_id: scope.accountId,
    site_id: scope.siteId,
    date: '2026-11-20',
    page: `https://wp.test/${slug}/`,
    query,
    clicks: 2,
    impressions: impr,
    position: pos,
  });

  it('each slot refreshes the best candidate not refreshed lately, then says when none is left', async () => {
    const scope = await setup();
    await t.db
      .insertInto('search_console_rows')
      .values([
        gsc(scope, 'cold-brew', 'cold brew concentrate', 900, 11),
        gsc(scope, 'cold-brew-ratio', 'iced coffee ratio', 300, 15),
      ])
      .execute();
    let clock = new Date('2026-12-01T05:59:00Z');
    const now = () => clock;
    await createScheduleService(t.db, { now }).add(scope, {
      siteId: scope.siteId,
      cadence: 'daily 06:00',
      options: { refresh: true },
    });
    const events: SchedulerEvent[] = [];
    // Runs stay queued here (no worker, not run in process): the test is about what each slot starts.
    const s = createScheduler({ ...core, jobs: null } as Core, { now, onEvent: (e) => events.push(e) });
    const refreshes = () =>
      t.db
        .selectFrom('content_refreshes')
        .select(['url', 'run_id', 'options'])
        .orderBy('created_at')
        .execute();

    const fire = async (iso: string) => {
      clock = new Date(iso);
      await s.tick();
      const slot = await t.db
        .selectFrom('schedule_slots')
        .selectAll()
        .where('kind', '=', 'run')
        .orderBy('slot_time', 'desc')
        .executeTakeFirstOrThrow();
      // A queued run keeps the site busy; cancel it so the next slot is about candidates only.
      if (slot.run_id) await core.automation.cancel(scope, slot.run_id);
      return slot;
    };

    const first = await fire('2026-12-01T06:00:05Z');
    expect(first.status).toBe('started');
    const second = await fire('2026-12-02T06:00:05Z');
    expect(second.status).toBe('started');
    const rows = await refreshes();
    // Best first (more impressions at stake), then the next page, each with its uncovered query.
    expect(rows.map((r) => r.url)).toEqual([
      'https://wp.test/cold-brew/',
      'https://wp.test/cold-brew-ratio/',
    ]);
    expect(rows.map((r) => r.run_id)).toEqual([first.run_id, second.run_id]);
    expect(rows.map((r) => JSON.parse(r.options).queries)).toEqual([
      ['cold brew concentrate'],
      ['iced coffee ratio'],
    ]);
    const runs = await t.db.selectFrom('automation_runs').select(['trigger', 'options']).execute();
    expect(runs.map((r) => r.trigger)).toEqual(['schedule', 'schedule']);
    expect(runs.every((r) => JSON.parse(r.options).stages.join() === '8')).toBe(true);

    // Both pages were refreshed within 28 days: the third slot refreshes nothing and says why.
    const third = await fire('2026-12-03T06:00:05Z');
    expect(third.status).toBe('skipped');
    expect(third.detail).toMatch(/no refresh candidate/);
    expect(await refreshes()).toHaveLength(2);
    await s.stop();
  });

  it('picks nothing without Search Console data', async () => {
    const scope = await setup();
    expect(await pickRefreshTarget(t.db, scope)).toBeNull();
  });
});
