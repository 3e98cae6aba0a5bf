import { transaction, type Db } from '../db/index.js';
import { parseInput } from '../errors/index.js';
import { createAccountService } from './account.service.js';
import { createApiKeyService } from './api-key.service.js';
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
export function createTenancyService(db: Db) {
  const accounts = createAccountService(db);
  const users = createUserService(db);
  return {
    ...accounts,
    ...users,
    ...createApiKeyService(db),
    ...createSiteService(db),
    ...createSectorService(db),

    /** 404 (the kind's NOT_FOUND code) unless every id names an object of this account. */
    assertOwned: (scope: Scope, refs: OwnedRefs) => assertOwned(db, scope, refs),

    /** Create an account and its owner in one transaction (EMAIL_TAKEN when the email is in use). */
    async registerOwner(input: RegisterOwnerInput): Promise<User> {
      const timezone = input.timezone ? parseInput(TimezoneSchema, input.timezone, 'timezone') : 'UTC';
      return transaction(db, async (trx) => {
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
    },
  };
}

export type TenancyService = ReturnType<typeof createTenancyService>;
