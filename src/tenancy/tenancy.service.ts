import type { CreditsService } from '../credits/index.js';
import { transaction, type Db } from '../db/index.js';
import { parseInput } from '../errors/index.js';
import { createAccountService } from './account.service.js';
import { createApiKeyService } from './api-key.service.js';
import { createInviteService } from './invite.service.js';
import { assertOwned, type OwnedRefs } from './assert-owned.js';
import { SIGNUP_PLAN_ID } from './default-plans.js';
import { createSectorService } from './sector.service.js';
import { createSiteService } from './site.service.js';
import { TimezoneSchema } from './tenancy.schema.js';
import type { Scope } from './scope.js';
import type { User } from './tenancy.types.js';
import { createUserService } from './user.service.js';

export interface RegisterOwnerInput {
  accountName: string;
  email: string;
  password: string;
  name?: string;
  timezone?: string;
  /** Default: the sign-up plan ("free"). */
  planId?: string;
}

/**
 * Tenancy as one service: plans, accounts, modules, users, API keys, sites and sectors. Every call
 * that reads tenant data takes a scope. It also satisfies auth's tenancy port (AuthTenancyPort).
 * @example const site = await core.tenancy.addSite({ accountId }, { name: 'My blog' })
 */
export function createTenancyService(db: Db, deps: TenancyDeps = {}) {
  const accounts = createAccountService(db);
  const users = createUserService(db);

  /**
   * The plan's included credits for a new account, through the ledger (idempotent by opId, so a
   * retry never grants twice). Without it a self-registered account could do nothing at all.
   */
  async function grantSignupCredits(accountId: string, planId: string): Promise<void> {
    if (!deps.credits) return;
    const plan = await accounts.getPlan(planId);
    if (plan.includedCredits <= 0) return;
    await deps.credits.renewPlan(
      { accountId },
      {
        opId: 'signup:plan-grant',
        amount: plan.includedCredits,
        description: `${plan.name} plan: included credits`,
      },
    );
  }

  return {
    ...accounts,

    /**
     * Change name, timezone or plan. A new plan sets the plan pool and allowance to its included
     * credits at once (a new period), so an upgrade is usable and a downgrade stops the old allowance.
     */
    async updateAccount(scope: Scope, patch: unknown) {
      const before = await accounts.getAccount(scope);
      const updated = await accounts.updateAccount(scope, patch);
      if (deps.credits && before && updated.planId !== before.planId) {
        const plan = await accounts.getPlan(updated.planId);
        await deps.credits.renewPlan(scope, {
          opId: `plan-change:${updated.planId}:${updated.updatedAt}`,
          amount: plan.includedCredits,
          description: `Plan changed to ${plan.name}: included credits`,
        });
      }
      return updated;
    },
    ...users,
    ...createApiKeyService(db),
    ...createSiteService(db),
    ...createSectorService(db),
    ...createInviteService(db),

    /** 404 (the kind's NOT_FOUND code) unless every id names an object of this account. */
    assertOwned: (scope: Scope, refs: OwnedRefs) => assertOwned(db, scope, refs),

    /**
     * Create an account and its owner in one transaction (EMAIL_TAKEN when the email is in use), then
     * grant the plan's included credits.
     */
    async registerOwner(input: RegisterOwnerInput): Promise<User> {
      const timezone = input.timezone ? parseInput(TimezoneSchema, input.timezone, 'timezone') : 'UTC';
      const owner = await transaction(db, async (trx) => {
        const t = { accounts: createAccountService(trx), users: createUserService(trx) };
        const account = await t.accounts.createAccount({
          name: input.accountName,
          timezone,
          planId: input.planId ?? SIGNUP_PLAN_ID,
        });
        return t.users.addUser(
          { accountId: account.id },
          { email: input.email, password: input.password, name: input.name ?? '', role: 'owner' },
        );
      });
      await grantSignupCredits(owner.accountId, input.planId ?? SIGNUP_PLAN_ID);
      return owner;
    },
  };
}

export interface TenancyDeps {
  /** The ledger, for the plan's included credits on sign-up and plan change (absent in unit tests). */
  credits?: Pick<CreditsService, 'renewPlan'>;
}

export type TenancyService = ReturnType<typeof createTenancyService>;
