import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../src/config/index.js';
import { createCore, type Core } from '../../src/core.js';
import { bossSchema } from '../../src/jobs/boss-db.js';
import { seedTenant } from '../helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/test-db.js';
import { addKeywords } from './workers/seed-sites.js';
import { startWorkerProcess, type WorkerProcess } from './workers/worker-process.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
interface SlotEvent {
  type: 'slot';
  schedule: string;
  slot: string;
  status: string;
}
const isSlot = (e: unknown, status: string): e is SlotEvent =>
  (e as SlotEvent).type === 'slot' && (e as SlotEvent).status === status;

describe.runIf(DIALECTS.includes('postgres'))(
  'schedules fired by igny8 worker processes on PostgreSQL',
  () => {
    let t: TestDb;
    let core: Core;
    let locker: pg.Client | undefined;
    const procs: WorkerProcess[] = [];

    afterAll(async () => {
      await locker?.end().catch(() => undefined);
      for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
      await Promise.all(procs.map((p) => p.exited));
      const schema = core ? await bossSchema(core.db) : undefined;
      await core?.close();
      if (schema) await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(t.db);
      await t?.close();
    });

    it(
      'three workers, one SIGKILLed mid-slot: every slot fires exactly once and the killed one is taken over',
      { timeout: 120_000 },
      async () => {
        t = await createTestDb('postgres');
        const config = {
          database: { url: t.url },
          scheduler: { tickSeconds: 1, staleClaimSeconds: 2, renewPlanCredits: false, publishSync: 'off' },
        };
        fs.writeFileSync(path.join(t.dir, 'igny8.config.json'), JSON.stringify(config));
        core = await createCore({ config: ConfigSchema.parse(config), baseDir: t.dir, db: t });
        await core.models.seed();
        const tenant = await seedTenant(t.db, 'a');
        await addKeywords(t.db, tenant, [
          'aeropress recipe',
          'aeropress ratio',
          'chemex vs v60',
          'v60 recipe',
        ]);

        // Hold the runs table so the first worker to claim a slot blocks right after its claim, inside
        // automation.start: that is where it gets killed.
        locker = new pg.Client({ connectionString: t.url });
        await locker.connect();
        await locker.query('begin');
        await locker.query('lock table automation_runs in exclusive mode');

        const workers = ['w0', 'w1', 'w2'].map((name) => {
          const p = startWorkerProcess(name, t.dir, ['--poll-ms', '200', '--sweep-ms', '1000']);
          procs.push(p);
          return p;
        });
        await Promise.all(workers.map((w) => w.waitFor((e) => e.type === 'worker', 60_000)));
        const schedule = await core.schedules.add(
          { accountId: tenant.accountId },
          { siteId: tenant.siteId, name: 'every-3s', cadence: '*/3 * * * * *', options: { stages: '1' } },
        );

        const claimed = await Promise.any(
          workers.map((w) => w.waitFor((e) => isSlot(e, 'claimed'), 30_000).then((e) => ({ w, e }))),
        );
        const killedSlot = (claimed.e as unknown as SlotEvent).slot;
        claimed.w.child.kill('SIGKILL');
        await claimed.w.exited;
        await locker.query('commit');

        // The others carry on: the killed slot is taken over after staleClaimSeconds, later slots fire.
        const survivors = workers.filter((w) => w !== claimed.w);
        await Promise.any(
          survivors.map((w) =>
            w.waitFor((e) => isSlot(e, 'started') && (e as unknown as SlotEvent).slot === killedSlot, 30_000),
          ),
        );
        await sleep(4_000);

        // Stop the survivors while one of them is mid-slot (blocked inside automation.start): a graceful
        // stop finishes the slot it claimed instead of leaving it 'claimed' for a later takeover.
        // Take the lock at a moment no run is active, so draining the job workers does not wait on it.
        for (;;) {
          await locker.query('begin');
          await locker.query('lock table automation_runs in exclusive mode');
          const active = await locker.query(
            `select count(*)::int as n from automation_runs where status in ('queued', 'running')`,
          );
          if ((active.rows[0] as { n: number }).n === 0) break;
          await locker.query('commit');
          await sleep(200);
        }
        const lockedAt = Date.now();
        const midSlot = await Promise.any(
          survivors.map((w) =>
            w
              .waitFor(
                (e) => isSlot(e, 'claimed') && Date.parse((e as unknown as SlotEvent).slot) > lockedAt,
                30_000,
              )
              .then(() => w),
          ),
        );
        for (const w of survivors) w.child.kill('SIGTERM');
        // Its job worker has drained and stopped while the slot is still blocked: only then let it go.
        await midSlot.waitFor((e) => e.type === 'worker' && e.status === 'stopped', 30_000);
        await sleep(300);
        await locker.query('commit');
        await Promise.all(survivors.map((w) => w.exited));

        const slots = await t.db
          .selectFrom('schedule_slots')
          .selectAll()
          .where('schedule_id', '=', schedule.id)
          .orderBy('slot_time')
          .execute();
        expect(slots.length).toBeGreaterThanOrEqual(3);
        // Every slot from the first until the test's second lock was fired, once. After it every
        // scheduler may be blocked behind the lock (each inside a claimed slot's start) for longer than a
        // slot on a loaded machine; the slots missed meanwhile then coalesce by the catch-up rule, so
        // from there on only "no slot twice" holds. None was left half-done.
        const times = slots.map((s) => Date.parse(s.slot_time));
        const shown = slots.map((s) => `${s.slot_time} ${s.status}`).join(', ');
        for (let i = 1; i < times.length; i++) {
          const gap = times[i]! - times[i - 1]!;
          if (times[i]! <= lockedAt) expect(gap, `slots: ${shown}`).toBe(3_000);
          else expect(gap % 3_000 === 0 && gap > 0, `slots: ${shown}`).toBe(true);
        }
        expect(slots.filter((s) => s.status === 'claimed')).toEqual([]);
        const killed = slots.find((s) => s.slot_time === killedSlot)!;
        expect(killed.status).toBe('started');
        const runs = await t.db
          .selectFrom('automation_runs')
          .select(['id', 'status'])
          .where('trigger', '=', 'schedule')
          .execute();
        const started = slots.filter((s) => s.status === 'started');
        // One run per started slot, no run without a slot: the killed worker's run was adopted, not doubled.
        expect(new Set(started.map((s) => s.run_id)).size).toBe(started.length);
        expect(new Set(runs.map((r) => r.id))).toEqual(new Set(started.map((s) => s.run_id)));
        // The other slots found the site busy (a run still going) and said so, once each.
        const skipped = slots.filter((s) => s.status === 'skipped' || s.status === 'failed');
        const notes = await core.notifications.list({ accountId: tenant.accountId }, { limit: 500 });
        expect(notes.items.filter((n) => n.dedupeKey?.startsWith('schedule.slot_skipped:')).length).toBe(
          skipped.length,
        );
        // Workers executed the scheduled runs through the queue.
        expect(runs.some((r) => r.status === 'completed')).toBe(true);
      },
    );
  },
);
