import { afterEach, describe, expect, it } from 'vitest';
import { API_PREFIX } from '../../server/openapi.js';
import { ALL_ROUTES } from '../../server/routes/index.js';
import { DIALECTS } from '../helpers/test-db.js';
import { startHarness, type Harness } from './harness.js';
import { call } from './http.js';

describe.each(DIALECTS)('auth over HTTP on %s', (dialect) => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('registers, signs in, rotates refresh tokens and revokes the family on reuse', async () => {
    h = await startHarness(dialect);
    const reg = await call(h.base, 'post', '/auth/register', {
      body: { email: 'New@Example.com', password: 'long enough pw', accountName: 'Acme' },
    });
    expect(reg.status).toBe(201);
    expect(reg.json.data.user).toMatchObject({ email: 'new@example.com', role: 'owner' });
    expect(reg.json.data.tokenType).toBe('Bearer');
    const dup = await call(h.base, 'post', '/auth/register', {
      body: { email: 'new@example.com', password: 'long enough pw', accountName: 'Again' },
    });
    expect([dup.status, dup.json.code]).toEqual([409, 'EMAIL_TAKEN']);

    const login = await call(h.base, 'post', '/auth/login', {
      body: { email: 'new@example.com', password: 'long enough pw' },
    });
    expect(login.status).toBe(200);
    const me = await call(h.base, 'get', '/auth/me', { token: login.json.data.accessToken });
    expect(me.json.data).toMatchObject({ role: 'owner', via: 'jwt', account: { name: 'Acme' } });
    expect(me.text).not.toMatch(/password|hash/i);

    const r1 = await call(h.base, 'post', '/auth/refresh', {
      body: { refreshToken: login.json.data.refreshToken },
    });
    expect(r1.status).toBe(200);
    // Past the grace window for concurrent tabs, presenting the rotated token again is a reuse.
    await h.core.db
      .updateTable('refresh_tokens')
      .set({ rotated_at: '2000-01-01T00:00:00.000Z' })
      .where('rotated_at', 'is not', null)
      .execute();
    const reuse = await call(h.base, 'post', '/auth/refresh', {
      body: { refreshToken: login.json.data.refreshToken },
    });
    expect([reuse.status, reuse.json.code]).toEqual([401, 'TOKEN_INVALID']);
    const afterReuse = await call(h.base, 'get', '/auth/me', { token: r1.json.data.accessToken });
    expect(afterReuse.status).toBe(401);
    // The registration session is another family and still works; logout ends it.
    const out = await call(h.base, 'post', '/auth/logout', { token: reg.json.data.accessToken, body: {} });
    expect(out.json.data).toEqual({ revoked: 1 });
    expect((await call(h.base, 'get', '/auth/me', { token: reg.json.data.accessToken })).status).toBe(401);
    const wrong = await call(h.base, 'post', '/auth/login', {
      body: { email: 'new@example.com', password: 'nope nope' },
    });
    expect([wrong.status, wrong.json.code]).toEqual([401, 'INVALID_CREDENTIALS']);
  });

  it('limits login attempts per address (5 per minute) with rate-limit headers', async () => {
    h = await startHarness(dialect, { rateLimits: { auth_strict: 5 } });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await call(h.base, 'post', '/auth/login', {
        body: { email: 'x@example.com', password: 'guess' + i },
      });
      statuses.push(r.status);
      expect(r.headers.get('x-ratelimit-limit')).toBe('5');
      if (r.status === 429) expect(r.json.code).toBe('RATE_LIMITED');
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('sends the password reset code to the log only, and the code works once', async () => {
    h = await startHarness(dialect);
    const a = await h.makeTenant('a');
    const editor = a.users.editor;
    const unknown = await call(h.base, 'post', '/auth/password/reset', {
      body: { email: 'nobody@example.com' },
    });
    const known = await call(h.base, 'post', '/auth/password/reset', { body: { email: editor.email } });
    // Same answer either way: the response cannot be used to probe emails.
    expect(known.status).toBe(200);
    expect(known.json.data).toEqual(unknown.json.data);
    expect(known.json.message).toEqual(unknown.json.message);
    const line = h.logs.find((l) => l.includes(editor.email) && l.includes('code'))!;
    const code = /code (igp_\S+)/.exec(JSON.parse(line).message)![1]!;
    expect(known.text).not.toContain(code);
    const confirm = await call(h.base, 'post', '/auth/password/reset/confirm', {
      body: { token: code, newPassword: 'a brand new password' },
    });
    expect(confirm.status).toBe(200);
    const again = await call(h.base, 'post', '/auth/password/reset/confirm', {
      body: { token: code, newPassword: 'another new password' },
    });
    expect([again.status, again.json.code]).toEqual([401, 'TOKEN_INVALID']);
    const oldPw = await call(h.base, 'post', '/auth/login', {
      body: { email: editor.email, password: editor.password },
    });
    expect(oldPw.status).toBe(401);
    const newPw = await call(h.base, 'post', '/auth/login', {
      body: { email: editor.email, password: 'a brand new password' },
    });
    expect(newPw.status).toBe(200);
  });

  it('changes a password and keeps the current session only', async () => {
    h = await startHarness(dialect);
    const a = await h.makeTenant('a');
    const here = await h.token(a.users.viewer, a.accountId);
    const there = await h.token(a.users.viewer, a.accountId);
    const bad = await call(h.base, 'post', '/auth/password/change', {
      token: here,
      body: { currentPassword: 'wrong one', newPassword: 'viewer new password' },
    });
    expect([bad.status, bad.json.code, Object.keys(bad.json.errors ?? {})]).toEqual([
      401,
      'INVALID_CREDENTIALS',
      ['currentPassword'],
    ]);
    const ok = await call(h.base, 'post', '/auth/password/change', {
      token: here,
      body: { currentPassword: a.users.viewer.password, newPassword: 'viewer new password' },
    });
    expect(ok.status).toBe(200);
    expect((await call(h.base, 'get', '/auth/me', { token: here })).status).toBe(200);
    expect((await call(h.base, 'get', '/auth/me', { token: there })).status).toBe(401);
  });

  it('authenticates API keys, shows the secret once, and refuses a revoked key', async () => {
    h = await startHarness(dialect);
    const a = await h.makeTenant('a');
    const admin = await h.token(a.users.admin, a.accountId);
    const created = await call(h.base, 'post', '/api-keys', {
      token: admin,
      body: { name: 'ci', role: 'viewer' },
    });
    expect(created.status).toBe(201);
    const key: string = created.json.data.key;
    const list = await call(h.base, 'get', '/api-keys', { token: admin });
    expect(list.json.data.count).toBe(2);
    expect(list.text).not.toContain(key);
    const me = await call(h.base, 'get', '/auth/me', { apiKey: key });
    expect(me.json.data).toMatchObject({
      via: 'apikey',
      role: 'viewer',
      apiKeyId: created.json.data.apiKey.id,
      // The key belongs to the admin who made it (issue 13), at its own, lower role.
      user: { id: a.users.admin.id },
    });
    const write = await call(h.base, 'post', '/sites', { apiKey: key, body: { name: 'x' } });
    expect([write.status, write.json.code]).toEqual([403, 'FORBIDDEN']);
    await call(h.base, 'delete', `/api-keys/${created.json.data.apiKey.id}`, { token: admin });
    const revoked = await call(h.base, 'get', '/auth/me', { apiKey: key });
    expect([revoked.status, revoked.json.code]).toEqual([401, 'INVALID_CREDENTIALS']);
  });

  it('serves the OpenAPI document with every route, and the envelope rules hold on the real app', async () => {
    h = await startHarness(dialect);
    const doc = await call(h.base, 'get', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.json.openapi).toBe('3.1.0');
    for (const r of ALL_ROUTES) {
      const p = `${API_PREFIX}${r.path.replace(/:(\w+)/g, '{$1}')}`;
      expect(doc.json.paths[p]?.[r.method], `${r.method} ${p}`).toBeDefined();
    }
    const health = await call(h.base, 'get', '/health', { headers: { 'x-request-id': 'req-1' } });
    expect(health.json).toEqual({
      success: true,
      data: { status: 'ok', version: expect.any(String), database: dialect },
      request_id: 'req-1',
    });
    const malformed = await call(h.base, 'post', '/auth/login', { rawBody: '{"email":' });
    expect([malformed.status, malformed.json.code]).toEqual([400, 'MALFORMED_BODY']);
    const big = await call(h.base, 'post', '/auth/login', {
      rawBody: JSON.stringify({ email: 'x'.repeat(300_000) }),
    });
    expect([big.status, big.json.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const invalid = await call(h.base, 'post', '/auth/register', {
      body: { email: 'not-an-email', password: 'short' },
    });
    expect(invalid.status).toBe(400);
    expect(Object.keys(invalid.json.errors).sort()).toEqual(['accountName', 'email', 'password']);
  });
});
