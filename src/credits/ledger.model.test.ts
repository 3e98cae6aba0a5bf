import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLedgerInvariants } from '../../test/helpers/ledger-invariants.js';
import { seedTenant } from '../../test/helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { Igny8Error } from '../errors/index.js';
import type { Scope } from '../tenancy/scope.js';
import { createCreditsService, type CreditsService } from './credits.service.js';

/** L3: the ledger against an in-memory model, invariants checked after every command. */

interface ModelHold {
  amount: number;
  status: 'held' | 'settled' | 'released' | 'expired';
  settled: number | null;
  expiresAt: number;
}

interface Model {
  plan: number;
  bonus: number;
  held: number;
  allowance: number;
  alertLevel: number;
  alerts: number;
  now: number;
  seq: number;
  holds: Map<string, ModelHold>;
  /** Ledger entry id per idempotency key, once the real system has reported it. */
  entries: Map<string, string>;
  /** Operations run so far, for the replay command. */
  done: Array<{
    kind: keyof typeof RUNNERS;
    input: Record<string, unknown>;
  }>;
}

interface Real {
  credits: CreditsService;
  scope: Scope;
  clock: { now: number };
  db: TestDb['db'];
}

async function outcome<T>(p: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; code: string }> {
  try {
    return { ok: true, value: await p };
  } catch (err) {
    if (err instanceof Igny8Error) return { ok: false, code: err.code };
    throw err;
  }
}

function spend(m: Model, amount: number): void {
  const fromPlan = Math.min(m.plan, amount);
  m.plan -= fromPlan;
  m.bonus -= amount - fromPlan;
  if (m.allowance > 0) {
    const used = m.allowance - m.plan;
    const level = [80, 90, 100].filter((l) => l > m.alertLevel && used * 100 >= l * m.allowance).pop();
    if (level) {
      m.alertLevel = level;
      m.alerts += 1;
    }
  }
}

const available = (m: Model) => m.plan + m.bonus - m.held;

async function doGrant(m: Model, r: Real, input: { opId: string; amount: number; pool: 'plan' | 'bonus' }) {
  const key = `grant:${input.opId}`;
  const res = await r.credits.grant(r.scope, input);
  if (m.entries.has(key)) {
    expect(res.id).toBe(m.entries.get(key));
    return;
  }
  m.entries.set(key, res.id);
  if (input.pool === 'plan') {
    m.plan += input.amount;
    m.allowance += input.amount;
  } else m.bonus += input.amount;
  expect(res.balanceAfter).toBe(m.plan + m.bonus);
}

async function doCharge(m: Model, r: Real, input: { opId: string; amount: number }) {
  const key = `charge:${input.opId}`;
  const res = await outcome(r.credits.charge(r.scope, { ...input, operation: 'model' }));
  if (m.entries.has(key)) {
    expect(res.ok && res.value.id).toBe(m.entries.get(key));
  } else if (input.amount > available(m)) {
    expect(res).toEqual({ ok: false, code: 'INSUFFICIENT_CREDITS' });
  } else {
    expect(res.ok).toBe(true);
    if (res.ok) m.entries.set(key, res.value.id);
    spend(m, input.amount);
  }
}

async function doReserve(m: Model, r: Real, input: { opId: string; amount: number; ttlMs: number }) {
  const res = await outcome(r.credits.reserve(r.scope, { ...input, operation: 'model' }));
  const known = m.holds.get(input.opId);
  if (known) {
    expect(res.ok && [res.value.status, res.value.amount]).toEqual([known.status, known.amount]);
  } else if (input.amount > available(m)) {
    expect(res).toEqual({ ok: false, code: 'INSUFFICIENT_CREDITS' });
  } else {
    expect(res.ok && res.value.status).toBe('held');
    m.holds.set(input.opId, {
      amount: input.amount,
      status: 'held',
      settled: null,
      expiresAt: m.now + input.ttlMs,
    });
    m.held += input.amount;
  }
}

