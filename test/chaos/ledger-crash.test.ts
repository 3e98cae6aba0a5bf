import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createCreditsService } from '../../src/credits/index.js';
import { createDb, pendingMigrations } from '../../src/db/index.js';
import { checkLedgerInvariants } from '../helpers/ledger-invariants.js';
import { seedTenant } from '../helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/test-db.js';
import { expectedTotal, rng, startWorker, type ChaosOp, type Worker } from './chaos-ops.js';

const SEED = Number(process.env.IGNY8_CHAOS_SEED ?? Date.now() % 1_000_000);
const START = { plan: 100_000, bonus: 50_000 };

async function until(cond: () => boolean, stop: Promise<unknown>): Promise<void> {
  let stopped = false;
  void stop.then(() => (stopped = true));
  while (!cond() && !stopped) await new Promise((r) => setTimeout(r, 2));
}

describe.each(DIALECTS)(`ledger writers killed with SIGKILL (L4) on %s (seed ${SEED})`, (dialect) => {
  let t: TestDb;
  const live = new Set<Worker>();
  afterEach(async () => {
    for (const w of live) w.child.kill('SIGKILL');
    await t?.close();
  });

  it('leaves a database that opens cleanly, keeps every invariant, and finishes exactly once on replay', async () => {
    t = await createTestDb(dialect);
    const { accountId } = await seedTenant(t.db, 'a');
    const scope = { accountId };
    const credits = createCreditsService(t.db);
    await credits.grant(scope, { opId: 'start-plan', amount: START.plan, pool: 'plan' });
    await credits.grant(scope, { opId: 'start-bonus', amount: START.bonus, pool: 'bonus' });

    const r = rng(SEED);
    const lists: ChaosOp[][] = [0, 1, 2].map((w) =>
      Array.from({ length: 250 }, (_, i): ChaosOp => {
        const amount = r.int(1, 30);
        const type = r.pick<ChaosOp['type']>(['charge', 'hold', 'hold', 'fail', 'grant']);
        return {
          type,
          opId: `w${w}-${i}`,
          amount,
          pool: r.pick(['plan', 'bonus'] as const),
          settle: r.int(0, amount),
        };
      }),
    );
    const reported = lists.map(() => new Set<string>());
    const start = (w: number, ops: ChaosOp[]) => {
      const worker = startWorker({ url: t.url, accountId, ops, concurrency: 4 });
      live.add(worker);
      return worker;
    };
    const workers = lists.map((ops, w) => start(w, ops));

    let kills = 0;
    for (let round = 0; round < 8; round++) {
      const running = [0, 1, 2].filter((i) => workers[i]!.child.exitCode === null);
      if (running.length === 0) break;
      const w = r.pick(running);
      const victim = workers[w]!;
      await victim.ready.catch(() => undefined);
      // Kill it mid-stream: after a random number of fresh results, plus a random sliver of time.
      const target = victim.results.length + r.int(1, 25);
      await until(() => victim.results.length >= target, victim.exited);
      await new Promise((res) => setTimeout(res, r.int(0, 15)));
      if (victim.child.exitCode === null) {
        victim.child.kill('SIGKILL');
        kills += 1;
      }
      await victim.exited;
      live.delete(victim);
      for (const x of victim.results) if (x.ok) reported[w]!.add(x.opId);
      expect(victim.results.filter((x) => !x.ok)).toEqual([]);
      // Restart with what it has not reported (in-flight ops may or may not have committed) and a few replays.
      const replays = lists[w]!.filter((op) => reported[w]!.has(op.opId)).filter(() => r.next() < 0.1);
      workers[w] = start(w, [...replays, ...lists[w]!.filter((op) => !reported[w]!.has(op.opId))]);
    }
    // The last crash: every writer at once.
    await new Promise((res) => setTimeout(res, r.int(50, 300)));
    for (const w of workers) w.child.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited));
    live.clear();
    expect(kills).toBeGreaterThanOrEqual(4);

    // A fresh connection opens the database cleanly and finds every invariant intact.
    const fresh = await createDb(t.url);
    try {
      if (dialect === 'sqlite') {
        const { rows } = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(fresh.db);
        expect(rows.map((x) => x.integrity_check)).toEqual(['ok']);
      }
      expect(await pendingMigrations(fresh.db)).toEqual([]);
      await checkLedgerInvariants(fresh.db, accountId);
    } finally {
      await fresh.close();
    }

    // Finishing the work by replaying every op id completes each exactly once.
    const all = lists.flat();
    const finisher = startWorker({ url: t.url, accountId, ops: all, concurrency: 8 });
    live.add(finisher);
    expect(await finisher.exited, finisher.stderr()).toBe(0);
    live.delete(finisher);
    expect(finisher.results.filter((x) => !x.ok)).toEqual([]);
    const balance = await credits.balance(scope);
    expect(balance.total).toBe(expectedTotal(START.plan + START.bonus, all));
    expect(balance.held).toBe(0);
    const summary = await checkLedgerInvariants(t.db, accountId);
    expect(summary.charges).toBe(
      all.filter((o) => o.type === 'charge' || (o.type === 'hold' && o.settle! > 0)).length,
    );
    expect(summary.activeHolds).toBe(0);
  }, 240_000);
});
