import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyDeltas,
  nextTimestamp,
  planAdjust,
  planCharge,
  planGrant,
  planRefund,
  planRenewal,
  planReserve,
  poolOf,
  usageAlertLevel,
} from './ledger-plan.js';

const state = (plan: number, bonus: number, held = 0, planAllowance = plan, alertLevel = 0) => ({
  plan,
  bonus,
  held,
  planAllowance,
  alertLevel,
});

describe('planCharge', () => {
  it('spends plan credits before bonus credits', () => {
    expect(planCharge(state(5, 10), 7)).toEqual({
      ok: true,
      deltas: { plan: -5, bonus: -2, held: 0, allowance: 0 },
    });
    expect(planCharge(state(50, 10), 7)).toEqual({
      ok: true,
      deltas: { plan: -7, bonus: 0, held: 0, allowance: 0 },
    });
  });

  it('refuses to spend held credits, but a settle may spend its own hold', () => {
    expect(planCharge(state(10, 0, 5), 6)).toEqual({ ok: false, reason: 'insufficient', available: 5 });
    expect(planCharge(state(10, 0, 5), 6, 5)).toEqual({
      ok: true,
      deltas: { plan: -6, bonus: 0, held: -5, allowance: 0 },
    });
  });

  it('never drives a pool negative nor held above the pools (property)', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), fc.nat(1000), fc.nat(3000), (plan, bonus, heldRaw, amount) => {
        const held = Math.min(heldRaw, plan + bonus);
        const plan1 = planCharge(state(plan, bonus, held), amount);
        if (!plan1.ok) {
          expect(amount).toBeGreaterThan(plan + bonus - held);
          return;
        }
        const after = applyDeltas(state(plan, bonus, held), plan1.deltas);
        expect(after.plan).toBeGreaterThanOrEqual(0);
        expect(after.bonus).toBeGreaterThanOrEqual(0);
        expect(after.held).toBeLessThanOrEqual(after.plan + after.bonus);
        expect(plan + bonus - (after.plan + after.bonus)).toBe(amount);
        // Bonus is only touched once plan is empty.
        if (plan1.deltas.bonus !== 0) expect(after.plan).toBe(0);
      }),
    );
  });
});

describe('other plans', () => {
  it('reserves only what is available', () => {
    expect(planReserve(state(3, 2, 1), 4).ok).toBe(true);
    expect(planReserve(state(3, 2, 1), 5)).toMatchObject({ ok: false, available: 4 });
  });

  it('grants raise the allowance only for the plan pool, and refuse int32 overflow', () => {
    expect(planGrant(state(0, 0), 100, 'plan')).toMatchObject({ deltas: { plan: 100, allowance: 100 } });
    expect(planGrant(state(0, 0), 100, 'bonus')).toMatchObject({ deltas: { bonus: 100, allowance: 0 } });
    expect(planGrant(state(1_500_000_000, 0), 600_000_000, 'bonus')).toMatchObject({
      ok: false,
      reason: 'overflow',
    });
  });

  it('refunds to bonus first, then plan, never more than charged', () => {
    expect(planRefund(state(0, 0), { planDelta: -5, bonusDelta: -2 }, 4)).toMatchObject({
      deltas: { plan: 2, bonus: 2 },
    });
    expect(planRefund(state(0, 0), { planDelta: -5, bonusDelta: 0 }, 5)).toMatchObject({
      deltas: { plan: 5, bonus: 0 },
    });
    expect(planRefund(state(0, 0), { planDelta: -5, bonusDelta: -2 }, 8)).toMatchObject({
      ok: false,
      reason: 'exceeds_charge',
    });
  });

  it('adjusts one pool and refuses a debit of held or missing credits', () => {
    expect(planAdjust(state(10, 5), -5, 'bonus')).toMatchObject({ deltas: { bonus: -5 } });
    expect(planAdjust(state(10, 5), -6, 'bonus')).toMatchObject({ ok: false, reason: 'insufficient' });
    expect(planAdjust(state(10, 0, 8), -3, 'plan')).toMatchObject({ ok: false, available: 2 });
  });

  it('renews the plan pool and allowance, refusing to strand held credits', () => {
    expect(planRenewal(state(30, 5, 0, 100), 100)).toMatchObject({
      deltas: { plan: 70, bonus: 0, allowance: 0 },
    });
    expect(planRenewal(state(30, 5, 0, 100), 10)).toMatchObject({ deltas: { plan: -20, allowance: -90 } });
    expect(planRenewal(state(30, 5, 20, 100), 10)).toMatchObject({ ok: false, reason: 'held' });
  });

  it('names the pools an entry touched', () => {
    expect(poolOf({ plan: -1, bonus: 0 })).toBe('plan');
    expect(poolOf({ plan: 0, bonus: 3 })).toBe('bonus');
    expect(poolOf({ plan: -1, bonus: -1 })).toBe('mixed');
  });
});

describe('usageAlertLevel', () => {
  it('returns the highest level newly crossed, once', () => {
    expect(usageAlertLevel(state(300, 0, 0, 1000))).toBeNull();
    expect(usageAlertLevel(state(200, 0, 0, 1000))).toBe(80);
    expect(usageAlertLevel(state(200, 0, 0, 1000, 80))).toBeNull();
    expect(usageAlertLevel(state(100, 0, 0, 1000, 80))).toBe(90);
    expect(usageAlertLevel(state(0, 50, 0, 1000, 0))).toBe(100);
    expect(usageAlertLevel(state(0, 0, 0, 0))).toBeNull();
  });
});

describe('nextTimestamp', () => {
  it('is now, or 1 ms after the previous change when the clock lags', () => {
    const now = new Date('2026-01-01T00:00:00.000Z');
    expect(nextTimestamp('2025-12-31T00:00:00.000Z', now)).toBe('2026-01-01T00:00:00.000Z');
    expect(nextTimestamp('2026-01-01T00:00:00.000Z', now)).toBe('2026-01-01T00:00:00.001Z');
    expect(nextTimestamp('2026-01-01T00:00:05.000Z', now)).toBe('2026-01-01T00:00:05.001Z');
  });
});
