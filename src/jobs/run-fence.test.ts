import { afterEach, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../config/index.js';
import { createCore, type Core } from '../core.js';
import { transaction } from '../db/index.js';
import { executeRun } from '../automation/run-runner.js';
import { acquireLease, findRun, takeOverLease } from '../automation/run.repository.js';
import type { Stage } from '../automation/stage-context.js';
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

  async function setup() {
    t = await createTestDb(dialect);
    const a = await seedTenant(t.db, 'a');
    core = await createCore({ config: ConfigSchema.parse({ database: { url: t.url } }), db: t });
    const [kw] = await addKeywords(t.db, a, ['fenced keyword']);
    const runId = await queueRun(t.db, a, { stages: [4] });
    return { a, kw: kw!, runId };
  }

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
});
