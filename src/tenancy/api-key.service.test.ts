import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { createDb } from '../db/index.js';
import { authenticateApiKey, LAST_USED_RESOLUTION_MS } from './authenticate-api-key.js';
import { createTenancyService } from './tenancy.service.js';

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  }
}

describe.each(DIALECTS)('API keys on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  async function setup() {
    t = await createTestDb(dialect);
    const tenancy = createTenancyService(t.db);
    const scope = { accountId: (await tenancy.createAccount({ name: 'Acme', planId: 'pro' })).id };
    return { tenancy, scope };
  }

  it('shows the key once and stores only its SHA-256', async () => {
    const { tenancy, scope } = await setup();
    const created = await tenancy.createApiKey(scope, { name: 'ci' });
    expect(created.key).toMatch(/^igny8_[0-9a-f]{8}_[0-9a-f]{48}$/);
    expect(created.key.startsWith(`${created.apiKey.prefix}_`)).toBe(true);
    expect(created.apiKey).toMatchObject({ name: 'ci', role: 'editor', status: 'active', lastUsedAt: null });
    const rows = await t.db.selectFrom('api_keys').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.hash).toBe(createHash('sha256').update(created.key).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(created.key.split('_')[2]);
    const listed = await tenancy.listApiKeys(scope);
    expect(JSON.stringify(listed)).not.toContain(created.key.split('_')[2]);
    expect(listed.map((k) => k.prefix)).toEqual([created.apiKey.prefix]);
  });

  it('authenticates to the key’s actor, records last use, and stops after revoke', async () => {
    const { tenancy, scope } = await setup();
    const { key, apiKey } = await tenancy.createApiKey(scope, { name: 'ci', role: 'admin' });
    expect(await authenticateApiKey(t.db, key)).toEqual({
      accountId: scope.accountId,
      userId: null,
      apiKeyId: apiKey.id,
      role: 'admin',
    });
    expect((await tenancy.listApiKeys(scope))[0]!.lastUsedAt).not.toBeNull();
    expect(await authenticateApiKey(t.db, `${key.slice(0, -1)}${key.endsWith('0') ? '1' : '0'}`)).toBeNull();
    expect(await authenticateApiKey(t.db, 'igny8_nothing')).toBeNull();

    const revoked = await tenancy.revokeApiKey(scope, apiKey.prefix);
    expect(revoked.status).toBe('revoked');
    expect(revoked.revokedAt).not.toBeNull();
    expect(await authenticateApiKey(t.db, key)).toBeNull();
    expect(await codeOf(tenancy.authenticateApiKey(key))).toBe('INVALID_CREDENTIALS');
  });

  it('records last use at most once a minute (no write per request)', async () => {
    const { tenancy, scope } = await setup();
    const { key, apiKey } = await tenancy.createApiKey(scope, { name: 'ci' });
    const lastUsed = async () =>
      (
        await t.db
          .selectFrom('api_keys')
          .select('last_used_at')
          .where('id', '=', apiKey.id)
          .executeTakeFirstOrThrow()
      ).last_used_at;
    await authenticateApiKey(t.db, key);
    const first = await lastUsed();
    expect(first).not.toBeNull();
    // A recent stamp is left alone…
    const recent = new Date(Date.now() - LAST_USED_RESOLUTION_MS / 2).toISOString();
    await t.db.updateTable('api_keys').set({ last_used_at: recent }).where('id', '=', apiKey.id).execute();
    expect(await authenticateApiKey(t.db, key)).not.toBeNull();
    expect(await lastUsed()).toBe(recent);
    // …a stale one is renewed.
    const stale = new Date(Date.now() - LAST_USED_RESOLUTION_MS - 1000).toISOString();
    await t.db.updateTable('api_keys').set({ last_used_at: stale }).where('id', '=', apiKey.id).execute();
    await authenticateApiKey(t.db, key);
    expect(Date.parse((await lastUsed())!)).toBeGreaterThan(Date.parse(stale) + LAST_USED_RESOLUTION_MS);
  });

  it('follows its user: disabled user, no access; demoted user, capped role; removed user, revoked', async () => {
    const { tenancy, scope } = await setup();
    await tenancy.addUser(scope, { email: 'owner@example.com', role: 'owner' });
    const ann = await tenancy.addUser(scope, { email: 'ann@example.com', role: 'admin' });
    const { key } = await tenancy.createApiKey(scope, { name: 'ann', role: 'admin', userId: ann.id });
    expect((await authenticateApiKey(t.db, key))?.role).toBe('admin');
    await tenancy.setRole(scope, ann.id, 'viewer');
    expect(await authenticateApiKey(t.db, key)).toMatchObject({ role: 'viewer', userId: ann.id });
    await tenancy.disableUser(scope, ann.id);
    expect(await authenticateApiKey(t.db, key)).toBeNull();
    await tenancy.enableUser(scope, ann.id);
    await tenancy.removeUser(scope, ann.id);
    expect(await authenticateApiKey(t.db, key)).toBeNull();
    expect((await tenancy.listApiKeys(scope))[0]!.status).toBe('revoked');
  });

  it('keeps keys to their account and refuses roles above the creator’s', async () => {
    const { tenancy, scope } = await setup();
    const { apiKey } = await tenancy.createApiKey(scope, { name: 'ci' });
    const other = { accountId: (await tenancy.createAccount({ name: 'Other' })).id };
    expect(await codeOf(tenancy.revokeApiKey(other, apiKey.id))).toBe('API_KEY_NOT_FOUND');
    expect(await tenancy.listApiKeys(other)).toEqual([]);
    expect(
      await codeOf(tenancy.createApiKey(scope, { name: 'x', role: 'owner' }, { by: { role: 'admin' } })),
    ).toBe('FORBIDDEN');
    expect(await codeOf(tenancy.createApiKey(scope, { name: 'x' }, { by: { role: 'editor' } }))).toBe(
      'FORBIDDEN',
    );
    expect(await codeOf(tenancy.createApiKey(scope, { name: 'x', userId: 'ghost' }))).toBe('USER_NOT_FOUND');
  });

  it('a remembered key is refused on the next request after revoke, a user change or another process’s revoke', async () => {
    const { tenancy, scope } = await setup();
    const ann = await tenancy.addUser(scope, { email: 'ann@example.com', role: 'admin' });
    const { key, apiKey } = await tenancy.createApiKey(scope, { name: 'ann', role: 'admin', userId: ann.id });
    const actor = { accountId: scope.accountId, userId: ann.id, apiKeyId: apiKey.id, role: 'admin' };
    expect(await authenticateApiKey(t.db, key)).toEqual(actor); // records last use
    expect(await authenticateApiKey(t.db, key)).toEqual(actor); // remembered (SQLite)
    const spy = vi.spyOn(t.db, 'selectFrom');
    expect(await authenticateApiKey(t.db, key)).toEqual(actor);
    // SQLite answers from memory; PostgreSQL reads every time.
    if (dialect === 'sqlite') expect(spy).not.toHaveBeenCalled();
    else expect(spy).toHaveBeenCalled();
    spy.mockRestore();

    await tenancy.setRole(scope, ann.id, 'viewer');
    expect(await authenticateApiKey(t.db, key)).toEqual({ ...actor, role: 'viewer' });
    expect(await authenticateApiKey(t.db, key)).toEqual({ ...actor, role: 'viewer' });
    // The user's status alone (disableUser also revokes the user's keys).
    const status = (s: 'active' | 'disabled') =>
      t.db.updateTable('users').set({ status: s }).where('id', '=', ann.id).execute();
    await status('disabled');
    expect(await authenticateApiKey(t.db, key)).toBeNull();
    await status('active');
    expect(await authenticateApiKey(t.db, key)).toEqual({ ...actor, role: 'viewer' });
    expect(await authenticateApiKey(t.db, key)).toEqual({ ...actor, role: 'viewer' });
    await tenancy.revokeApiKey(scope, apiKey.prefix);
    expect(await authenticateApiKey(t.db, key)).toBeNull();

    // Another process (the CLI) revokes a key this server has remembered.
    const second = await tenancy.createApiKey(scope, { name: 'ci', role: 'editor' });
    expect((await authenticateApiKey(t.db, second.key))?.role).toBe('editor');
    expect((await authenticateApiKey(t.db, second.key))?.role).toBe('editor');
    const other = await createDb(t.url);
    try {
      await createTenancyService(other.db).revokeApiKey(scope, second.apiKey.prefix);
    } finally {
      await other.close();
    }
    expect(await authenticateApiKey(t.db, second.key)).toBeNull();
  });
});
