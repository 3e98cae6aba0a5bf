import { afterEach, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../config/index.js';
import { createCore, type Core } from '../core.js';
import { transaction } from '../db/index.js';
import { executeRun } from '../automation/run-runner.js';
import { acquireLease, findRun, takeOverLease } from '../automation/run.repository.js';
import type { Stage } from '../automation/stage-context.js';
import { stage1Cluster } from '../automation/stages/stage-1-cluster.js';
import { stage7Review } from '../automation/stages/stage-7-review.js';
import { seedArticle } from '../../test/helpers/seed-content.js';
import { seedTenant } from '../../test/helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { addKeywords, queueRun } from '../../test/chaos/workers/seed-sites.js';
import { claimRun } from './run-claim.repository.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(DIALECTS)('a worker that lost its run cannot commit (%s)', (dialect) => {
  let t: TestDb;
  let core: Core;
  afterEach(async () => {
    await core?.close();
    await t?.close();
  });

  async function setup(runOptions: Parameters<typeof queueRun>[2] = { stages: [4] }) {
    t = await createTestDb(dialect);
    const a = await seedTenant(t.db, 'a');
    core = await createCore({ config: ConfigSchema.parse({ database: { url: t.url } }), db: t });
    const [kw] = await addKeywords(t.db, a, ['fenced keyword']);
    const runId = await queueRun(t.db, a, runOptions);
    return { a, kw: kw!, runId };
  }

  const stealRun = (runId: string) =>
    t.db
      .updateTable('automation_runs')
      .set({ lease_owner: 'worker:h:2:bb' })
      .where('id', '=', runId)
      .execute();

  // Workers (claimRun) are PostgreSQL-only; on SQLite a foreground run takes the lease directly.
  const claim = async (a: { accountId: string }, runId: string, owner: string) =>
    dialect === 'postgres'
      ? (await claimRun(t.db, a, runId, owner, 5)).status
      : (await acquireLease(t.db, a, runId, owner, ['queued', 'running']))
        ? 'claimed'
        : 'busy';

  it.runIf(dialect === 'postgres')(
    'sets started_at when a worker claims a detached run, and keeps it on a later claim',
    async () => {
      const { a, runId } = await setup();
      expect((await findRun(t.db, a, runId))!.started_at).toBeNull();
      expect((await claimRun(t.db, a, runId, 'worker:h:1:aa', 5)).status).toBe('claimed');
      const first = (await findRun(t.db, a, runId))!.started_at;
      expect(first).toMatch(/^\d{4}-/);
      await t.db
        .updateTable('automation_runs')
        .set({ lease_expires_at: '2000-01-01T00:00:00.000Z' })
        .where('id', '=', runId)
        .execute();
      await sleep(5);
      expect((await claimRun(t.db, a, runId, 'worker:h:2:bb', 5)).status).toBe('claimed');
      expect((await findRun(t.db, a, runId))!.started_at).toBe(first);
    },
  );

  it('a save checked against the lease holds the run row, so a takeover cannot slip in before it commits', async () => {
    const { a, kw, runId } = await setup();
    const owner = 'worker:h:1:aa';
    expect(await claim(a, runId, owner)).toBe('claimed');
    let checked!: () => void;
    const isChecked = new Promise<void>((r) => (checked = r));
    let go!: () => void;
    const mayGo = new Promise<void>((r) => (go = r));
    const stage: Stage = {
      n: 4,
      select: async () => [{ id: kw, label: 'kw' }],
      async process(ctx, item) {
        await transaction(ctx.core.db, async (trx) => {
          await ctx.assertOwned(trx);
          checked();
          await mayGo; // stalled between the check and the write
          await trx.updateTable('keywords').set({ status: 'clustered' }).where('id', '=', item.id).execute();
        });
        return { credits: 0, created: 0 };
      },
    };
    const run = (await findRun(t.db, a, runId))!;
    const running = executeRun({ core, scope: a, run, owner, stages: { 4: stage }, pollMs: 60_000 });
    await isChecked;
    // Another worker takes the run over meanwhile (the lease expired as far as it can tell).
    let tookOver = false;
    const takeover =
      dialect === 'postgres'
        ? takeOverLease(t.db, a, runId, owner, 'worker:h:2:bb').then((ok) => (tookOver = ok))
        : Promise.resolve();
    await sleep(300);
    // The takeover waits for the save's transaction: it cannot commit in between check and write.
    expect(tookOver).toBe(false);
    go();
    await takeover;
    await running;
    const kwRow = await t.db
      .selectFrom('keywords')
      .select('status')
      .where('id', '=', kw)
      .executeTakeFirstOrThrow();
    expect(kwRow.status).toBe('clustered');
  });

  it('refuses the late save of a worker whose run was taken over while it waited on a provider', async () => {
    const { a, kw, runId } = await setup();
    const owner = 'worker:h:1:aa';
    expect(await claim(a, runId, owner)).toBe('claimed');
    let outcome: unknown;
    const stage: Stage = {
      n: 4,
      select: async () => [{ id: kw, label: 'kw' }],
      async process(ctx, item) {
        // The "provider call": meanwhile the run changes hands.
        await t.db
          .updateTable('automation_runs')
          .set({ lease_owner: 'worker:h:2:bb' })
          .where('id', '=', runId)
          .execute();
        try {
          await transaction(ctx.core.db, async (trx) => {
            await ctx.assertOwned(trx);
            await trx
              .updateTable('keywords')
              .set({ status: 'clustered' })
              .where('id', '=', item.id)
              .execute();
          });
        } catch (err) {
          outcome = err;
          throw err;
        }
        return { credits: 0, created: 0 };
      },
    };
    const run = (await findRun(t.db, a, runId))!;
    const status = await executeRun({ core, scope: a, run, owner, stages: { 4: stage }, pollMs: 60_000 });
    expect(outcome).toMatchObject({ code: 'RUN_LEASE_LOST' });
    expect(status).toBe('running'); // left to the new owner, not finished or failed
    const kwRow = await t.db
      .selectFrom('keywords')
      .select('status')
      .where('id', '=', kw)
      .executeTakeFirstOrThrow();
    expect(kwRow.status).toBe('new');
    expect((await findRun(t.db, a, runId))!.lease_owner).toBe('worker:h:2:bb');
  });

  it('refuses local clustering (stage 1) planned before the run changed hands: no cluster, no keyword moved', async () => {
    const { a, runId } = await setup({ stages: [1], clusterMethod: 'local' });
    await addKeywords(t.db, a, [
      'cold brew coffee',
      'cold brew recipe',
      'cold brew ratio',
      'cold brew maker',
    ]);
    const owner = 'worker:h:1:aa';
    expect(await claim(a, runId, owner)).toBe('claimed');
    let outcome: unknown;
    const stage: Stage = {
      ...stage1Cluster,
      async process(ctx, item) {
        // The stage's early check passes; the run changes hands while the sector is being planned.
        const stalled = {
          ...ctx,
          async assertOwned(trx: typeof ctx.core.db) {
            await ctx.assertOwned(trx);
            await stealRun(runId);
          },
        };
        try {
          return await stage1Cluster.process(stalled, item);
        } catch (err) {
          outcome = err;
          throw err;
        }
      },
    };
    const run = (await findRun(t.db, a, runId))!;
    const status = await executeRun({ core, scope: a, run, owner, stages: { 1: stage }, pollMs: 60_000 });
    expect(outcome).toMatchObject({ code: 'RUN_LEASE_LOST' });
    expect(status).toBe('running');
    const clusters = await t.db
      .selectFrom('clusters')
      .select('id')
      .where('account_id', '=', a.accountId)
      .execute();
    expect(clusters).toHaveLength(0);
    const moved = await t.db
      .selectFrom('keywords')
      .select('id')
      .where('account_id', '=', a.accountId)
      .where('status', '!=', 'new')
      .execute();
    expect(moved).toHaveLength(0);
    const items = await t.db.selectFrom('run_items').select('status').where('run_id', '=', runId).execute();
    expect(items.filter((i) => i.status === 'done')).toHaveLength(0);
  });

  it('saves local clustering (stage 1) while the run stays with its owner', async () => {
    const { a, runId } = await setup({ stages: [1], clusterMethod: 'local' });
    await addKeywords(t.db, a, [
      'cold brew coffee',
      'cold brew recipe',
      'cold brew ratio',
      'cold brew maker',
    ]);
    const owner = 'worker:h:1:aa';
    expect(await claim(a, runId, owner)).toBe('claimed');
    const run = (await findRun(t.db, a, runId))!;
    await executeRun({ core, scope: a, run, owner, stages: { 1: stage1Cluster }, pollMs: 60_000 });
    const clusters = await t.db
      .selectFrom('clusters')
      .select('id')
      .where('account_id', '=', a.accountId)
      .execute();
    expect(clusters.length).toBeGreaterThan(0);
    const items = await t.db.selectFrom('run_items').select('status').where('run_id', '=', runId).execute();
    expect(items.map((i) => i.status)).toEqual(['done']);
  });

  it('refuses the review save (stage 7) of a worker that lost its run: no score, no approval', async () => {
    const { a, runId } = await setup({
      stages: [7],
      autoApprove: true,
      minSeoScore: 0,
      maxLinks: 0,
      autoPublish: false,
    });
    const contentId = await seedArticle(t.db, a, 1, 'draft');
    const owner = 'worker:h:1:aa';
    expect(await claim(a, runId, owner)).toBe('claimed');
    let outcome: unknown;
    const stage: Stage = {
      ...stage7Review,
      async process(ctx, item) {
        await stealRun(runId);
        try {
          return await stage7Review.process(ctx, item);
        } catch (err) {
          outcome = err;
          throw err;
        }
      },
    };
    const run = (await findRun(t.db, a, runId))!;
    const status = await executeRun({ core, scope: a, run, owner, stages: { 7: stage }, pollMs: 60_000 });
    expect(outcome).toMatchObject({ code: 'RUN_LEASE_LOST' });
    expect(status).toBe('running');
    const row = await t.db
      .selectFrom('contents')
      .select(['status', 'seo_report', 'approved_fingerprint'])
      .where('id', '=', contentId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'draft', seo_report: null, approved_fingerprint: null });
  });

  it('refuses the approval (stage 7) when the run changes hands after the article was scored', async () => {
    const { a, runId } = await setup({
      stages: [7],
      autoApprove: true,
      minSeoScore: 0,
      maxLinks: 0,
      autoPublish: false,
    });
    const contentId = await seedArticle(t.db, a, 1, 'draft');
    const owner = 'worker:h:1:aa';
    expect(await claim(a, runId, owner)).toBe('claimed');
    let outcome: unknown;
    const stage: Stage = {
      ...stage7Review,
      async process(ctx, item) {
        // The process stalls just before the approval; meanwhile the run changes hands.
        const content = ctx.core.content;
        const stalled = {
          ...ctx,
          core: {
            ...ctx.core,
            content: {
              ...content,
              approve: async (...args: Parameters<typeof content.approve>) => {
                await stealRun(runId);
                return content.approve(...args);
              },
            },
          },
        };
        try {
          return await stage7Review.process(stalled, item);
        } catch (err) {
          outcome = err;
          throw err;
        }
      },
    };
    const run = (await findRun(t.db, a, runId))!;
    const status = await executeRun({ core, scope: a, run, owner, stages: { 7: stage }, pollMs: 60_000 });
    expect(outcome).toMatchObject({ code: 'RUN_LEASE_LOST' });
    expect(status).toBe('running');
    const row = await t.db
      .selectFrom('contents')
      .select(['status', 'seo_report', 'approved_fingerprint'])
      .where('id', '=', contentId)
      .executeTakeFirstOrThrow();
    // Score and approval are one save: the stale process left the draft exactly as it found it.
    expect(row).toEqual({ status: 'draft', seo_report: null, approved_fingerprint: null });
  });

  it('scores and approves (stage 7) in one fenced save while the run stays with its owner', async () => {
    const { a, runId } = await setup({
      stages: [7],
      autoApprove: true,
      minSeoScore: 0,
      maxLinks: 0,
      autoPublish: false,
    });
    const contentId = await seedArticle(t.db, a, 1, 'draft');
    const owner = 'worker:h:1:aa';
    expect(await claim(a, runId, owner)).toBe('claimed');
    const run = (await findRun(t.db, a, runId))!;
    await executeRun({ core, scope: a, run, owner, stages: { 7: stage7Review }, pollMs: 60_000 });
    const row = await t.db
      .selectFrom('contents')
      .select(['status', 'seo_report'])
      .where('id', '=', contentId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('approved');
    expect(row.seo_report).not.toBeNull();
    const items = await t.db.selectFrom('run_items').select('status').where('run_id', '=', runId).execute();
    expect(items.map((i) => i.status)).toEqual(['done']);
  });
});