async function doSettle(m: Model, r: Real, input: { opId: string; amount: number }) {
  const res = await outcome(r.credits.settle(r.scope, input));
  const hold = m.holds.get(input.opId)!;
  const key = `charge:${input.opId}`;
  if (hold.status === 'settled') {
    expect(res.ok && res.value.charged).toBe(hold.settled);
    expect(res.ok && (res.value.entry?.id ?? null)).toBe(m.entries.get(key) ?? null);
  } else if (hold.status !== 'held') {
    expect(res).toEqual({ ok: false, code: 'HOLD_ALREADY_RESOLVED' });
  } else if (input.amount > hold.amount) {
    expect(res).toEqual({ ok: false, code: 'SETTLE_EXCEEDS_HOLD' });
  } else {
    expect(res.ok && res.value.charged).toBe(input.amount);
    if (res.ok && res.value.entry) m.entries.set(key, res.value.entry.id);
    expect(res.ok && res.value.entry === null).toBe(input.amount === 0);
    hold.status = 'settled';
    hold.settled = input.amount;
    m.held -= hold.amount;
    spend(m, input.amount);
  }
}

async function doRelease(m: Model, r: Real, input: { opId: string }) {
  const res = await outcome(r.credits.release(r.scope, input));
  const hold = m.holds.get(input.opId)!;
  if (hold.status === 'settled') {
    expect(res).toEqual({ ok: false, code: 'HOLD_ALREADY_RESOLVED' });
  } else {
    expect(res.ok).toBe(true);
    if (hold.status === 'held') {
      hold.status = 'released';
      m.held -= hold.amount;
    }
  }
}

async function doRenew(m: Model, r: Real, input: { opId: string; amount: number }) {
  const key = `reset:${input.opId}`;
  const res = await outcome(r.credits.renewPlan(r.scope, input));
  if (m.entries.has(key)) {
    expect(res.ok && res.value.id).toBe(m.entries.get(key));
  } else if (input.amount + m.bonus < m.held) {
    expect(res).toEqual({ ok: false, code: 'INVALID_STATE' });
  } else {
    expect(res.ok && res.value.planBalanceAfter).toBe(input.amount);
    if (res.ok) m.entries.set(key, res.value.id);
    m.plan = input.amount;
    m.allowance = input.amount;
    m.alertLevel = 0;
  }
}

const RUNNERS = {
  grant: doGrant,
  charge: doCharge,
  reserve: doReserve,
  settle: doSettle,
  release: doRelease,
  renew: doRenew,
};

/** After every command: the tables' invariants, and the real balance equals the model's. */
async function checkAll(m: Model, r: Real): Promise<void> {
  await checkLedgerInvariants(r.db, r.scope.accountId);
  const b = await r.credits.balance(r.scope);
  expect([b.plan, b.bonus, b.held, b.planAllowance]).toEqual([m.plan, m.bonus, m.held, m.allowance]);
  const alerts = await r.db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', r.scope.accountId)
    .executeTakeFirstOrThrow();
  expect(Number(alerts.n)).toBe(m.alerts);
}

type Cmd = fc.AsyncCommand<Model, Real>;

function command(name: string, check: (m: Model) => boolean, run: (m: Model, r: Real) => Promise<void>): Cmd {
  return {
    check,
    run: async (m, r) => {
      await run(m, r);
      await checkAll(m, r);
    },
    toString: () => name,
  };
}

const opId = (m: Model, prefix: string) => `${prefix}${++m.seq}`;
const holdAt = (m: Model, i: number) => [...m.holds.keys()][i % m.holds.size]!;

function record(m: Model, kind: Model['done'][number]['kind'], input: Record<string, unknown>) {
  m.done.push({ kind, input });
  return input;
}

