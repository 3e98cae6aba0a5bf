import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { startHarness, type Harness, type Tenant } from './harness.js';
import { call } from './http.js';

const COOKIE_MODE = { 'x-igny8-session': 'cookie' };

/** The igny8_refresh cookie a response sets: its value and attributes. */
function refreshCookie(headers: Headers): { value: string; attrs: string } | null {
  const line = headers.getSetCookie().find((c) => c.startsWith('igny8_refresh='));
  if (!line) return null;
  const [pair, ...attrs] = line.split(';');
  return { value: decodeURIComponent(pair!.slice('igny8_refresh='.length)), attrs: attrs.join(';').trim() };
}

describe.each(DIALECTS)('refresh token in an httpOnly cookie on %s', (dialect) => {
  let h: Harness;
  let a: Tenant;
  beforeAll(async () => {
    h = await startHarness(dialect);
    a = await h.makeTenant('a');
  });
  afterAll(async () => h?.close());

  it('cookie mode: httpOnly SameSite=Strict cookie on the refresh path, never the token in the body', async () => {
    const login = await call(h.base, 'post', '/auth/login', {
      headers: COOKIE_MODE,
      body: { email: a.users.editor.email, password: a.users.editor.password },
    });
    expect(login.status).toBe(200);
    expect(login.json.data.refreshToken).toBeUndefined();
    const cookie = refreshCookie(login.headers)!;
    expect(cookie.value).toMatch(/^igr_/);
    expect(cookie.attrs).toMatch(/HttpOnly/i);
    expect(cookie.attrs).toMatch(/SameSite=Strict/i);
    expect(cookie.attrs).toMatch(/Path=\/api\/v1\/auth\/refresh/);
    // Without the header (API clients, CLI scripts) the token stays in the body as before.
    const plain = await call(h.base, 'post', '/auth/login', {
      body: { email: a.users.editor.email, password: a.users.editor.password },
    });
    expect(plain.json.data.refreshToken).toMatch(/^igr_/);
    expect(refreshCookie(plain.headers)).toBeNull();
  });

  it('five tabs refreshing one cookie at once all stay signed in; a reuse after the window revokes', async () => {
    const login = await call(h.base, 'post', '/auth/login', {
      headers: COOKIE_MODE,
      body: { email: a.users.viewer.email, password: a.users.viewer.password },
    });
    const first = refreshCookie(login.headers)!.value;
    const tabs = await Promise.all(
      Array.from({ length: 5 }, () =>
        call(h.base, 'post', '/auth/refresh', {
          headers: { ...COOKIE_MODE, cookie: `igny8_refresh=${encodeURIComponent(first)}` },
          body: {},
        }),
      ),
    );
    expect(tabs.map((t) => t.status)).toEqual([200, 200, 200, 200, 200]);
    const successors = new Set(tabs.map((t) => refreshCookie(t.headers)!.value));
    expect(successors.size).toBe(1);
    for (const t of tabs) {
      const me = await call(h.base, 'get', '/auth/me', { token: t.json.data.accessToken });
      expect(me.json.data.user.email).toBe(a.users.viewer.email);
    }
    // Long after the rotation, the first token is a stolen one: the whole sign-in ends.
    await h.core.db
      .updateTable('refresh_tokens')
      .set({ rotated_at: '2000-01-01T00:00:00.000Z' })
      .where('user_id', '=', a.users.viewer.id)
      .where('rotated_at', 'is not', null)
      .execute();
    const reuse = await call(h.base, 'post', '/auth/refresh', { body: { refreshToken: first } });
    expect([reuse.status, reuse.json.code]).toEqual([401, 'TOKEN_INVALID']);
    const [successor] = [...successors];
    const after = await call(h.base, 'post', '/auth/refresh', { body: { refreshToken: successor } });
    expect(after.status).toBe(401);
  });

  it('a refused cookie is cleared, and logout clears it too', async () => {
    const bad = await call(h.base, 'post', '/auth/refresh', {
      headers: { ...COOKIE_MODE, cookie: 'igny8_refresh=igr_nope' },
      body: {},
    });
    expect(bad.status).toBe(401);
    expect(refreshCookie(bad.headers)?.value).toBe('');
    const token = await h.token(a.users.owner, a.accountId);
    const out = await call(h.base, 'post', '/auth/logout', { token, headers: COOKIE_MODE, body: {} });
    expect(out.status).toBe(200);
    expect(refreshCookie(out.headers)?.value).toBe('');
  });
});
