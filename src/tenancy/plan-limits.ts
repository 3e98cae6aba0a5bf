import { transaction, type Db } from '../db/index.js';
import { Igny8Error } from '../errors/index.js';
import { countAccountRows, lockAccountRow } from './account.repository.js';
import { UNLIMITED } from './default-plans.js';
import { findPlanRow, listPlanRows, type PlanRow } from './plan.repository.js';
import type { Scope } from './scope.js';

export type LimitName = 'sites' | 'users' | 'keywords';

const COLUMN = { sites: 'max_sites', users: 'max_users', keywords: 'max_keywords' } as const;
const SINGULAR = { sites: 'site', users: 'user', keywords: 'keyword' } as const;

const fmt = (n: number) => n.toLocaleString('en-US');
const noun = (limit: LimitName, n: number) => (n === 1 ? SINGULAR[limit] : limit);

/** Pure: whether adding `adding` to `used` stays within `max` (UNLIMITED never runs out). */
export function withinLimit(max: number, used: number, adding: number): boolean {
  return max >= UNLIMITED || used + adding <= max;
}

/** The PLAN_LIMIT_REACHED error: which limit, how full, and the smallest plan that would fit. */
export function planLimitError(
  limit: LimitName,
  plan: PlanRow,
  used: number,
  adding: number,
  plans: PlanRow[],
): Igny8Error {
  const max = plan[COLUMN[limit]];
  const message =
    adding === 1
      ? `The ${plan.name} plan allows ${fmt(max)} ${noun(limit, max)} and this account has ${fmt(used)}`
      : `Adding ${fmt(adding)} ${limit} would go over the ${plan.name} plan's limit of ${fmt(max)} ${noun(limit, max)} (this account has ${fmt(used)})`;
  const next = plans
    .filter((p) => p.id !== plan.id && withinLimit(p[COLUMN[limit]], used, adding))
    .sort((a, b) => a[COLUMN[limit]] - b[COLUMN[limit]])[0];
  const raise = next
    ? `move to a larger plan: igny8 account update --plan ${next.id} (see igny8 account plans)`
    : `raise ${COLUMN[limit]} of plan "${plan.id}"`;
  return new Igny8Error('PLAN_LIMIT_REACHED', message, {
    hint: `Remove ${limit} you no longer need, or ${raise}.`,
    details: { limit, plan: plan.id, max, used, adding },
  });
}

/**
 * Throw PLAN_LIMIT_REACHED unless the account can take `adding` more sites/users/keywords. Call it
 * inside the transaction that adds them: it locks the account row so concurrent adds cannot both
 * pass the check.
 */
export async function assertCapacity(trx: Db, scope: Scope, limit: LimitName, adding = 1): Promise<void> {
  return checkCapacity(trx, scope, limit, adding, 0);
}

/** `added` rows, already written in this transaction, are counted by the row count: take them out of `used`. */
async function checkCapacity(
  trx: Db,
  scope: Scope,
  limit: LimitName,
  adding: number,
  added: number,
): Promise<void> {
  if (adding <= 0) return;
  await transaction(trx, async (t) => {
    const account = await lockAccountRow(t, scope);
    if (!account) throw new Igny8Error('ACCOUNT_NOT_FOUND', `No account with id "${scope.accountId}"`);
    const plan = await findPlanRow(t, account.plan_id);
    if (!plan) throw new Igny8Error('PLAN_NOT_FOUND', `The account's plan "${account.plan_id}" is missing`);
    if (plan[COLUMN[limit]] >= UNLIMITED) return;
    const used = (await countAccountRows(t, scope, limit)) - added;
    if (!withinLimit(plan[COLUMN[limit]], used, adding))
      throw planLimitError(limit, plan, used, adding, await listPlanRows(t));
  });
}

/**
 * For the keyword importer, inside its transaction: PLAN_LIMIT_REACHED unless `adding` more
 * keywords fit the account's plan.
 * @example await transaction(db, async (trx) => { await assertKeywordCapacity(trx, scope, rows.length); … })
 */
export function assertKeywordCapacity(trx: Db, scope: Scope, adding: number): Promise<void> {
  return assertCapacity(trx, scope, 'keywords', adding);
}

/**
 * For the streaming keyword importer, which learns how many keywords it adds only by writing them:
 * PLAN_LIMIT_REACHED (the same error as before writing) unless the `added` keywords it has just
 * inserted in this transaction fit the plan. Throwing rolls them all back.
 */
export function assertKeywordsAddedFit(trx: Db, scope: Scope, added: number): Promise<void> {
  return checkCapacity(trx, scope, 'keywords', added, added);
}
