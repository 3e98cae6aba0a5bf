import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../src/config/index.js';
import { createCore, type Core } from '../../src/core.js';
import { LEASE_MS } from '../../src/automation/run.repository.js';
import { planLocalClusters } from '../../src/planner/index.js';
import { sandboxRespond } from '../../src/providers/sandbox/index.js';
import { createFakeProviderServer, type FakeProviderServer } from '../../src/testing/index.js';
import type { WorkerEvent } from '../../src/jobs/index.js';
import { bossSchema } from '../../src/jobs/boss-db.js';
import { checkLedgerInvariants } from '../helpers/ledger-invariants.js';
import { runCli } from '../helpers/run-cli.js';
import { seedTenant } from '../helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/test-db.js';
import { addKeywords, addSite } from './workers/seed-sites.js';
import { startWorkerProcess, type WorkerProcess } from './workers/worker-process.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const KEYWORDS = [
  'best espresso machine',
  'espresso machine for beginners',
  'how to clean espresso machine',
  'descaling espresso machine',
  'french press grind size',
  'how to make french press coffee',
  'french press coffee ratio',
  'best french press',
  'cold brew coffee recipe',
  'cold brew ratio',
  'how long to steep cold brew',
  'cold brew concentrate',
  'pour over coffee ratio',
  'best pour over kettle',
  'chemex vs v60',
  'aeropress recipe',
];
const RUN_OPTIONS = { concurrency: 2, maxImages: 1, ideasPerCluster: 3, maxLinks: 2 };
const WORKER_ARGS = [
  '--concurrency',
  '1',
  '--max-runs-per-account',
  '2',
  '--poll-ms',
  '200',
  '--sweep-ms',
  '1000',
];

const isClaim = (e: WorkerEvent, runId?: string) =>
  e.type === 'job' && e.status === 'claimed' && (runId === undefined || e.runId === runId);

