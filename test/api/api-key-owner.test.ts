import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { startHarness, type Harness, type Tenant } from './harness.js';
import { call } from './http.js';

describe.each(DIALECTS)('API keys belong to the user who made them on %s', (dialect) => {
  let h: Harness;
  let a: Tenant;
  let owner: string;
  beforeAll(async () => {
    h = await startHarness(dialect);
    a = await h.makeTenant('a');
    owner = await h.token(a.users.owner, a.accountId);
  });
  afterAll(async () => h?.close());

  async function newAdmin(name: string): Promise<{ id: string; token: string }> {
    const res = await call(h.base, 'post', '/users', {
      token: owner,
      body: { email: `${name}@example.com`, role: 'admin', password: 'a long enough password' },
    });
    const id = res.json.data.id as string;
    return {
      id,
      token: await h.token({ id, email: `${name}@example.com`, role: 'admin', password: '' }, a.accountId),
    };
  }

  it('never above the maker, never bound to someone else; the list names the maker', async () => {
    const admin = await newAdmin('keymaker');
    const asOwner = await call(h.base, 'post', '/api-keys', {
      token: admin.token,
      body: { name: 'x', role: 'owner' },
    });
    expect(asOwner.status).toBe(403);
    const bound = await call(h.base, 'post', '/api-keys', {
      token: admin.token,
      body: { name: 'for the boss', role: 'editor', userId: a.users.owner.id },
    });
    expect([bound.status, bound.json.code]).toEqual([403, 'FORBIDDEN']);
    const made = await call(h.base, 'post', '/api-keys', {
      token: admin.token,
      body: { name: 'ci', role: 'admin' },
    });
    expect(made.status).toBe(201);
    const list = await call(h.base, 'get', '/api-keys', { token: owner });
    const row = list.json.data.results.find((k: { id: string }) => k.id === made.json.data.apiKey.id);
    expect(row.createdBy).toMatchObject({ id: admin.id, email: 'keymaker@example.com' });
    expect(row.userId).toBe(admin.id);
  });

  it("a key follows its maker's role down and dies when the maker is disabled or removed", async () => {
    const admin = await newAdmin('leaver');
    const key = (
      await call(h.base, 'post', '/api-keys', { token: admin.token, body: { name: 'k', role: 'admin' } })
    ).json.data.key as string;
    expect((await call(h.base, 'get', '/users', { apiKey: key })).status).toBe(200);
    // Demoted to viewer: the admin key can no longer write.
    await call(h.base, 'put', `/users/${admin.id}/role`, { token: owner, body: { role: 'viewer' } });
    const write = await call(h.base, 'post', '/sites', { apiKey: key, body: { name: 'Nope' } });
    expect(write.status).toBe(403);
    // Removed: the key is dead, even though the user row (and its foreign key) is gone.
    const removed = await call(h.base, 'delete', `/users/${admin.id}`, { token: owner });
    expect(removed.status).toBe(200);
    const after = await call(h.base, 'get', '/sites', { apiKey: key });
    expect(after.status).toBe(401);

    const other = await newAdmin('sleeper');
    const key2 = (
      await call(h.base, 'post', '/api-keys', { token: other.token, body: { name: 'k2', role: 'editor' } })
    ).json.data.key as string;
    await h.core.tenancy.disableUser({ accountId: a.accountId }, other.id);
    expect((await call(h.base, 'get', '/sites', { apiKey: key2 })).status).toBe(401);
    await h.core.tenancy.enableUser({ accountId: a.accountId }, other.id);
    // Disabling killed it for good: re-enabling the person does not revive the key.
    expect((await call(h.base, 'get', '/sites', { apiKey: key2 })).status).toBe(401);
  });
});
