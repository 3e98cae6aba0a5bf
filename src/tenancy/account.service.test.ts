import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDb } from '../db/index.js';
import type { AuthTenancyPort } from '../auth/auth.types.js';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { DEFAULT_PLANS } from './default-plans.js';
import { assertModuleEnabled } from './modules.js';
import { createTenancyService } from './tenancy.service.js';

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  }
}

describe.each(DIALECTS)('accounts, plans and modules on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  async function setup() {
    t = await createTestDb(dialect);
    return createTenancyService(t.db);
  }

  it('seeds the default plans on first use and puts new accounts on the sign-up plan', async () => {
    const tenancy = await setup();
    expect(await t.db.selectFrom('plans').selectAll().execute()).toHaveLength(0);
    const account = await tenancy.createAccount({ name: '  Acme  ' });
    expect(account).toMatchObject({ name: 'Acme', planId: 'free', timezone: 'UTC', status: 'active' });
    const plans = await tenancy.listPlans();
    expect(plans.map((p) => p.id).sort()).toEqual(DEFAULT_PLANS.map((p) => p.id).sort());
    expect(plans.find((p) => p.id === 'free')).toEqual({
      id: 'free',
      name: 'Free',
      includedCredits: 100,
      maxSites: 1,
      maxUsers: 2,
      maxKeywords: 1000,
    });
    expect(plans.find((p) => p.id === 'unlimited')?.maxSites).toBeNull();
  });

  it('keeps edited plan rows when seeding again', async () => {
    const tenancy = await setup();
    await tenancy.listPlans();
    await t.db.updateTable('plans').set({ max_sites: 7 }).where('id', '=', 'free').execute();
    const free = (await tenancy.listPlans()).find((p) => p.id === 'free');
    expect(free?.maxSites).toBe(7);
  });

  it('updates name, timezone and plan, and names what is wrong', async () => {
    const tenancy = await setup();
    const { id } = await tenancy.createAccount({ name: 'Acme' });
    const scope = { accountId: id };
    const updated = await tenancy.updateAccount(scope, {
      name: 'Acme Ltd',
      timezone: 'Europe/Berlin',
      planId: 'pro',
    });
    expect(updated).toMatchObject({ name: 'Acme Ltd', timezone: 'Europe/Berlin', planId: 'pro' });
    expect(await codeOf(tenancy.updateAccount(scope, { timezone: 'Mars/Olympus' }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(await codeOf(tenancy.updateAccount(scope, { planId: 'platinum' }))).toBe('PLAN_NOT_FOUND');
    expect(await codeOf(tenancy.updateAccount(scope, {}))).toBe('VALIDATION_FAILED');
    expect(await codeOf(tenancy.updateAccount({ accountId: 'nope' }, { name: 'x' }))).toBe(
      'ACCOUNT_NOT_FOUND',
    );
    expect((await tenancy.getAccount(scope))?.planId).toBe('pro');
  });

  it('suspends and activates', async () => {
    const tenancy = await setup();
    const { id } = await tenancy.createAccount({ name: 'Acme' });
    expect((await tenancy.suspendAccount({ accountId: id })).status).toBe('suspended');
    expect((await tenancy.getAccount({ accountId: id }))?.status).toBe('suspended');
    expect((await tenancy.activateAccount({ accountId: id })).status).toBe('active');
  });

  it('enables and disables modules per account; missing means enabled', async () => {
    const tenancy = await setup();
    const a = { accountId: (await tenancy.createAccount({ name: 'A' })).id };
    const b = { accountId: (await tenancy.createAccount({ name: 'B' })).id };
    expect(Object.values((await tenancy.getAccount(a))!.modules).every(Boolean)).toBe(true);
    await tenancy.assertModuleEnabled(a, 'writer');

    const states = await tenancy.setModules(a, { disable: ['writer', 'linker'] });
    expect(states).toMatchObject({ writer: false, linker: false, planner: true });
    const err = await tenancy.assertModuleEnabled(a, 'writer').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'MODULE_DISABLED' });
    expect((err as { hint: string }).hint).toContain('igny8 account modules --enable writer');
    expect(await codeOf(assertModuleEnabled(t.db, b, 'writer'))).toBe('ok');

    expect((await tenancy.setModules(a, { enable: ['writer'] })).writer).toBe(true);
    expect(await codeOf(assertModuleEnabled(t.db, a, 'writer'))).toBe('ok');
    expect(await codeOf(assertModuleEnabled(t.db, a, 'linker'))).toBe('MODULE_DISABLED');
    expect(await codeOf(tenancy.setModules(a, { enable: ['blog'] }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(tenancy.setModules(a, { enable: ['images'], disable: ['images'] }))).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('shows usage against the plan limits', async () => {
    const tenancy = await setup();
    const scope = { accountId: (await tenancy.createAccount({ name: 'A', planId: 'starter' })).id };
    await tenancy.addSite(scope, { name: 'One' });
    await tenancy.addSite(scope, { name: 'Two' });
    await tenancy.addUser(scope, { email: 'a@example.com', role: 'owner' });
    const shown = await tenancy.showAccount(scope);
    expect(shown.plan.id).toBe('starter');
    expect(shown.usage).toEqual({
      sites: { used: 2, limit: 3 },
      users: { used: 1, limit: 5 },
      keywords: { used: 0, limit: 10_000 },
    });
  });

  it('registers an owner with the account in one step and serves as auth’s tenancy port', async () => {
    const tenancy = await setup();
    const port: AuthTenancyPort = tenancy;
    const owner = await port.registerOwner({
      accountName: 'Acme',
      email: 'Boss@Example.com',
      password: 'long enough pw',
    });
    expect(owner).toMatchObject({ email: 'boss@example.com', role: 'owner', status: 'active' });
    const found = await port.findUserByEmail('boss@example.com');
    expect(await port.verifyPassword(found!.passwordHash!, 'long enough pw')).toBe(true);
    expect((await port.getAccount({ accountId: owner.accountId }))?.status).toBe('active');
    expect(
      await codeOf(
        port.registerOwner({ accountName: 'Other', email: 'boss@example.com', password: 'long enough pw' }),
      ),
    ).toBe('EMAIL_TAKEN');
    // The failed registration left no account behind.
    expect(await tenancy.listAccounts()).toHaveLength(1);
  });

  it('a remembered account follows suspension, module changes and other processes on the next read', async () => {
    const tenancy = await setup();
    const scope = { accountId: (await tenancy.createAccount({ name: 'Acme' })).id };
    expect((await tenancy.getAccount(scope))?.status).toBe('active');
    await assertModuleEnabled(t.db, scope, 'writer');
    const spy = vi.spyOn(t.db, 'selectFrom');
    expect((await tenancy.getAccount(scope))?.status).toBe('active');
    await assertModuleEnabled(t.db, scope, 'writer');
    // SQLite answers both from memory; PostgreSQL reads every time.
    if (dialect === 'sqlite') expect(spy).not.toHaveBeenCalled();
    else expect(spy).toHaveBeenCalledTimes(2);
    spy.mockRestore();

    await tenancy.suspendAccount(scope);
    expect((await tenancy.getAccount(scope))?.status).toBe('suspended');
    await tenancy.activateAccount(scope);
    expect((await tenancy.getAccount(scope))?.status).toBe('active');
    await tenancy.setModules(scope, { disable: ['writer'] });
    expect(await codeOf(assertModuleEnabled(t.db, scope, 'writer'))).toBe('MODULE_DISABLED');
    await tenancy.setModules(scope, { enable: ['writer'] });
    expect(await codeOf(assertModuleEnabled(t.db, scope, 'writer'))).toBe('ok');
    expect(await codeOf(assertModuleEnabled(t.db, scope, 'writer'))).toBe('ok');

    // Another process (the CLI) suspends the account and disables a module.
    const other = await createDb(t.url);
    try {
      await createTenancyService(other.db).suspendAccount(scope);
      await createTenancyService(other.db).setModules(scope, { disable: ['writer'] });
    } finally {
      await other.close();
    }
    expect((await tenancy.getAccount(scope))?.status).toBe('suspended');
    expect(await codeOf(assertModuleEnabled(t.db, scope, 'writer'))).toBe('MODULE_DISABLED');
    expect(await tenancy.getAccount({ accountId: 'ghost' })).toBeUndefined();
  });
});