describe.runIf(DIALECTS.includes('postgres'))('igny8 worker processes on PostgreSQL under chaos', () => {
  let t: TestDb;
  let core: Core;
  let fake: FakeProviderServer;
  const procs: WorkerProcess[] = [];

  afterAll(async () => {
    for (const p of procs) {
      if (p.child.exitCode === null) {
        p.child.kill('SIGCONT');
        p.child.kill('SIGKILL');
      }
    }
    await Promise.all(procs.map((p) => p.exited));
    const schema = core ? await bossSchema(core.db) : undefined;
    await core?.close();
    if (schema) await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(t.db);
    await t?.close();
    await fake?.close();
  });

  it(
    'shares runs across workers; SIGKILL, SIGSTOP and SIGTERM mid-run still end with every item done once',
    { timeout: 240_000 },
    async () => {
      // A provider that takes a while to answer, so runs are long enough to be interrupted.
      fake = await createFakeProviderServer({ respond: sandboxRespond, latencyMs: 120, recordBodies: false });
      t = await createTestDb('postgres');
      // Short session limits, so a worker frozen mid-transaction loses its locks quickly.
      const TIMEOUTS = {
        lockTimeoutMs: 4_000,
        idleInTransactionTimeoutMs: 3_000,
        statementTimeoutMs: 60_000,
      };
      const config = {
        database: { url: t.url, ...TIMEOUTS },
        providers: {
          openai: { apiKey: 'sk-test-chaos-0123456789', baseUrl: `${fake.url}/v1` },
          retry: {
            maxAttempts: 3,
            baseDelayMs: 10,
            maxDelayMs: 50,
            attemptTimeoutMs: 20_000,
            deadlineMs: 60_000,
          },
        },
        ai: { textModel: 'openai:gpt-4o-mini', imageModel: 'openai:gpt-image-1-mini' },
        media: { dir: './media' },
      };
      fs.writeFileSync(path.join(t.dir, 'igny8.config.json'), JSON.stringify(config));
      core = await createCore({ config: ConfigSchema.parse(config), baseDir: t.dir, db: t });
      await core.models.seed();
      const a = await seedTenant(t.db, 'a');
      const b = await seedTenant(t.db, 'b');
      const sites = [a, await addSite(t.db, a.accountId, 'a2'), b, await addSite(t.db, b.accountId, 'b2')];
      for (const s of sites) await addKeywords(t.db, s, KEYWORDS);
      for (const acct of [a, b])
        await core.credits.grant(acct, { opId: `grant-${acct.accountId}`, amount: 200_000, pool: 'plan' });

      const start = (name: string) => {
        const p = startWorkerProcess(name, t.dir, WORKER_ARGS);
        procs.push(p);
        return p;
      };
      const [w0, w1, w2] = [start('w0'), start('w1'), start('w2')];
      await Promise.all([w0, w1, w2].map((w) => w.waitFor((e) => e.type === 'worker', 60_000)));

      // One run through the CLI (`run --detach` enqueues), three through the core API + the queue.
      const cli = await runCli(
        [
          'run',
          '--detach',
          '--site',
          'site-a2',
          '--account',
          a.accountId,
          '--concurrency',
          '2',
          '--max-images',
          '1',
          '--max-links',
          '2',
          '--json',
        ],
        { cwd: t.dir, env: { IGNY8_DATABASE_URL: undefined, IGNY8_ACCOUNT: undefined } },
      );
      expect(cli.code, cli.stderr).toBe(0);
      // --json streams NDJSON; the last line is the result.
      const runIds: string[] = [JSON.parse(cli.stdout.trim().split('\n').at(-1)!).run.id];
      for (const s of [sites[0]!, sites[2]!, sites[3]!]) {
        const run = await core.automation.start(s, { detach: true, options: RUN_OPTIONS });
        expect(run.status).toBe('queued');
        await core.jobs!.enqueueRun(s, run.id);
        runIds.push(run.id);
      }

      // 1. SIGKILL w0 after it finished a few items of its run.
      const w0Claim = await w0.waitFor((e) => isClaim(e), 60_000);
      const killedRun = (w0Claim as { runId: string }).runId;
      await w0.waitFor((e) => e.type === 'item' && e.runId === killedRun && e.done >= 3, 60_000);
      w0.child.kill('SIGKILL');
      await w0.exited;
      const w3 = start('w3');

      // 2. Freeze w1 in the middle of writing articles: alive, silent, its lease runs out.
      const w1Claim = await w1.waitFor((e) => isClaim(e), 60_000);
      const frozenRun = (w1Claim as { runId: string }).runId;
      await w1.waitFor((e) => e.type === 'item' && e.runId === frozenRun && e.stage === 4, 90_000);
      w1.child.kill('SIGSTOP');
      const frozenAt = Date.now();
      // While it is frozen, credit operations on its account never wait longer than the limits:
      // whatever row it had locked is freed by the idle-in-transaction timeout.
      const frozenAccount = sites.find((s) =>
        w1.events.some(
          (e) => isClaim(e, frozenRun) && (e as { accountId?: string }).accountId === s.accountId,
        ),
      )!;
      const creditWaits: number[] = [];
      const probing = (async () => {
        for (let i = 0; i < 12; i++) {
          const t0 = Date.now();
          const hold = await core.credits.reserve(frozenAccount, {
            opId: `probe-${i}`,
            amount: 1,
            operation: 'probe',
          });
          await core.credits.release(frozenAccount, { opId: hold.opId });
          creditWaits.push(Date.now() - t0);
          await sleep(400);
        }
      })();

      // 3. SIGTERM w2 while it works on a run: it finishes its items in flight and hands the run back.
      const w2Claim = await w2.waitFor((e) => isClaim(e), 60_000);
      const drainedRun = (w2Claim as { runId: string }).runId;
      await w2.waitFor((e) => e.type === 'item' && e.runId === drainedRun, 60_000);
      const w2Busy = w2.holding().includes(drainedRun);
      w2.child.kill('SIGTERM');
      expect(await w2.exited, w2.stderr()).toBe(0);
      const w4 = start('w4');

      // The killed worker's run is adopted by a live worker (its pid is gone on this host).
      const others = () => [w3, w4, w1, w2].flatMap((w) => w.events);
      const adopted = async (runId: string, after: number) => {
        while (!others().some((e) => isClaim(e, runId) && e.at > after)) await sleep(100);
      };
      await adopted(killedRun, 0);

      // Thaw w1 only after its lease expired and another worker took its run over.
      await sleep(Math.max(0, frozenAt + LEASE_MS + 2_000 - Date.now()));
      await Promise.race([
        (async () => {
          while (![w3, w4].some((w) => w.events.some((e) => isClaim(e, frozenRun)))) await sleep(100);
        })(),
        sleep(30_000),
      ]);
      await probing;
      expect(Math.max(...creditWaits)).toBeLessThan(TIMEOUTS.idleInTransactionTimeoutMs + 2_000);
      w1.child.kill('SIGCONT');
      const thawedAt = Date.now();

      // Everything finishes.
      const deadline = Date.now() + 150_000;
      let statuses: string[] = [];
      while (Date.now() < deadline) {
        const rows = await t.db.selectFrom('automation_runs').select(['id', 'status']).execute();
        statuses = runIds.map((id) => rows.find((r) => r.id === id)?.status ?? 'missing');
        if (statuses.every((s) => s === 'completed')) break;
        await sleep(250);
      }
      expect(statuses).toEqual(runIds.map(() => 'completed'));
      for (const w of [w1, w3, w4]) w.child.kill('SIGTERM');
      for (const w of [w1, w3, w4]) expect(await w.exited, `${w.name}: ${w.stderr()}`).toBe(0);

      // --- Chaos really happened ---
      expect(w0.child.signalCode).toBe('SIGKILL');
      expect([w3, w4, w1].some((w) => w.events.some((e) => isClaim(e, killedRun)))).toBe(true);
      expect([w3, w4].some((w) => w.events.some((e) => isClaim(e, frozenRun)))).toBe(true);
      // The thawed worker noticed its lease was gone and did not settle the run.
      expect(w1.events.some((e) => e.type === 'job' && e.runId === frozenRun && e.status === 'lost')).toBe(
        true,
      );
      expect(
        w1.events.some((e) => e.type === 'job' && e.runId === frozenRun && e.status === 'finished'),
      ).toBe(false);
      // Its late saves were refused: nothing it did for that run after waking up was charged and kept.
      // An item it reports as done after the thaw may only be one it committed before the freeze
      // (SIGSTOP can land between a commit and the event), i.e. before another worker took the run.
      const takenOverAt = Math.min(
        ...[w3, w4].flatMap((w) => w.events.filter((e) => isClaim(e, frozenRun)).map((e) => e.at)),
      );
      const lateDone = w1.events.filter(
        (e) =>
          e.type === 'item' &&
          e.runId === frozenRun &&
          e.at > thawedAt &&
          e.status === 'done' &&
          e.credits > 0,
      );
      for (const e of lateDone) {
        const item = await t.db
          .selectFrom('run_items')
          .select('updated_at')
          .where('run_id', '=', frozenRun)
          .where('item_id', '=', String((e as { item?: unknown }).item))
          .executeTakeFirstOrThrow();
        expect(
          Date.parse(item.updated_at),
          `${String((e as { item?: unknown }).item)} saved after the takeover`,
        ).toBeLessThan(takenOverAt);
      }
      if (w2Busy) expect(w2.events.some((e) => e.type === 'job' && e.status === 'released')).toBe(true);

      // --- Every item done exactly once ---
      const count = async (
        table: 'keywords' | 'ideas' | 'tasks' | 'contents' | 'images',
        where?: [string, string],
      ) => {
        let q = t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
        if (where) q = q.where(where[0] as 'id', '=', where[1]);
        return Number((await q.executeTakeFirstOrThrow()).n);
      };
      // Stage 1 clustered each site once: what is left "new" is exactly what the local plan leaves out.
      for (const s of sites) {
        const rows = await t.db
          .selectFrom('keywords')
          .select(['id', 'keyword', 'normalized', 'volume', 'status'])
          .where('site_id', '=', s.siteId)
          .orderBy('normalized')
          .execute();
        const plan = planLocalClusters(rows);
        const left = rows.filter((r) => r.status === 'new').map((r) => r.id);
        expect(left.sort()).toEqual([...plan.unclusteredIds].sort());
        const clusters = await t.db
          .selectFrom('clusters')
          .select('status')
          .where('site_id', '=', s.siteId)
          .execute();
        expect(clusters).toHaveLength(plan.clusters.length);
        expect(clusters.filter((c) => c.status === 'new')).toEqual([]);
      }
      expect(await count('ideas', ['status', 'new'])).toBe(0);
      const tasks = await t.db.selectFrom('tasks').select(['id', 'status']).execute();
      expect(tasks.length).toBeGreaterThanOrEqual(sites.length * 3);
      expect(tasks.filter((x) => x.status !== 'done')).toEqual([]);
      const contents = await t.db.selectFrom('contents').select(['id', 'task_id', 'status']).execute();
      expect(contents.length).toBe(tasks.length);
      expect(new Set(contents.map((c) => c.task_id)).size).toBe(tasks.length);
      expect(contents.filter((c) => c.status !== 'review')).toEqual([]);
      const images = await t.db
        .selectFrom('images')
        .select(['id', 'content_id', 'role', 'status', 'file_path'])
        .execute();
      expect(images.filter((i) => i.status !== 'done' || !i.file_path)).toEqual([]);
      for (const c of contents) {
        expect(images.filter((i) => i.content_id === c.id && i.role === 'featured')).toHaveLength(1);
      }
      for (const i of images)
        expect(fs.existsSync(path.resolve(t.dir, 'media', i.file_path!)) || fs.existsSync(i.file_path!)).toBe(
          true,
        );

      // --- Charged exactly once, and the ledger agrees with the usage log ---
      const charges = await t.db
        .selectFrom('credit_transactions')
        .select(['op_id', 'amount', 'account_id'])
        .where('kind', '=', 'charge')
        .execute();
      const chargesFor = (prefix: string) =>
        charges.filter((c) => c.op_id === prefix || c.op_id.startsWith(`${prefix}~r`));
      for (const task of tasks) expect(chargesFor(`content:${task.id}`), task.id).toHaveLength(1);
      for (const img of images) expect(chargesFor(`image:${img.id}`), img.id).toHaveLength(1);
      for (const acct of [a, b]) {
        await checkLedgerInvariants(t.db, acct.accountId);
        const charged = -charges
          .filter((c) => c.account_id === acct.accountId)
          .reduce((s, c) => s + c.amount, 0);
        const logged = await t.db
          .selectFrom('usage_log')
          .select(sql<number>`coalesce(sum(credits), 0)`.as('n'))
          .where('account_id', '=', acct.accountId)
          .executeTakeFirstOrThrow();
        expect(Number(logged.n)).toBe(charged);
        expect(charged).toBeGreaterThan(0);
      }
      const runs = await t.db.selectFrom('automation_runs').selectAll().execute();
      expect(runs.every((r) => r.lease_owner === null)).toBe(true);
      // No false failure: no stage of any run counts a failed item, and detached runs have a start.
      for (const r of runs) {
        const results = JSON.parse(r.results) as Record<string, { failed: number; failures: unknown[] }>;
        for (const [stage, res] of Object.entries(results))
          expect(res.failed, `${r.id} stage ${stage}: ${JSON.stringify(res.failures)}`).toBe(0);
        expect(r.started_at).not.toBeNull();
      }
    },
  );
});
