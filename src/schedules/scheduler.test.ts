import { afterEach, describe, expect, it } from 'vitest';
import { addKeywords } from '../../test/chaos/workers/seed-sites.js';
import fs from 'node:fs';
import path from 'node:path';
import { checkLedgerInvariants } from '../../test/helpers/ledger-invariants.js';
import { seedArticle } from '../../test/helpers/seed-content.js';
import { seedTenant, type SeededTenant } from '../../test/helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { ConfigSchema } from '../config/index.js';
import { createCore, type Core } from '../core.js';
import { createScheduler, type Scheduler, type SchedulerEvent } from './scheduler.js';
import { createScheduleService } from './schedule.service.js';

describe.each(DIALECTS)('scheduler with a controllable clock on %s', (dialect) => {
  let t: TestDb;
  let core: Core;
  let tenant: SeededTenant;
  let clock = new Date();
  const now = () => clock;
  const schedulers: Scheduler[] = [];

  afterEach(async () => {
    await Promise.all(schedulers.splice(0).map((s) => s.stop()));
    await core?.close();
    await t?.close();
  });

  async function setup(config: Record<string, unknown> = {}) {
    t = await createTestDb(dialect);
    tenant = await seedTenant(t.db, 'a');
    core = await createCore({
      config: ConfigSchema.parse({ database: { url: t.url }, scheduler: { publishSync: 'off', ...config } }),
      baseDir: t.dir,
      db: t,
    });
    await core.models.seed();
  }

  /** A scheduler process: runs execute here; the job queue is left out (the worker test covers it). */
  function scheduler(events?: SchedulerEvent[]): Scheduler {
    const s = createScheduler({ ...core, jobs: null } as Core, {
      now,
      runInProcess: true,
      onEvent: (e) => events?.push(e),
    });
    schedulers.push(s);
    return s;
  }

  const slotRows = () =>
    t.db.selectFrom('schedule_slots').selectAll().where('kind', '=', 'run').orderBy('slot_time').execute();
  const scheduledRuns = () =>
    t.db.selectFrom('automation_runs').selectAll().where('trigger', '=', 'schedule').execute();
  const settle = async () => {
    for (const s of schedulers) await s.stop();
  };

  it('fires each slot exactly once across concurrent schedulers and restarts; a gap fires once', async () => {
    await setup({ renewPlanCredits: false });
    const scope = { accountId: tenant.accountId, siteId: tenant.siteId, sectorId: tenant.sectorId };
    clock = new Date('2026-03-02T05:59:00Z'); // a Monday
    const schedules = createScheduleService(t.db, { now });
    await schedules.add(scope, { siteId: tenant.siteId, cadence: 'daily 06:00', options: { stages: '1' } });

    const [a, b, c] = [scheduler(), scheduler(), scheduler()];
    await Promise.all([a.tick(), b.tick(), c.tick()]);
    expect(await slotRows()).toHaveLength(0);

    await addKeywords(t.db, scope, ['espresso grind size', 'espresso grinder']);
    clock = new Date('2026-03-02T06:00:05Z');
    await Promise.all([a.tick(), b.tick(), c.tick(), a.tick()]);
    await settle();
    let slots = await slotRows();
    expect(slots).toHaveLength(1);
    expect(slots[0]).toMatchObject({ slot_time: '2026-03-02T06:00:00.000Z', status: 'started', missed: 0 });
    let runs = await scheduledRuns();
    expect(runs).toHaveLength(1);
    expect(runs[0]!.id).toBe(slots[0]!.run_id);
    expect(runs[0]!.status).toBe('completed');

    // A restart (a new scheduler) within the same slot fires nothing.
    clock = new Date('2026-03-02T06:03:00Z');
    await scheduler().tick();
    expect(await slotRows()).toHaveLength(1);

    // Nothing ran Tuesday to Thursday: Friday's start-up fires one slot, not four.
    await addKeywords(t.db, scope, ['cold brew ratio']);
    clock = new Date('2026-03-06T09:30:00Z');
    await Promise.all([scheduler().tick(), scheduler().tick()]);
    await settle();
    slots = await slotRows();
    expect(slots.map((s) => [s.slot_time, s.status, s.missed])).toEqual([
      ['2026-03-02T06:00:00.000Z', 'started', 0],
      ['2026-03-06T06:00:00.000Z', 'started', 3],
    ]);
    runs = await scheduledRuns();
    expect(runs).toHaveLength(2);
    expect(new Set(slots.map((s) => s.run_id))).toEqual(new Set(runs.map((r) => r.id)));
    // Each run told the account how it ended.
    const notes = await core.notifications.list({ accountId: tenant.accountId });
    expect(notes.items.filter((n) => n.dedupeKey?.startsWith('run.completed')).length).toBe(2);
  });

  it("catchUp 'skip' skips a missed slot once and says so; a busy site skips with the reason", async () => {
    await setup({ renewPlanCredits: false });
    clock = new Date('2026-03-02T05:00:00Z');
    const schedules = createScheduleService(t.db, { now });
    const s = await schedules.add(
      { accountId: tenant.accountId },
      {
        siteId: tenant.siteId,
        name: 'nightly',
        cadence: '0 6 * * *',
        catchUp: 'skip',
      },
    );
    clock = new Date('2026-03-05T12:00:00Z');
    const events: SchedulerEvent[] = [];
    await Promise.all([scheduler(events).tick(), scheduler(events).tick()]);
    const slots = await slotRows();
    expect(slots.map((x) => [x.slot_time, x.status, x.missed])).toEqual([
      ['2026-03-05T06:00:00.000Z', 'skipped', 3],
    ]);
    expect(events.filter((e) => e.type === 'slot')).toHaveLength(1);
    const notes = await core.notifications.list({ accountId: tenant.accountId });
    expect(notes.items.map((n) => n.title)).toEqual(['Schedule "nightly" skipped a slot']);
    expect((await schedules.get({ accountId: tenant.accountId }, s.id)).lastSlot?.status).toBe('skipped');

    // A paused run holds the site: the next slot is skipped, with the reason, and no run starts.
    const run = await core.automation.start(
      { accountId: tenant.accountId, siteId: tenant.siteId },
      { detach: true },
    );
    await core.automation.pause({ accountId: tenant.accountId }, run.id);
    clock = new Date('2026-03-06T06:00:30Z');
    await scheduler().tick();
    const last = (await slotRows()).at(-1)!;
    expect(last).toMatchObject({ status: 'skipped', slot_time: '2026-03-06T06:00:00.000Z' });
    expect(last.detail).toContain(`run ${run.id} is still paused`);
    expect(await scheduledRuns()).toHaveLength(0);
  });

  it('syncs publish state once per period, and executes scheduled runs a dead scheduler left queued', async () => {
    await setup({ renewPlanCredits: false, publishSync: 'hourly' });
    const scope = { accountId: tenant.accountId, siteId: tenant.siteId };
    const out = path.join(t.dir, 'export');
    await core.destinations.upsert(scope, { kind: 'folder', name: 'export', config: { dir: out } });
    await t.db.updateTable('publish_destinations').set({ created_at: '2026-03-02T00:00:00.000Z' }).execute();
    const contentId = await seedArticle(t.db, tenant, 1);
    const [published] = await core.publisher.publish(scope, { contentIds: [contentId], when: 'now' });
    expect(published!.status).toBe('published');
    // Someone deletes the exported file; the hourly sync notices, once per hour slot.
    for (const f of fs.readdirSync(out, { recursive: true }) as string[])
      if (f.endsWith('.md')) fs.rmSync(path.join(out, f));
    clock = new Date('2026-03-02T10:00:30Z');
    await Promise.all([scheduler().tick(), scheduler().tick()]);
    const syncs = await t.db
      .selectFrom('schedule_slots')
      .select(['slot_time', 'status', 'detail'])
      .where('kind', '=', 'publish-sync')
      .execute();
    expect(syncs).toEqual([
      { slot_time: '2026-03-02T10:00:00.000Z', status: 'done', detail: '1 checked, 1 changed' },
    ]);
    const record = await t.db
      .selectFrom('publish_records')
      .select('status')
      .where('content_id', '=', contentId)
      .executeTakeFirst();
    expect(record?.status).toBe('unpublished');

    // A scheduled run queued by a process that died before executing it is picked up on SQLite.
    const orphan = await core.automation.start(scope, {
      trigger: 'schedule',
      detach: true,
      options: { stages: '3' },
    });
    expect(orphan.status).toBe('queued');
    clock = new Date('2026-03-02T10:10:00Z');
    await scheduler().tick();
    await settle();
    expect((await core.automation.get(scope, orphan.id)).status).toBe('completed');
    // …and one whose process stopped mid-run (a `running` row under an expired lease).
    const stopped = await core.automation.start(scope, {
      trigger: 'schedule',
      detach: true,
      options: { stages: '3' },
    });
    await t.db
      .updateTable('automation_runs')
      .set({
        status: 'running',
        lease_owner: 'local:999999:dead',
        lease_expires_at: '2020-01-01T00:00:00.000Z',
      })
      .where('id', '=', stopped.id)
      .execute();
    await scheduler().tick();
    await settle();
    expect((await core.automation.get(scope, stopped.id)).status).toBe('completed');
  });

  it('renews plan credits once per period with the ledger invariants intact', async () => {
    await setup({ renewPlanCredits: true });
    const scope = { accountId: tenant.accountId };
    // The account exists since February; it spends part of its plan credits.
    await t.db.updateTable('accounts').set({ created_at: '2026-02-10T00:00:00.000Z' }).execute();
    await core.credits.renewPlan(scope, { opId: 'signup', amount: 1000 });
    await core.credits.charge(scope, { opId: 'c1', amount: 300, operation: 'generate_content' });
    expect((await core.credits.balance(scope)).plan).toBe(700);

    clock = new Date('2026-02-20T12:00:00Z');
    await scheduler().tick();
    expect((await core.credits.balance(scope)).plan).toBe(700);

    clock = new Date('2026-03-01T00:00:20Z');
    await Promise.all([scheduler().tick(), scheduler().tick(), scheduler().tick()]);
    expect((await core.credits.balance(scope)).plan).toBe(1000);
    await core.credits.charge(scope, { opId: 'c2', amount: 100, operation: 'generate_content' });
    // Later ticks in the same period (and a restart) do not renew again.
    clock = new Date('2026-03-15T00:00:00Z');
    await scheduler().tick();
    expect((await core.credits.balance(scope)).plan).toBe(900);
    // Months with nothing running: one renewal at start-up, not one per month.
    clock = new Date('2026-06-03T00:00:00Z');
    await Promise.all([scheduler().tick(), scheduler().tick()]);
    expect((await core.credits.balance(scope)).plan).toBe(1000);
    const renewals = await t.db
      .selectFrom('schedule_slots')
      .select(['slot_time', 'status', 'missed'])
      .where('kind', '=', 'renewal')
      .orderBy('slot_time')
      .execute();
    expect(renewals).toEqual([
      { slot_time: '2026-03-01T00:00:00.000Z', status: 'done', missed: 0 },
      { slot_time: '2026-06-01T00:00:00.000Z', status: 'done', missed: 2 },
    ]);
    const resets = await t.db
      .selectFrom('credit_transactions')
      .select('op_id')
      .where('kind', '=', 'reset')
      .where('op_id', 'like', 'plan-renewal:%')
      .execute();
    expect(resets).toHaveLength(2);
    await checkLedgerInvariants(t.db, tenant.accountId);
  });
});
