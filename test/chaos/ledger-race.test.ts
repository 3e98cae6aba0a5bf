import { afterEach, describe, expect, it } from 'vitest';
import { createCreditsService } from '../../src/credits/index.js';
import { createDb } from '../../src/db/index.js';
import { checkLedgerInvariants } from '../helpers/ledger-invariants.js';
import { seedTenant } from '../helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/test-db.js';
import { expectedTotal, rng, startWorker, type ChaosOp, type ChaosResult, type Worker } from './chaos-ops.js';

const SEED = Number(process.env.IGNY8_CHAOS_SEED ?? Date.now() % 1_000_000);

/** Start workers together (each connected and waiting), then let them all go at once. */
async function race(workers: Worker[]): Promise<ChaosResult[]> {
  await Promise.all(workers.map((w) => w.ready));
  for (const w of workers) w.go();
  const codes = await Promise.all(workers.map((w) => w.exited));
  codes.forEach((c, i) => expect(c, `worker ${i} failed:\n${workers[i]!.stderr()}`).toBe(0));
  return workers.flatMap((w) => w.results);
}

describe.each(DIALECTS)(`ledger under concurrency on %s (seed ${SEED})`, (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  async function setup(plan: number, bonus: number) {
    t = await createTestDb(dialect);
    const { accountId } = await seedTenant(t.db, 'a');
    const credits = createCreditsService(t.db);
    if (plan) await credits.grant({ accountId }, { opId: 'start-plan', amount: plan, pool: 'plan' });
    if (bonus) await credits.grant({ accountId }, { opId: 'start-bonus', amount: bonus, pool: 'bonus' });
    return { accountId, credits };
  }

  it('L1: 200 concurrent charges of 7 from 4 processes against 1,000 credits: exactly 142 succeed', async () => {
    const { accountId, credits } = await setup(600, 400);
    const ops: ChaosOp[] = Array.from({ length: 200 }, (_, i) => ({
      type: 'charge',
      opId: `c${i}`,
      amount: 7,
    }));
    const workers = [0, 1, 2, 3].map((k) =>
      startWorker({ url: t.url, accountId, ops: ops.filter((_, i) => i % 4 === k), waitForGo: true }),
    );
    const results = await race(workers);
    expect(results).toHaveLength(200);
    expect(results.filter((r) => r.ok)).toHaveLength(142);
    expect(results.filter((r) => !r.ok).every((r) => r.code === 'INSUFFICIENT_CREDITS')).toBe(true);
    expect(await credits.balance({ accountId })).toMatchObject({ total: 6, plan: 0, bonus: 6, held: 0 });
    const summary = await checkLedgerInvariants(t.db, accountId);
    expect(summary.charges).toBe(142);
  }, 150_000);

  it.runIf(dialect === 'postgres')(
    'L1: 200 concurrent charges over one process’s pool connections',
    async () => {
      const { accountId } = await setup(1000, 0);
      const pooled = await createDb(t.url, { poolSize: 20 });
      try {
        const credits = createCreditsService(pooled.db);
        const settled = await Promise.allSettled(
          Array.from({ length: 200 }, (_, i) =>
            credits.charge({ accountId }, { opId: `p${i}`, amount: 7, operation: 'x' }),
          ),
        );
        expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(142);
        expect(
          settled.filter((s) => s.status === 'rejected').map((s) => (s.reason as { code: string }).code),
        ).toEqual(Array(58).fill('INSUFFICIENT_CREDITS'));
        expect((await credits.balance({ accountId })).total).toBe(6);
      } finally {
        await pooled.close();
      }
      await checkLedgerInvariants(t.db, accountId);
    },
  );

  it('L2: a replay storm (every op id sent 1–5 times, concurrently, from 3 processes) charges once', async () => {
    const { accountId, credits } = await setup(3000, 2000);
    const r = rng(SEED);
    const ops: ChaosOp[] = Array.from({ length: 80 }, (_, i): ChaosOp => {
      const type = r.pick<ChaosOp['type']>(['charge', 'charge', 'hold', 'grant', 'fail']);
      const amount = r.int(1, 20);
      return {
        type,
        opId: `op${i}`,
        amount,
        pool: r.pick(['plan', 'bonus'] as const),
        settle: r.int(0, amount),
      };
    });
    const copies = ops.map(() => r.int(1, 5));
    const lists: ChaosOp[][] = [[], [], []];
    ops.forEach((op, i) => {
      for (let c = 0; c < copies[i]!; c++) lists[r.int(0, 2)]!.push(op);
    });
    for (const list of lists) list.sort(() => r.next() - 0.5);
    const results = await race(
      lists.map((list) => startWorker({ url: t.url, accountId, ops: list, waitForGo: true })),
    );

    expect(results).toHaveLength(copies.reduce((a, b) => a + b, 0));
    expect(results.filter((x) => !x.ok)).toEqual([]);
    // Every copy of an op id got the same result: the first one.
    const refs = new Map<string, Set<string>>();
    for (const x of results) refs.set(x.opId, (refs.get(x.opId) ?? new Set()).add(x.ref!));
    for (const [opId, set] of refs) expect([opId, set.size]).toEqual([opId, 1]);

    // A sequential replay after the storm changes nothing either.
    const before = await credits.balance({ accountId });
    for (const op of ops.filter((o) => o.type === 'charge')) {
      await credits.charge({ accountId }, { opId: op.opId, amount: op.amount, operation: 'chaos' });
    }
    expect(await credits.balance({ accountId })).toEqual(before);

    expect(before.total).toBe(expectedTotal(5000, ops));
    expect(before.held).toBe(0);
    const summary = await checkLedgerInvariants(t.db, accountId);
    const charged = ops.filter((o) => o.type === 'charge' || (o.type === 'hold' && o.settle! > 0));
    expect(summary.charges).toBe(charged.length);
    const history = await credits.history({ accountId }, { limit: 1000 });
    expect(history.total).toBe(2 + charged.length + ops.filter((o) => o.type === 'grant').length);
  }, 150_000);
});
