import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { createTenancyService } from './tenancy.service.js';

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  }
}

describe.each(DIALECTS)('users on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  async function setup(planId = 'pro') {
    t = await createTestDb(dialect);
    const tenancy = createTenancyService(t.db);
    const scope = { accountId: (await tenancy.createAccount({ name: 'Acme', planId })).id };
    return { tenancy, scope };
  }

  it('stores an Argon2id hash (m=19456, t=2, p=1) that verifies only the right password', async () => {
    const { tenancy, scope } = await setup();
    const user = await tenancy.addUser(scope, {
      email: 'Ann@Example.com',
      password: 'correct horse',
      role: 'owner',
    });
    expect(user).toMatchObject({
      email: 'ann@example.com',
      role: 'owner',
      status: 'active',
      hasPassword: true,
    });
    const row = await t.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', user.id)
      .executeTakeFirst();
    expect(row?.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row?.password_hash).not.toContain('correct horse');
    const found = await tenancy.findUserByEmail('ANN@example.com');
    expect(await tenancy.verifyPassword(found!.passwordHash!, 'correct horse')).toBe(true);
    expect(await tenancy.verifyPassword(found!.passwordHash!, 'wrong horse')).toBe(false);
    expect(await tenancy.verifyPassword('not-a-hash', 'correct horse')).toBe(false);
  });

  it('keeps emails unique across accounts and validates input', async () => {
    const { tenancy, scope } = await setup();
    await tenancy.addUser(scope, { email: 'ann@example.com' });
    const other = { accountId: (await tenancy.createAccount({ name: 'Other', planId: 'pro' })).id };
    expect(await codeOf(tenancy.addUser(other, { email: 'ANN@example.com' }))).toBe('EMAIL_TAKEN');
    expect(await codeOf(tenancy.addUser(scope, { email: 'not an email' }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(tenancy.addUser(scope, { email: 'b@example.com', role: 'boss' }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(await codeOf(tenancy.addUser(scope, { email: 'b@example.com', password: 'short' }))).toBe(
      'VALIDATION_FAILED',
    );
    expect((await tenancy.listUsers(scope)).map((u) => u.email)).toEqual(['ann@example.com']);
  });

  it('enforces the plan’s user limit with a hint to a larger plan', async () => {
    const { tenancy, scope } = await setup('free');
    await tenancy.addUser(scope, { email: 'a@example.com', role: 'owner' });
    await tenancy.addUser(scope, { email: 'b@example.com' });
    const err = await tenancy.addUser(scope, { email: 'c@example.com' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'PLAN_LIMIT_REACHED', details: { limit: 'users', max: 2, used: 2 } });
    expect((err as Error).message).toContain('Free plan allows 2 users');
    expect((err as { hint: string }).hint).toContain('igny8 account update --plan starter');
  });

  it('never removes, demotes or disables the last active owner', async () => {
    const { tenancy, scope } = await setup();
    const owner = await tenancy.addUser(scope, { email: 'owner@example.com', role: 'owner' });
    const ed = await tenancy.addUser(scope, { email: 'ed@example.com', role: 'editor' });
    expect(await codeOf(tenancy.removeUser(scope, owner.id))).toBe('LAST_OWNER');
    expect(await codeOf(tenancy.setRole(scope, 'owner@example.com', 'admin'))).toBe('LAST_OWNER');
    expect(await codeOf(tenancy.disableUser(scope, owner.id))).toBe('LAST_OWNER');

    // A second owner makes the first removable — but a disabled second owner does not count.
    await tenancy.setRole(scope, ed.id, 'owner');
    await tenancy.disableUser(scope, ed.id);
    expect(await codeOf(tenancy.removeUser(scope, owner.id))).toBe('LAST_OWNER');
    await tenancy.enableUser(scope, ed.id);
    expect((await tenancy.setRole(scope, owner.id, 'viewer')).role).toBe('viewer');
    expect(await codeOf(tenancy.removeUser(scope, ed.id))).toBe('LAST_OWNER');
    await tenancy.removeUser(scope, owner.id);
    expect((await tenancy.listUsers(scope)).map((u) => [u.email, u.role])).toEqual([
      ['ed@example.com', 'owner'],
    ]);
  });

  it('checks who asks: editors manage no one, admins manage but cannot touch ownership', async () => {
    const { tenancy, scope } = await setup();
    const owner = await tenancy.addUser(scope, { email: 'owner@example.com', role: 'owner' });
    const viewer = await tenancy.addUser(scope, { email: 'v@example.com', role: 'viewer' });
    const admin = { by: { role: 'admin' as const } };
    const editor = { by: { role: 'editor' as const } };
    expect(await codeOf(tenancy.addUser(scope, { email: 'x@example.com' }, editor))).toBe('FORBIDDEN');
    expect(await codeOf(tenancy.setRole(scope, viewer.id, 'editor', editor))).toBe('FORBIDDEN');
    expect((await tenancy.setRole(scope, viewer.id, 'editor', admin)).role).toBe('editor');
    expect(await codeOf(tenancy.setRole(scope, viewer.id, 'owner', admin))).toBe('FORBIDDEN');
    expect(await codeOf(tenancy.disableUser(scope, owner.id, admin))).toBe('FORBIDDEN');
    expect(await codeOf(tenancy.setPassword(scope, owner.id, 'new password!', admin))).toBe('FORBIDDEN');
    expect((await tenancy.setRole(scope, viewer.id, 'owner', { by: { role: 'owner' } })).role).toBe('owner');
  });

  it('disables, enables and sets passwords; unknown users are USER_NOT_FOUND', async () => {
    const { tenancy, scope } = await setup();
    await tenancy.addUser(scope, { email: 'owner@example.com', role: 'owner' });
    const ed = await tenancy.addUser(scope, { email: 'ed@example.com' });
    expect(ed.hasPassword).toBe(false);
    expect((await tenancy.disableUser(scope, 'ed@example.com')).status).toBe('disabled');
    expect((await tenancy.enableUser(scope, ed.id)).status).toBe('active');
    expect((await tenancy.setPassword(scope, ed.id, 'a fresh password')).hasPassword).toBe(true);
    const found = await tenancy.findUserByEmail('ed@example.com');
    expect(await tenancy.verifyPassword(found!.passwordHash!, 'a fresh password')).toBe(true);
    expect(await codeOf(tenancy.findUser(scope, 'nobody@example.com'))).toBe('USER_NOT_FOUND');
    const other = { accountId: (await tenancy.createAccount({ name: 'Other' })).id };
    expect(await codeOf(tenancy.disableUser(other, ed.id))).toBe('USER_NOT_FOUND');
    expect(await tenancy.getUser(other, ed.id)).toBeUndefined();
  });
});
