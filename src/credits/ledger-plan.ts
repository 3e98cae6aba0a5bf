/**
 * The ledger's pure core: every balance change is planned here from the current pools, then applied
 * by the service inside one transaction. No IO, no clock.
 */

/** Above this a pool would leave PostgreSQL's 32-bit integer column. */
export const MAX_POOL = 2_000_000_000;

export const ALERT_LEVELS = [80, 90, 100] as const;

export interface Pools {
  plan: number;
  bonus: number;
  held: number;
}

export interface PoolState extends Pools {
  planAllowance: number;
  alertLevel: number;
}

/** A change to apply to a balance row; every field is added to its column. */
export interface Deltas {
  plan: number;
  bonus: number;
  held: number;
  allowance: number;
}

export type Plan =
  | { ok: true; deltas: Deltas }
  | { ok: false; reason: 'insufficient' | 'overflow' | 'held'; available: number };

const none: Deltas = { plan: 0, bonus: 0, held: 0, allowance: 0 };

export function available(p: Pools): number {
  return p.plan + p.bonus - p.held;
}

/**
 * Split a charge over the pools, plan credits first, then bonus. `fromHold` credits were held for
 * this charge and are freed by it, so they count as available.
 * @example planCharge({ plan: 5, bonus: 10, held: 0 }, 7) // plan −5, bonus −2
 */
export function planCharge(p: Pools, amount: number, fromHold = 0): Plan {
  const free = available(p) + fromHold;
  if (amount > free) return { ok: false, reason: 'insufficient', available: available(p) };
  const fromPlan = Math.min(p.plan, amount);
  return { ok: true, deltas: { ...none, plan: 0 - fromPlan, bonus: fromPlan - amount, held: 0 - fromHold } };
}

/** Hold `amount` credits for a later settle. */
export function planReserve(p: Pools, amount: number): Plan {
  if (amount > available(p)) return { ok: false, reason: 'insufficient', available: available(p) };
  return { ok: true, deltas: { ...none, held: amount } };
}

/** Add credits to a pool; plan grants also raise the period's allowance (the alert base). */
export function planGrant(p: Pools, amount: number, pool: 'plan' | 'bonus'): Plan {
  if (p.plan + p.bonus + amount > MAX_POOL) return { ok: false, reason: 'overflow', available: available(p) };
  return {
    ok: true,
    deltas: pool === 'plan' ? { ...none, plan: amount, allowance: amount } : { ...none, bonus: amount },
  };
}

/**
 * Give back part or all of a charge, into the pools it came from in reverse order of spending:
 * bonus first (it never expires), then plan.
 */
export function planRefund(
  p: Pools,
  charge: { planDelta: number; bonusDelta: number },
  amount: number,
): Plan | { ok: false; reason: 'exceeds_charge'; available: number } {
  const charged = 0 - (charge.planDelta + charge.bonusDelta);
  if (amount > charged) return { ok: false, reason: 'exceeds_charge', available: available(p) };
  if (p.plan + p.bonus + amount > MAX_POOL) return { ok: false, reason: 'overflow', available: available(p) };
  const toBonus = Math.min(0 - charge.bonusDelta, amount);
  return { ok: true, deltas: { ...none, plan: amount - toBonus, bonus: toBonus } };
}

/** A signed correction to one pool; a debit may not touch held credits. */
export function planAdjust(p: Pools, amount: number, pool: 'plan' | 'bonus'): Plan {
  if (amount < 0 && (-amount > p[pool] || -amount > available(p)))
    return { ok: false, reason: 'insufficient', available: Math.min(p[pool], available(p)) };
  if (p.plan + p.bonus + amount > MAX_POOL) return { ok: false, reason: 'overflow', available: available(p) };
  return { ok: true, deltas: { ...none, [pool]: amount } };
}

/**
 * Start a new plan period: the plan pool becomes `amount` (unspent plan credits lapse, bonus stays)
 * and the allowance restarts at `amount`. Refused while holds need plan credits that would lapse.
 */
export function planRenewal(s: PoolState, amount: number): Plan {
  if (amount + s.bonus < s.held) return { ok: false, reason: 'held', available: available(s) };
  if (amount + s.bonus > MAX_POOL) return { ok: false, reason: 'overflow', available: available(s) };
  return { ok: true, deltas: { ...none, plan: amount - s.plan, allowance: amount - s.planAllowance } };
}

export function applyDeltas<S extends PoolState>(s: S, d: Deltas): S {
  return {
    ...s,
    plan: s.plan + d.plan,
    bonus: s.bonus + d.bonus,
    held: s.held + d.held,
    planAllowance: s.planAllowance + d.allowance,
  };
}

/** Which pool(s) an entry touched. */
export function poolOf(d: Pick<Deltas, 'plan' | 'bonus'>): 'plan' | 'bonus' | 'mixed' {
  if (d.plan !== 0 && d.bonus !== 0) return 'mixed';
  return d.bonus !== 0 ? 'bonus' : 'plan';
}

/**
 * The highest usage alert (80/90/100% of the plan allowance spent) newly crossed, or null. Alerts
 * only rise within a period, so each level is sent at most once.
 */
export function usageAlertLevel(s: PoolState): number | null {
  if (s.planAllowance <= 0) return null;
  const used = Math.max(0, s.planAllowance - s.plan);
  let crossed: number | null = null;
  for (const level of ALERT_LEVELS) {
    if (level > s.alertLevel && used * 100 >= level * s.planAllowance) crossed = level;
  }
  return crossed;
}

/**
 * The timestamp of the next change to an account: now, or 1 ms after the previous change when the
 * clock has not moved on. Every account's entries get strictly increasing created_at values, so
 * ordering by time replays the balance chain exactly.
 */
export function nextTimestamp(previousIso: string, now: Date): string {
  const prev = Date.parse(previousIso);
  const t = Number.isNaN(prev) ? now.getTime() : Math.max(now.getTime(), prev + 1);
  return new Date(t).toISOString();
}
