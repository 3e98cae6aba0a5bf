import { transaction, type Db } from '../db/index.js';
import { Igny8Error, parseInput } from '../errors/index.js';
import { newId, nowIso } from '../util/ids.js';
import { parseJson, toJson } from '../util/json.js';
import {
  countAccountRows,
  findAccountRow,
  insertAccount,
  listAccountRows,
  lockAccountRow,
  updateAccountRow,
  type AccountRow,
} from './account.repository.js';
import { currentAccountRow } from './current-account-row.js';
import { SIGNUP_PLAN_ID } from './default-plans.js';
import { assertModuleEnabled, moduleStates, type ModuleName } from './modules.js';
import { requirePlanRow, seedPlans } from './plan-catalog.js';
import { listPlanRows } from './plan.repository.js';
import type { Scope } from './scope.js';
import { toAccount, toPlan } from './tenancy.mappers.js';
import { AccountCreateSchema, AccountUpdateSchema, ModulesChangeSchema } from './tenancy.schema.js';
import type { Account, AccountDetails, Plan } from './tenancy.types.js';

const notFound = (scope: Scope) =>
  new Igny8Error('ACCOUNT_NOT_FOUND', `No account with id "${scope.accountId}"`, {
    action: { id: 'list_accounts' },
  });

/** Accounts, their plan and their modules. */
export function createAccountService(db: Db) {
  async function requireRow(d: Db, scope: Scope): Promise<AccountRow> {
    const row = await findAccountRow(d, scope);
    if (!row) throw notFound(scope);
    return row;
  }

  async function setStatus(scope: Scope, status: Account['status']): Promise<Account> {
    return transaction(db, async (trx) => {
      if (!(await updateAccountRow(trx, scope, { status, updated_at: nowIso() }))) throw notFound(scope);
      return toAccount((await findAccountRow(trx, scope))!);
    });
  }

  return {
    /** The plans there are, smallest first (the defaults are seeded on first use). */
    async listPlans(): Promise<Plan[]> {
      await seedPlans(db);
      return (await listPlanRows(db)).map(toPlan);
    },

    async getPlan(id: string): Promise<Plan> {
      return toPlan(await requirePlanRow(db, id));
    },

    /** Create an account on a plan (default: the sign-up plan). */
    async createAccount(input: unknown): Promise<Account> {
      const req = parseInput(AccountCreateSchema, input, 'account');
      return transaction(db, async (trx) => {
        const plan = await requirePlanRow(trx, req.planId ?? SIGNUP_PLAN_ID);
        const now = nowIso();
        const id = newId();
        await insertAccount(trx, {
          id,
          name: req.name,
          plan_id: plan.id,
          timezone: req.timezone,
          status: 'active',
          modules: '{}',
          settings: '{}',
          created_at: now,
          updated_at: now,
        });
        return toAccount((await findAccountRow(trx, { accountId: id }))!);
      });
    },

    /** The account, or undefined when it does not exist. */
    async getAccount(scope: Scope): Promise<Account | undefined> {
      const row = await currentAccountRow(db, scope);
      return row ? toAccount(row) : undefined;
    },

    /** The account with its plan and how much of each limit it uses; ACCOUNT_NOT_FOUND otherwise. */
    async showAccount(scope: Scope): Promise<AccountDetails> {
      const row = await requireRow(db, scope);
      const plan = toPlan(await requirePlanRow(db, row.plan_id));
      const [sites, users, keywords] = await Promise.all(
        (['sites', 'users', 'keywords'] as const).map((t) => countAccountRows(db, scope, t)),
      );
      return {
        ...toAccount(row),
        plan,
        usage: {
          sites: { used: sites!, limit: plan.maxSites },
          users: { used: users!, limit: plan.maxUsers },
          keywords: { used: keywords!, limit: plan.maxKeywords },
        },
      };
    },

    /** Every account. Operator-only: the local CLI owns the whole database; no API route calls this. */
    async listAccounts(): Promise<Account[]> {
      return (await listAccountRows(db)).map(toAccount);
    },

    /** Change name, timezone or plan. A smaller plan is allowed; it only refuses further adds. */
    async updateAccount(scope: Scope, patch: unknown): Promise<Account> {
      const req = parseInput(AccountUpdateSchema, patch, 'account update');
      return transaction(db, async (trx) => {
        await requireRow(trx, scope);
        if (req.planId) await requirePlanRow(trx, req.planId);
        await updateAccountRow(trx, scope, {
          ...(req.name !== undefined ? { name: req.name } : {}),
          ...(req.timezone !== undefined ? { timezone: req.timezone } : {}),
          ...(req.planId !== undefined ? { plan_id: req.planId } : {}),
          updated_at: nowIso(),
        });
        return toAccount((await findAccountRow(trx, scope))!);
      });
    },

    suspendAccount: (scope: Scope) => setStatus(scope, 'suspended'),
    activateAccount: (scope: Scope) => setStatus(scope, 'active'),

    /** Enable and disable modules; returns every module's state. A module both enabled and disabled is refused. */
    async setModules(scope: Scope, change: unknown): Promise<Record<ModuleName, boolean>> {
      const req = parseInput(ModulesChangeSchema, change, 'modules');
      const both = req.enable.filter((m) => req.disable.includes(m));
      if (both.length > 0)
        throw new Igny8Error('VALIDATION_FAILED', `Module ${both.join(', ')} is both enabled and disabled`, {
          hint: 'Name each module once, with --enable or --disable.',
        });
      return transaction(db, async (trx) => {
        const row = await lockAccountRow(trx, scope);
        if (!row) throw notFound(scope);
        const stored = parseJson<Record<string, boolean>>(row.modules, {});
        for (const m of req.enable) delete stored[m]; // missing = enabled
        for (const m of req.disable) stored[m] = false;
        await updateAccountRow(trx, scope, { modules: toJson(stored), updated_at: nowIso() });
        return moduleStates(toJson(stored));
      });
    },

    /** MODULE_DISABLED unless the account has the module enabled. */
    assertModuleEnabled: (scope: Scope, module: string) => assertModuleEnabled(db, scope, module),
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
