import { afterEach, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../config/index.js';
import { createCore, type Core } from '../core.js';
import { transaction } from '../db/index.js';
import type { Stage } from '../automation/stage-context.js';
import { findRun } from '../automation/run.repository.js';
import { seedTenant } from '../../test/helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { addKeywords, addSite, queueRun } from '../../test/chaos/workers/seed-sites.js';
import { bossSchema } from './boss-db.js';
import { RUN_QUEUE, requireJobQueue, type RunJobData } from './job-queue.js';
import { startJobWorker, type JobWorker } from './job-worker.js';
import { claimRun, findOrphanRuns } from './run-claim.repository.js';
import { settleOwnedJob, type RunJob } from './settle-owned-job.js';
import type { WorkerEvent } from './worker-events.js';

const PG = DIALECTS.filter((d) => d === 'postgres');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A stand-in for a pipeline stage: each "new" keyword of the site is one item; processing waits
 * `delayMs` (a provider call) and then, inside the lease-checked transaction, marks it clustered.
 * `processed` counts every successful save per keyword: exactly-once means all counts are 1.
 */
function keywordStage(delayMs: number, processed: Map<string, number>): Stage {
  return {
    n: 4,
    async select(ctx) {
      const rows = await ctx.core.db
        .selectFrom('keywords')
        .select(['id', 'keyword'])
        .where('account_id', '=', ctx.scope.accountId)
        .where('site_id', '=', ctx.scope.siteId)
        .where('status', '=', 'new')
        .orderBy('id')
        .execute();
      return rows.map((r) => ({ id: r.id, label: r.keyword }));
    },
    async process(ctx, item) {
      await sleep(delayMs);
      await transaction(ctx.core.db, async (trx) => {
        await ctx.assertOwned(trx);
        const r = await trx
          .updateTable('keywords')
          .set({ status: 'clustered' })
          .where('id', '=', item.id)
          .where('status', '=', 'new')
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 1) processed.set(item.id, (processed.get(item.id) ?? 0) + 1);
      });
      return { credits: 0, created: 0 };
    },
  };
}

describe('job queue on SQLite', () => {
  it('refuses workers and detached runs with a hint to use PostgreSQL', () => {
    let caught: unknown;
    try {
      requireJobQueue({ jobs: null });
    } catch (err) {
      caught = err;
    }
    expect(caught).toMatchObject({ code: 'WORKERS_NEED_POSTGRES' });
    expect((caught as { hint: string }).hint).toMatch(/PostgreSQL/);
  });
});

