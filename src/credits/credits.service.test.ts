import { afterEach, describe, expect, it } from 'vitest';
import { checkLedgerInvariants } from '../../test/helpers/ledger-invariants.js';
import { seedTenant } from '../../test/helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { Igny8Error } from '../errors/index.js';
import { createNotificationService } from '../notifications/index.js';
import { createCreditsService } from './credits.service.js';

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof Igny8Error) return err.code;
    throw err;
  }
  return 'no error';
}

const usage = (operation: string, extra: Record<string, unknown> = {}) => ({
  operation,
  provider: 'sandbox',
  model: 'sandbox-text',
  tokensIn: 1000,
  tokensOut: 500,
  tokensCached: 0,
  images: 0,
  usd: 0.01,
  ...extra,
});

describe.each(DIALECTS)('credits service on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  async function setup() {
    t = await createTestDb(dialect);
    const a = { accountId: (await seedTenant(t.db, 'a')).accountId };
    const b = { accountId: (await seedTenant(t.db, 'b')).accountId };
    let clock = new Date('2026-03-01T10:00:00.000Z').getTime();
    const notifications = createNotificationService(t.db);
    const credits = createCreditsService(t.db, { notifications, now: () => new Date(clock) });
    const advance = (ms: number) => (clock += ms);
    return { credits, notifications, a, b, advance, now: () => new Date(clock) };
  }

  it('grants into pools idempotently and reports the balance', async () => {
    const { credits, a, b } = await setup();
    expect(await credits.balance(a)).toEqual({
      plan: 0,
      bonus: 0,
      held: 0,
      available: 0,
      total: 0,
      planAllowance: 0,
      periodStart: null,
    });
    const g1 = await credits.grant(a, { opId: 'g1', amount: 100, pool: 'plan', description: 'monthly' });
    expect(g1).toMatchObject({
      kind: 'grant',
      pool: 'plan',
      amount: 100,
      balanceAfter: 100,
      description: 'monthly',
    });
    const again = await credits.grant(a, { opId: 'g1', amount: 100, pool: 'plan' });
    expect(again.id).toBe(g1.id);
    await credits.grant(a, { opId: 'g2', amount: 50, pool: 'bonus' });
    expect(await credits.balance(a)).toMatchObject({
      plan: 100,
      bonus: 50,
      held: 0,
      available: 150,
      total: 150,
      planAllowance: 100,
    });
    expect((await credits.balance(b)).total).toBe(0);
    expect(await code(credits.grant(a, { opId: 'g3', amount: -5, pool: 'bonus' }))).toBe('VALIDATION_FAILED');
    expect(await code(credits.grant(a, { opId: 'g4', amount: 1.5, pool: 'bonus' }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(await code(credits.grant({ accountId: 'nobody' }, { opId: 'g5', amount: 5, pool: 'bonus' }))).toBe(
      'ACCOUNT_NOT_FOUND',
    );
    await checkLedgerInvariants(t.db, a.accountId);
  });

  it('charges plan credits before bonus, refuses overdraft, and keeps op ids per account', async () => {
    const { credits, a, b } = await setup();
    await credits.grant(a, { opId: 'g', amount: 10, pool: 'plan' });
    await credits.grant(a, { opId: 'h', amount: 10, pool: 'bonus' });
    const c = await credits.charge(a, { opId: 'c1', amount: 15, operation: 'generate_content' });
    expect(c).toMatchObject({ kind: 'charge', pool: 'mixed', amount: -15, planDelta: -10, bonusDelta: -5 });
    expect(c).toMatchObject({ planBalanceAfter: 0, bonusBalanceAfter: 5, balanceAfter: 5 });
    expect((await credits.charge(a, { opId: 'c1', amount: 15, operation: 'x' })).id).toBe(c.id);
    expect(await code(credits.charge(a, { opId: 'c2', amount: 6, operation: 'x' }))).toBe(
      'INSUFFICIENT_CREDITS',
    );
    expect((await credits.history(a)).total).toBe(3);
    // The same op id in another account is another operation.
    await credits.grant(b, { opId: 'g', amount: 20, pool: 'bonus' });
    expect((await credits.charge(b, { opId: 'c1', amount: 15, operation: 'x' })).pool).toBe('bonus');
    expect((await credits.balance(a)).total).toBe(5);
    await checkLedgerInvariants(t.db, a.accountId);
    await checkLedgerInvariants(t.db, b.accountId);
  });

  it('reserves, settles at most the hold, releases, and logs usage', async () => {
    const { credits, a } = await setup();
    await credits.grant(a, { opId: 'g', amount: 50, pool: 'plan' });
    const hold = await credits.reserve(a, { opId: 'op1', amount: 20, operation: 'generate_content' });
    expect(hold).toMatchObject({ status: 'held', amount: 20 });
    expect((await credits.reserve(a, { opId: 'op1', amount: 20, operation: 'x' })).id).toBe(hold.id);
    expect(await credits.balance(a)).toMatchObject({ held: 20, available: 30, total: 50 });
    expect(await code(credits.reserve(a, { opId: 'op2', amount: 31, operation: 'x' }))).toBe(
      'INSUFFICIENT_CREDITS',
    );
    expect(await code(credits.charge(a, { opId: 'c', amount: 31, operation: 'x' }))).toBe(
      'INSUFFICIENT_CREDITS',
    );

    expect(await code(credits.settle(a, { opId: 'op1', amount: 21 }))).toBe('SETTLE_EXCEEDS_HOLD');
    const settled = await credits.settle(a, { opId: 'op1', amount: 12, usage: usage('generate_content') });
    expect(settled.charged).toBe(12);
    expect(settled.entry).toMatchObject({ kind: 'charge', amount: -12, balanceAfter: 38 });
    expect(await credits.settle(a, { opId: 'op1', amount: 12 })).toEqual(settled);
    expect(await credits.balance(a)).toMatchObject({ held: 0, available: 38 });
    expect(await code(credits.release(a, { opId: 'op1' }))).toBe('HOLD_ALREADY_RESOLVED');

    await credits.reserve(a, { opId: 'op3', amount: 10, operation: 'generate_images' });
    await credits.release(a, { opId: 'op3', usage: usage('generate_images', { error: 'provider 500' }) });
    await credits.release(a, { opId: 'op3' });
    expect(await code(credits.settle(a, { opId: 'op3', amount: 1 }))).toBe('HOLD_ALREADY_RESOLVED');
    expect(await code(credits.release(a, { opId: 'missing' }))).toBe('HOLD_NOT_FOUND');

    await credits.reserve(a, { opId: 'op4', amount: 5, operation: 'suggest_links' });
    expect(await credits.settle(a, { opId: 'op4', amount: 0 })).toEqual({ charged: 0, entry: null });

    const rows = (await credits.usage(a)).items;
    expect(rows.map((r) => [r.opId, r.status, r.credits])).toEqual(
      expect.arrayContaining([
        ['op1', 'ok', 12],
        ['op3', 'failed', 0],
      ]),
    );
    expect(rows.find((r) => r.opId === 'op3')?.error).toBe('provider 500');
    expect(await credits.balance(a)).toMatchObject({ held: 0, total: 38 });
    await checkLedgerInvariants(t.db, a.accountId);
  });

  it('expires stale holds in every account and frees their credits', async () => {
    const { credits, a, b, advance, now } = await setup();
    await credits.grant(a, { opId: 'g', amount: 30, pool: 'plan' });
    await credits.grant(b, { opId: 'g', amount: 30, pool: 'plan' });
    await credits.reserve(a, { opId: 'short', amount: 10, operation: 'x', ttlMs: 1000 });
    await credits.reserve(b, { opId: 'short', amount: 10, operation: 'x', ttlMs: 1000 });
    await credits.reserve(a, { opId: 'long', amount: 10, operation: 'x', ttlMs: 60_000 });
    advance(5000);
    expect(await credits.expireHolds(now())).toBe(2);
    expect(await credits.expireHolds()).toBe(0);
    expect(await credits.balance(a)).toMatchObject({ held: 10, available: 20 });
    expect(await credits.balance(b)).toMatchObject({ held: 0, available: 30 });
    expect(await code(credits.settle(a, { opId: 'short', amount: 3 }))).toBe('HOLD_ALREADY_RESOLVED');
    await credits.release(a, { opId: 'short' });
    expect((await credits.reserve(a, { opId: 'short', amount: 1, operation: 'x' })).status).toBe('expired');
    await checkLedgerInvariants(t.db, a.accountId);
    await checkLedgerInvariants(t.db, b.accountId);
  });

  it('refunds a charge once, into the pools it came from', async () => {
    const { credits, a } = await setup();
    await credits.grant(a, { opId: 'g', amount: 6, pool: 'plan' });
    await credits.grant(a, { opId: 'h', amount: 10, pool: 'bonus' });
    await credits.charge(a, { opId: 'c', amount: 10, operation: 'x' });
    expect(await code(credits.refund(a, { opId: 'r0', refundOf: 'c', amount: 11 }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(await code(credits.refund(a, { opId: 'r0', refundOf: 'nope', amount: 1 }))).toBe('NOT_FOUND');
    const r = await credits.refund(a, { opId: 'r1', refundOf: 'c', amount: 5 });
    expect(r).toMatchObject({ kind: 'refund', amount: 5, bonusDelta: 4, planDelta: 1, balanceAfter: 11 });
    expect((await credits.refund(a, { opId: 'r1', refundOf: 'c', amount: 5 })).id).toBe(r.id);
    expect(await code(credits.refund(a, { opId: 'r2', refundOf: 'c', amount: 1 }))).toBe('CONFLICT');
    await checkLedgerInvariants(t.db, a.accountId);
  });

  it('adjusts one pool, never into held credits', async () => {
    const { credits, a } = await setup();
    await credits.grant(a, { opId: 'g', amount: 10, pool: 'plan' });
    await credits.reserve(a, { opId: 'h', amount: 8, operation: 'x' });
    expect(await code(credits.adjust(a, { opId: 'a1', amount: -3, pool: 'plan' }))).toBe(
      'INSUFFICIENT_CREDITS',
    );
    expect(await code(credits.adjust(a, { opId: 'a1', amount: 0, pool: 'plan' }))).toBe('VALIDATION_FAILED');
    const up = await credits.adjust(a, { opId: 'a2', amount: 7, pool: 'bonus', description: 'goodwill' });
    expect(up).toMatchObject({ kind: 'adjust', pool: 'bonus', amount: 7, balanceAfter: 17 });
    const down = await credits.adjust(a, { opId: 'a3', amount: -2, pool: 'plan' });
    expect(down).toMatchObject({ amount: -2, planBalanceAfter: 8 });
    expect(await credits.balance(a)).toMatchObject({ plan: 8, bonus: 7, held: 8, available: 7 });
    await checkLedgerInvariants(t.db, a.accountId);
  });

  it('alerts once per level at 80, 90 and 100% of the plan allowance', async () => {
    const { credits, notifications, a } = await setup();
    await credits.grant(a, { opId: 'g', amount: 100, pool: 'plan' });
    await credits.grant(a, { opId: 'b', amount: 100, pool: 'bonus' });
    const alerts = async () => (await notifications.list(a)).items.map((n) => [n.level, n.title]);
    await credits.charge(a, { opId: 'c1', amount: 79, operation: 'x' });
    expect(await alerts()).toEqual([]);
    await credits.charge(a, { opId: 'c2', amount: 1, operation: 'x' });
    expect(await alerts()).toEqual([['warning', '80% of plan credits used']]);
    await credits.charge(a, { opId: 'c3', amount: 5, operation: 'x' });
    expect(await alerts()).toHaveLength(1);
    await credits.reserve(a, { opId: 'h', amount: 20, operation: 'x' });
    await credits.settle(a, { opId: 'h', amount: 20 });
    await credits.charge(a, { opId: 'c4', amount: 30, operation: 'x' });
    const all = await alerts();
    expect(all).toHaveLength(2);
    expect(all[0]).toEqual(['error', 'Plan credits used up']);
    const listed = await notifications.list(a);
    expect(listed.items[0]!.message).toMatch(/100 of 100 plan credits used/);
    expect(listed.items.every((n) => n.dedupeKey?.startsWith('credits-usage:'))).toBe(true);
    await checkLedgerInvariants(t.db, a.accountId);
  });

  it('renews the plan: leftover plan credits lapse, bonus stays, alerts re-arm', async () => {
    const { credits, notifications, a, advance } = await setup();
    await credits.grant(a, { opId: 'g', amount: 100, pool: 'plan' });
    await credits.grant(a, { opId: 'b', amount: 50, pool: 'bonus' });
    await credits.charge(a, { opId: 'c1', amount: 85, operation: 'x' });
    const before = await credits.balance(a);
    advance(30 * 86_400_000);
    const renewal = await credits.renewPlan(a, { opId: 'april', amount: 200 });
    expect(renewal).toMatchObject({
      kind: 'reset',
      amount: 185,
      planBalanceAfter: 200,
      bonusBalanceAfter: 50,
    });
    expect((await credits.renewPlan(a, { opId: 'april', amount: 200 })).id).toBe(renewal.id);
    const after = await credits.balance(a);
    expect(after).toMatchObject({ plan: 200, bonus: 50, planAllowance: 200 });
    expect(after.periodStart).not.toBe(before.periodStart);
    await credits.charge(a, { opId: 'c2', amount: 170, operation: 'x' });
    const titles = (await notifications.list(a)).items.map((n) => n.title);
    expect(titles).toEqual(['80% of plan credits used', '80% of plan credits used']);

    await credits.reserve(a, { opId: 'h', amount: 70, operation: 'x' });
    expect(await code(credits.renewPlan(a, { opId: 'may', amount: 0 }))).toBe('INVALID_STATE');
    // A renewal to the same amount still starts a period, and is still logged once.
    const same = await credits.renewPlan(a, { opId: 'may2', amount: 30 });
    expect(same).toMatchObject({ kind: 'reset', amount: 0 });
    await checkLedgerInvariants(t.db, a.accountId);
  });

  it('lists history newest first and summarizes usage', async () => {
    const { credits, a, advance } = await setup();
    await credits.grant(a, { opId: 'g', amount: 100, pool: 'plan' });
    await credits.charge(a, {
      opId: 'c1',
      amount: 3,
      operation: 'auto_cluster',
      usage: usage('auto_cluster', { siteId: 'site-a' }),
    });
    advance(86_400_000);
    await credits.charge(a, {
      opId: 'c2',
      amount: 4,
      operation: 'generate_content',
      usage: usage('generate_content', { model: 'gpt-4o', provider: 'openai', usd: 0.02 }),
    });
    await credits.charge(a, {
      opId: 'c3',
      amount: 5,
      operation: 'generate_content',
      usage: usage('generate_content'),
    });
    const h = await credits.history(a, { limit: 2 });
    expect(h.total).toBe(4);
    expect(h.items.map((e) => [e.opId, e.balanceAfter])).toEqual([
      ['c3', 88],
      ['c2', 93],
    ]);
    expect((await credits.history(a, { kind: 'grant' })).items.map((e) => e.opId)).toEqual(['g']);

    const byOp = await credits.usageSummary(a, { by: 'operation' });
    expect(byOp).toEqual([
      { key: 'auto_cluster', credits: 3, usd: 0.01, calls: 1, tokensIn: 1000, tokensOut: 500, images: 0 },
      {
        key: 'generate_content',
        credits: 9,
        usd: 0.03,
        calls: 2,
        tokensIn: 2000,
        tokensOut: 1000,
        images: 0,
      },
    ]);
    const byModel = await credits.usageSummary(a, { by: 'model' });
    expect(byModel.map((r) => [r.key, r.credits])).toEqual([
      ['openai:gpt-4o', 4],
      ['sandbox:sandbox-text', 8],
    ]);
    const byDay = await credits.usageSummary(a, { by: 'day' });
    expect(byDay.map((r) => [r.key, r.calls])).toEqual([
      ['2026-03-01', 1],
      ['2026-03-02', 2],
    ]);
    expect((await credits.usage(a, { since: '2026-03-02' })).total).toBe(2);
    expect((await credits.usage(a, { since: '12h' })).total).toBe(2);
    expect((await credits.usage(a, { siteId: 'site-a' })).items.map((u) => u.opId)).toEqual(['c1']);
    expect(await code(credits.usage(a, { since: 'yesterday' }))).toBe('VALIDATION_FAILED');
  });
});
