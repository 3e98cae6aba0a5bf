import type { Db } from '../../src/db/index.js';

export interface LedgerSummary {
  plan: number;
  bonus: number;
  held: number;
  entries: number;
  charges: number;
  activeHolds: number;
}

/**
 * Check every ledger invariant of one account straight from the tables (no service code), and
 * throw an Error listing each violation:
 * - pools ≥ 0 and held ≤ plan + bonus;
 * - plan/bonus = the sums of the entries' plan/bonus deltas (balance = grants − charges + refunds ± adjustments);
 * - at most one charge per operation id, and every charge debits;
 * - every hold resolved at most once: a consistent status, a settled hold has exactly the one
 *   charge it settled (none when it settled 0), a released or expired hold has no charge;
 * - held = the sum of active holds;
 * - the balance-after chain: in time order each entry's afters = the previous afters + its deltas,
 *   timestamps strictly increase, and the last entry matches the balance row;
 * - usage rows: ok rows carry the credits charged for their operation, failed rows carry 0.
 */
export async function checkLedgerInvariants(db: Db, accountId: string): Promise<LedgerSummary> {
  const problems: string[] = [];
  const fail = (msg: string) => problems.push(msg);

  const bal = await db
    .selectFrom('credit_balances')
    .selectAll()
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  const entries = await db
    .selectFrom('credit_transactions')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('created_at')
    .execute();
  const holds = await db.selectFrom('credit_holds').selectAll().where('account_id', '=', accountId).execute();
  const usage = await db.selectFrom('usage_log').selectAll().where('account_id', '=', accountId).execute();

  const plan = bal?.plan_balance ?? 0;
  const bonus = bal?.bonus_balance ?? 0;
  const held = bal?.held ?? 0;
  if (plan < 0 || bonus < 0 || held < 0) fail(`negative pool: plan ${plan}, bonus ${bonus}, held ${held}`);
  if (held > plan + bonus) fail(`held ${held} exceeds plan + bonus ${plan + bonus}`);

  const sum = (f: (e: (typeof entries)[number]) => number) => entries.reduce((s, e) => s + f(e), 0);
  if (sum((e) => e.plan_delta) !== plan)
    fail(`plan ${plan} ≠ sum of plan deltas ${sum((e) => e.plan_delta)}`);
  if (sum((e) => e.bonus_delta) !== bonus)
    fail(`bonus ${bonus} ≠ sum of bonus deltas ${sum((e) => e.bonus_delta)}`);
  if (sum((e) => e.amount) !== plan + bonus)
    fail(`plan + bonus ${plan + bonus} ≠ sum of amounts ${sum((e) => e.amount)}`);

  const chargesByOp = new Map<string, (typeof entries)[number][]>();
  for (const e of entries) {
    if (e.plan_delta + e.bonus_delta !== e.amount) fail(`entry ${e.id}: deltas do not add up to the amount`);
    if (e.kind !== 'charge') continue;
    if (e.amount >= 0) fail(`charge ${e.op_id} does not debit (amount ${e.amount})`);
    chargesByOp.set(e.op_id, [...(chargesByOp.get(e.op_id) ?? []), e]);
  }
  for (const [op, list] of chargesByOp)
    if (list.length > 1) fail(`operation ${op} charged ${list.length} times`);

  let activeHeld = 0;
  for (const h of holds) {
    const charges = chargesByOp.get(h.op_id) ?? [];
    if (h.status === 'held') {
      activeHeld += h.amount;
      if (h.resolved_at !== null || h.settled_amount !== null)
        fail(`active hold ${h.op_id} carries a resolution`);
      if (charges.length > 0) fail(`active hold ${h.op_id} already has a charge`);
      continue;
    }
    if (h.resolved_at === null) fail(`hold ${h.op_id} is ${h.status} without resolved_at`);
    if (h.status === 'settled') {
      const settled = h.settled_amount;
      if (settled === null || settled < 0 || settled > h.amount)
        fail(`hold ${h.op_id} settled ${settled} of ${h.amount}`);
      const charged = charges.reduce((s, e) => s - e.amount, 0);
      if ((settled ?? 0) !== charged) fail(`hold ${h.op_id} settled ${settled} but charged ${charged}`);
    } else {
      if (h.settled_amount !== null) fail(`${h.status} hold ${h.op_id} has a settled amount`);
      if (charges.length > 0) fail(`${h.status} hold ${h.op_id} (a failed operation) was charged`);
    }
  }
  if (activeHeld !== held) fail(`held ${held} ≠ sum of active holds ${activeHeld}`);

  let prev = { plan: 0, bonus: 0, at: '' };
  for (const e of entries) {
    if (e.created_at <= prev.at)
      fail(`entry ${e.id} is not strictly after the previous one (${e.created_at})`);
    const p = prev.plan + e.plan_delta;
    const b = prev.bonus + e.bonus_delta;
    if (e.plan_balance_after !== p || e.bonus_balance_after !== b || e.balance_after !== p + b) {
      fail(
        `entry ${e.id} (${e.kind} ${e.op_id}): afters ${e.plan_balance_after}/${e.bonus_balance_after}/${e.balance_after}, chain says ${p}/${b}/${p + b}`,
      );
    }
    if (e.balance_after < 0) fail(`entry ${e.id}: negative balance_after`);
    prev = { plan: e.plan_balance_after, bonus: e.bonus_balance_after, at: e.created_at };
  }
  if (entries.length > 0 && (prev.plan !== plan || prev.bonus !== bonus)) {
    fail(`last entry's balance ${prev.plan}/${prev.bonus} ≠ balance row ${plan}/${bonus}`);
  }

  for (const u of usage) {
    const charged = (chargesByOp.get(u.op_id) ?? []).reduce((s, e) => s - e.amount, 0);
    if (u.status === 'ok' && u.credits !== charged)
      fail(`usage ${u.op_id}: ${u.credits} credits logged, ${charged} charged`);
    if (u.status === 'failed' && (u.credits !== 0 || charged !== 0))
      fail(`failed usage ${u.op_id} was charged`);
  }

  if (problems.length > 0) {
    throw new Error(`Ledger invariants broken for account ${accountId}:\n- ${problems.join('\n- ')}`);
  }
  return {
    plan,
    bonus,
    held,
    entries: entries.length,
    charges: chargesByOp.size,
    activeHolds: holds.filter((h) => h.status === 'held').length,
  };
}