describe.each(PG)('job queue and workers on %s', () => {
  let t: TestDb;
  let core: Core;
  const workers: JobWorker[] = [];

  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    const schema = core ? await bossSchema(core.db) : undefined;
    await core?.jobs?.stop();
    await core?.close();
    if (schema) {
      const { sql } = await import('kysely');
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(t.db);
    }
    await t?.close();
  });

  async function setup() {
    t = await createTestDb('postgres');
    const a = await seedTenant(t.db, 'a');
    core = await createCore({ config: ConfigSchema.parse({ database: { url: t.url } }), db: t });
    return { a };
  }

  it('starts on several machines at once: every queue comes up, none deadlocks creating the run queue', async () => {
    await setup();
    // Six processes' worth of pools, each with its own pg-boss, all starting together on a schema
    // that has no queue yet (the deploy of several workers CI once caught deadlocking).
    const others = await Promise.all(
      [1, 2, 3, 4, 5].map(() => createCore({ config: ConfigSchema.parse({ database: { url: t.url } }) })),
    );
    try {
      const all = [core, ...others].map((c) => requireJobQueue(c));
      const bosses = await Promise.all(all.map((q) => q.boss()));
      expect(bosses).toHaveLength(6);
      const queues = await bosses[0]!.getQueues();
      expect(queues.filter((q) => q.name === RUN_QUEUE)).toHaveLength(1);
      await Promise.all(all.slice(1).map((q) => q.stop()));
    } finally {
      await Promise.all(others.map((c) => c.close()));
    }
  });

  it('keeps one waiting job per run, so enqueueing twice is harmless', async () => {
    const { a } = await setup();
    const runId = await queueRun(t.db, { ...a }, { stages: [4] });
    const jobs = requireJobQueue(core);
    expect(await jobs.enqueueRun(a, runId)).toMatch(/^[0-9a-f-]{36}$/);
    expect(await jobs.enqueueRun(a, runId)).toBeNull();
    const boss = await jobs.boss();
    const fetched = await boss.fetch<RunJobData>(RUN_QUEUE, { batchSize: 5 });
    expect(fetched.map((j) => j.data)).toEqual([{ accountId: a.accountId, runId }]);
  });

  it('lets at most N runs of an account hold a lease, however many workers race for them', async () => {
    const { a } = await setup();
    const sites = [a, ...(await Promise.all([1, 2, 3, 4].map((n) => addSite(t.db, a.accountId, `s${n}`))))];
    const runs = await Promise.all(sites.map((s) => queueRun(t.db, s, { stages: [4] })));
    // Ten claims at once (two per run) from different owners over the pool; the limit is 2.
    const claims = await Promise.all(
      [...runs, ...runs].map((id, i) => claimRun(t.db, a, id, `worker:test:${i}`, 2)),
    );
    const claimed = claims.filter((c) => c.status === 'claimed');
    expect(claimed).toHaveLength(2);
    expect(new Set(claimed.map((c) => c.run!.id)).size).toBe(2);
    expect(claims.filter((c) => c.status === 'limit').length).toBeGreaterThan(0);
    // A run held by another live owner is busy; a finished one is gone.
    const held = claimed[0]!.run!;
    expect((await claimRun(t.db, a, held.id, 'worker:other', 5)).status).toBe('busy');
    await t.db
      .updateTable('automation_runs')
      .set({ status: 'completed' })
      .where('id', '=', runs[4]!)
      .execute();
    expect((await claimRun(t.db, a, runs[4]!, 'worker:other', 5)).status).toBe('gone');
    // An expired lease frees the slot.
    await t.db
      .updateTable('automation_runs')
      .set({ lease_expires_at: '2000-01-01T00:00:00.000Z' })
      .where('id', '=', held.id)
      .execute();
    const waiting = runs.find((id) => !claimed.some((c) => c.run!.id === id) && id !== runs[4])!;
    expect((await claimRun(t.db, a, waiting, 'worker:late', 2)).status).toBe('claimed');
  });

  it('finds queued runs and worker runs whose lease expired or whose process died, not foreground runs', async () => {
    const { a } = await setup();
    const s = await Promise.all([1, 2, 3, 4, 5].map((n) => addSite(t.db, a.accountId, `o${n}`)));
    const ids = await Promise.all(s.map((x) => queueRun(t.db, x, { stages: [4] })));
    const past = '2000-01-01T00:00:00.000Z';
    const future = '2999-01-01T00:00:00.000Z';
    const set = (id: string, owner: string, expires: string) =>
      t.db
        .updateTable('automation_runs')
        .set({ status: 'running', lease_owner: owner, lease_expires_at: expires })
        .where('id', '=', id)
        .execute();
    const { hostname } = await import('node:os');
    await set(ids[1]!, 'worker:far-host:1:aa', past); // expired worker lease: adopt
    await set(ids[2]!, `other-host:1:bb`, past); // a crashed foreground run: left to its user
    await set(ids[3]!, `worker:${hostname()}:${process.pid}:cc`, future); // a live local worker
    await set(ids[4]!, `worker:${hostname()}:999999999:dd`, future); // a dead local worker: adopt now
    const found = (await findOrphanRuns(t.db)).map((o) => o.id).sort();
    expect(found).toEqual([ids[0]!, ids[1]!, ids[4]!].sort());
  });

  it('a stale worker cannot settle a job that expired and was fetched again elsewhere', async () => {
    const { a } = await setup();
    const runId = await queueRun(t.db, a, { stages: [4] });
    const jobs = requireJobQueue(core);
    await jobs.enqueueRun(a, runId);
    const boss = await jobs.boss();
    const fetch = async () =>
      (await boss.fetch<RunJobData>(RUN_QUEUE, {
        includeMetadata: true,
        ignoreStartAfter: true,
      })) as RunJob[];
    const [stale] = await fetch();
    // What pg-boss's expiry does to an abandoned active job: fail it into "retry".
    await boss.fail(RUN_QUEUE, stale!.id, { message: 'expired' });
    await sleep(1100); // started_on has a microsecond clock; make the refetch unmistakably later
    const [fresh] = await fetch();
    expect(fresh!.id).toBe(stale!.id);
    expect(await settleOwnedJob(boss, stale!, { outcome: 'finished' })).toBe(false);
    expect((await boss.getJobById(RUN_QUEUE, stale!.id))!.state).toBe('active');
    expect(await settleOwnedJob(boss, fresh!, { outcome: 'finished' })).toBe(true);
    expect((await boss.getJobById(RUN_QUEUE, stale!.id))!.state).toBe('completed');
  });

  it('two workers share runs of several sites, each keyword processed exactly once, limit honoured', async () => {
    const { a } = await setup();
    const b = await seedTenant(t.db, 'b');
    const sites = [
      a,
      await addSite(t.db, a.accountId, 'a2'),
      await addSite(t.db, a.accountId, 'a3'),
      b,
      await addSite(t.db, b.accountId, 'b2'),
    ];
    const keywords = (
      await Promise.all(
        sites.map((s, i) =>
          addKeywords(
            t.db,
            s,
            [1, 2, 3, 4, 5].map((k) => `kw ${i}-${k}`),
          ),
        ),
      )
    ).flat();
    const processed = new Map<string, number>();
    const events: WorkerEvent[] = [];
    for (let i = 0; i < 2; i++) {
      workers.push(
        await startJobWorker(core, {
          concurrency: 1,
          maxRunsPerAccount: 1,
          pollMs: 50,
          sweepMs: 200,
          deferMs: 100,
          stages: { 4: keywordStage(40, processed) },
          onEvent: (e) => events.push(e),
        }),
      );
    }
    const jobs = requireJobQueue(core);
    const runIds: string[] = [];
    for (const s of sites) {
      const id = await queueRun(t.db, s, { stages: [4], concurrency: 2 });
      runIds.push(id);
      await jobs.enqueueRun(s, id);
    }
    // Running runs per account, sampled while the workers work.
    let maxRunningA = 0;
    const sampler = setInterval(() => {
      void t.db
        .selectFrom('automation_runs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('account_id', '=', a.accountId)
        .where('status', '=', 'running')
        .executeTakeFirst()
        .then((r) => (maxRunningA = Math.max(maxRunningA, Number(r?.n ?? 0))));
    }, 20);
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const rows = await t.db.selectFrom('automation_runs').select('status').execute();
      if (rows.every((r) => r.status === 'completed')) break;
      await sleep(100);
    }
    clearInterval(sampler);
    const runs = await Promise.all(runIds.map((id, i) => findRun(t.db, sites[i]!, id)));
    expect(runs.map((r) => r!.status)).toEqual(runIds.map(() => 'completed'));
    expect(runs.every((r) => r!.lease_owner === null)).toBe(true);
    expect([...processed.keys()].sort()).toEqual([...keywords].sort());
    expect([...processed.values()].every((n) => n === 1)).toBe(true);
    expect(maxRunningA).toBeLessThanOrEqual(1);
    const claimers = new Set(
      events.filter((e) => e.type === 'job' && e.status === 'claimed').map((e) => e.worker),
    );
    expect(claimers.size).toBe(2);
    expect(events.some((e) => e.type === 'job' && e.status === 'deferred')).toBe(true);
  });

  it('on stop, finishes the items in flight and hands the run back for another worker', async () => {
    const { a } = await setup();
    const kws = await addKeywords(
      t.db,
      a,
      Array.from({ length: 12 }, (_, i) => `slow ${i}`),
    );
    const processed = new Map<string, number>();
    const events: WorkerEvent[] = [];
    const runId = await queueRun(t.db, a, { stages: [4], concurrency: 2 });
    await requireJobQueue(core).enqueueRun(a, runId);
    const options = { concurrency: 1, pollMs: 50, sweepMs: 200, onEvent: (e: WorkerEvent) => events.push(e) };
    const first = await startJobWorker(core, { ...options, stages: { 4: keywordStage(300, processed) } });
    while (!events.some((e) => e.type === 'item' && e.status === 'done')) await sleep(20);
    const stopped = await first.stop();
    expect(stopped.released).toBe(1);
    const row = await findRun(t.db, a, runId);
    expect(row).toMatchObject({ status: 'queued', lease_owner: null });
    // Items started before the stop were finished, none was cut off halfway.
    const failed = events.filter((e) => e.type === 'item' && e.status === 'failed');
    expect(failed.filter((e) => e.type === 'item' && e.code !== 'RUN_LEASE_LOST')).toEqual([]);
    const doneBefore = processed.size;
    expect(doneBefore).toBeGreaterThan(0);
    expect(doneBefore).toBeLessThan(kws.length);

    const second = await startJobWorker(core, { ...options, stages: { 4: keywordStage(10, processed) } });
    workers.push(second);
    while ((await findRun(t.db, a, runId))!.status !== 'completed') await sleep(50);
    expect([...processed.keys()].sort()).toEqual([...kws].sort());
    expect([...processed.values()].every((n) => n === 1)).toBe(true);
  });
});