const commands = [
  fc
    .record({
      amount: fc.integer({ min: 1, max: 300 }),
      pool: fc.constantFrom('plan' as const, 'bonus' as const),
    })
    .map(({ amount, pool }) =>
      command(
        `grant(${amount}, ${pool})`,
        () => true,
        (m, r) => doGrant(m, r, record(m, 'grant', { opId: opId(m, 'g'), amount, pool }) as never),
      ),
    ),
  fc.integer({ min: 1, max: 200 }).map((amount) =>
    command(
      `charge(${amount})`,
      () => true,
      (m, r) => doCharge(m, r, record(m, 'charge', { opId: opId(m, 'c'), amount }) as never),
    ),
  ),
  fc
    .record({ amount: fc.integer({ min: 1, max: 200 }), ttlMs: fc.integer({ min: 1_000, max: 60_000 }) })
    .map(({ amount, ttlMs }) =>
      command(
        `reserve(${amount}, ttl ${ttlMs})`,
        () => true,
        (m, r) => doReserve(m, r, record(m, 'reserve', { opId: opId(m, 'h'), amount, ttlMs }) as never),
      ),
    ),
  fc.record({ i: fc.nat(), share: fc.double({ min: 0, max: 1.1, noNaN: true }) }).map(({ i, share }) =>
    command(
      `settle(#${i}, ${share.toFixed(2)})`,
      (m) => m.holds.size > 0,
      (m, r) => {
        const id = holdAt(m, i);
        const amount = Math.floor(m.holds.get(id)!.amount * share);
        return doSettle(m, r, record(m, 'settle', { opId: id, amount }) as never);
      },
    ),
  ),
  fc.nat().map((i) =>
    command(
      `release(#${i})`,
      (m) => m.holds.size > 0,
      (m, r) => doRelease(m, r, record(m, 'release', { opId: holdAt(m, i) }) as never),
    ),
  ),
  fc.integer({ min: 0, max: 300 }).map((amount) =>
    command(
      `renew(${amount})`,
      () => true,
      (m, r) => doRenew(m, r, record(m, 'renew', { opId: opId(m, 'r'), amount }) as never),
    ),
  ),
  fc.integer({ min: 500, max: 40_000 }).map((ms) =>
    command(
      `expire(+${ms}ms)`,
      () => true,
      async (m, r) => {
        m.now += ms;
        r.clock.now = m.now;
        let expected = 0;
        for (const h of m.holds.values()) {
          if (h.status === 'held' && h.expiresAt <= m.now) {
            h.status = 'expired';
            m.held -= h.amount;
            expected += 1;
          }
        }
        // Other runs' accounts share the database; only this account's count is ours to check.
        const before = await r.db
          .selectFrom('credit_holds')
          .select('op_id')
          .where('account_id', '=', r.scope.accountId)
          .where('status', '=', 'expired')
          .execute();
        await r.credits.expireHolds();
        const after = await r.db
          .selectFrom('credit_holds')
          .select('op_id')
          .where('account_id', '=', r.scope.accountId)
          .where('status', '=', 'expired')
          .execute();
        expect(after.length - before.length).toBe(expected);
      },
    ),
  ),
  fc.nat().map((i) =>
    command(
      `replay(#${i})`,
      (m) => m.done.length > 0,
      (m, r) => {
        const op = m.done[i % m.done.length]!;
        return (RUNNERS[op.kind] as (m: Model, r: Real, input: unknown) => Promise<void>)(m, r, op.input);
      },
    ),
  ),
];

describe.each(DIALECTS)('ledger model-based test (L3) on %s', (dialect) => {
  let t: TestDb;
  let tenants = 0;
  beforeAll(async () => {
    t = await createTestDb(dialect);
  });
  afterAll(async () => t?.close());

  it('matches the model after every grant, charge, reserve, settle, release, renew, expire and replay', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 40, size: 'max' }), async (cmds) => {
        const { accountId } = await seedTenant(t.db, `m${++tenants}`);
        const start = Date.parse('2026-01-01T00:00:00.000Z');
        const clock = { now: start };
        const credits = createCreditsService(t.db, { now: () => new Date(clock.now) });
        const model: Model = {
          plan: 0,
          bonus: 0,
          held: 0,
          allowance: 0,
          alertLevel: 0,
          alerts: 0,
          now: start,
          seq: 0,
          holds: new Map(),
          entries: new Map(),
          done: [],
        };
        await fc.asyncModelRun(
          () => ({ model, real: { credits, scope: { accountId }, clock, db: t.db } }),
          cmds,
        );
      }),
      { numRuns: 40 },
    );
  });
});
