import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/index.js';
import { startHarness, type Harness, type Tenant } from '../../test/api/harness.js';
import { call } from '../../test/api/http.js';

// Limits are counted per person and per key, never shared by a whole account (issue 13).
describe('rate limits per user and per key', () => {
  let h: Harness;
  let a: Tenant;
  beforeAll(async () => {
    h = await startHarness('sqlite', {
      rateLimits: { content_read: 5, auth_strict: 100, signInPerAccount: 3 },
    });
    a = await h.makeTenant('a');
  });
  afterAll(async () => h?.close());

  it("one API key's traffic never throttles the owner, nor one user another", async () => {
    for (let i = 0; i < 5; i++)
      expect((await call(h.base, 'get', '/sites', { apiKey: a.apiKey })).status).toBe(200);
    expect((await call(h.base, 'get', '/sites', { apiKey: a.apiKey })).status).toBe(429);
    const owner = await h.token(a.users.owner, a.accountId);
    const editor = await h.token(a.users.editor, a.accountId);
    for (let i = 0; i < 5; i++)
      expect((await call(h.base, 'get', '/sites', { token: owner })).status).toBe(200);
    const limited = await call(h.base, 'get', '/sites', { token: owner });
    expect([limited.status, limited.json.code]).toEqual([429, 'RATE_LIMITED']);
    expect((await call(h.base, 'get', '/sites', { token: editor })).status).toBe(200);
  });

  it('sign-in is throttled per account (email) as well as per address', async () => {
    const email = a.users.viewer.email.toUpperCase();
    for (let i = 0; i < 3; i++) {
      const res = await call(h.base, 'post', '/auth/login', { body: { email, password: 'wrong password' } });
      expect(res.status).toBe(401);
    }
    const blocked = await call(h.base, 'post', '/auth/login', {
      body: { email: a.users.viewer.email, password: a.users.viewer.password },
    });
    expect([blocked.status, blocked.json.code]).toEqual([429, 'RATE_LIMITED']);
    // Another account's sign-in from the same address is not held up by it.
    const other = await call(h.base, 'post', '/auth/login', {
      body: { email: a.users.admin.email, password: a.users.admin.password },
    });
    expect(other.status).toBe(200);
  });

  it('the config carries every limit with a default, and a JSON body 5,000 deep is a 400', async () => {
    const limits = parseConfig({}).server.rateLimits;
    expect(Object.keys(limits).sort()).toEqual(
      [
        'ai',
        'auth',
        'auth_strict',
        'billing',
        'content_read',
        'content_write',
        'image',
        'planner',
        'signInPerAccount',
      ].sort(),
    );
    expect(parseConfig({}).server.registration).toBe('invite');
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const res = await call(h.base, 'post', '/auth/login', { rawBody: deep });
    expect([res.status, res.json.code]).toEqual([400, 'REQUEST_TOO_DEEP']);
    // A string full of brackets is not nesting.
    const fine = await call(h.base, 'post', '/auth/login', {
      body: { email: 'x@example.com', password: '['.repeat(200) },
    });
    expect(fine.status).toBe(401);
  });
});
