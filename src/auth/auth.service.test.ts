import { afterEach, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { seedTenant } from '../../test/helpers/seed-tenant.js';
import { Igny8Error } from '../errors/index.js';
import type { Db } from '../db/index.js';
import { createAuthService } from './auth.service.js';
import type { AuthTenancyPort, AuthUser } from './auth.types.js';
import { JWT_AUDIENCE, JWT_ISSUER } from './jwt.js';
import { sha256Hex } from './token-hash.js';

const SECRET = new TextEncoder().encode('s'.repeat(40));

/** A port over the raw users table with a transparent "hash", so these tests need no argon2. */
function fakeTenancy(db: Db): AuthTenancyPort {
  const toUser = (r: {
    id: string;
    account_id: string;
    email: string;
    name: string;
    role: AuthUser['role'];
    status: AuthUser['status'];
  }) => ({
    id: r.id,
    accountId: r.account_id,
    email: r.email,
    name: r.name,
    role: r.role,
    status: r.status,
  });
  return {
    async findUserByEmail(email) {
      const r = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
      return r ? { ...toUser(r), passwordHash: r.password_hash } : undefined;
    },
    async getUser(scope, id) {
      const r = await db
        .selectFrom('users')
        .selectAll()
        .where('account_id', '=', scope.accountId)
        .where('id', '=', id)
        .executeTakeFirst();
      return r ? toUser(r) : undefined;
    },
    async getAccount(scope) {
      return db
        .selectFrom('accounts')
        .select(['id', 'name', 'status'])
        .where('id', '=', scope.accountId)
        .executeTakeFirst();
    },
    hashPassword: async (p) => `plain:${p}`,
    verifyPassword: async (h, p) => h === `plain:${p}`,
    async setPasswordHash(trx, scope, id, hash) {
      await trx
        .updateTable('users')
        .set({ password_hash: hash })
        .where('account_id', '=', scope.accountId)
        .where('id', '=', id)
        .execute();
    },
    registerOwner: async () => {
      throw new Error('not used here');
    },
    acceptInvite: async () => {
      throw new Error('not used here');
    },
    authenticateApiKey: async () => {
      throw new Igny8Error('INVALID_CREDENTIALS', 'no keys here');
    },
  };
}

async function addUser(db: Db, accountId: string, id: string, email: string, password: string) {
  const now = new Date().toISOString();
  await db
    .insertInto('users')
    .values({
      id,
      account_id: accountId,
      email,
      name: id,
      password_hash: `plain:${password}`,
      role: 'editor',
      status: 'active',
      created_at: now,
      updated_at: now,
    })
    .execute();
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    return (err as Igny8Error).code ?? 'unknown';
  }
}

describe.each(DIALECTS)('auth service on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  async function setup(now?: () => Date) {
    t = await createTestDb(dialect);
    const a = await seedTenant(t.db, 'a');
    await addUser(t.db, a.accountId, 'u1', 'ann@example.com', 'correct horse');
    const auth = createAuthService({ db: t.db, tenancy: fakeTenancy(t.db), secret: () => SECRET, now });
    return { auth, a };
  }

  it('logs in, authenticates the access token, and refuses wrong passwords alike for unknown emails', async () => {
    const { auth } = await setup();
    const s = await auth.login({ email: 'ANN@example.com', password: 'correct horse' });
    expect(s.user).toMatchObject({ id: 'u1', accountId: 'acct-a', role: 'editor' });
    expect(s.expiresIn).toBe(900);
    expect(s.refreshExpiresIn).toBe(7 * 24 * 3600);
    const who = await auth.authenticate(`Bearer ${s.accessToken}`);
    expect(who.actor).toEqual({ accountId: 'acct-a', userId: 'u1', role: 'editor' });
    expect(await codeOf(auth.login({ email: 'ann@example.com', password: 'wrong' }))).toBe(
      'INVALID_CREDENTIALS',
    );
    expect(await codeOf(auth.login({ email: 'nobody@example.com', password: 'wrong' }))).toBe(
      'INVALID_CREDENTIALS',
    );
    // Only the hash is stored.
    const rows = await t.db.selectFrom('refresh_tokens').select('token_hash').execute();
    expect(rows.map((r) => r.token_hash)).toEqual([sha256Hex(s.refreshToken!)]);
  });

  it('rotates refresh tokens and revokes the whole family when a rotated token is reused after the grace window', async () => {
    let clock = new Date('2030-01-01T00:00:00Z');
    const { auth } = await setup(() => clock);
    const s1 = await auth.login({ email: 'ann@example.com', password: 'correct horse' });
    const s2 = await auth.refresh({ refreshToken: s1.refreshToken });
    expect(s2.refreshToken).not.toBe(s1.refreshToken);
    expect((await auth.authenticate(`Bearer ${s2.accessToken}`)).actor.userId).toBe('u1');
    // Past the 30 s grace window, the rotated token presented again is a theft signal.
    clock = new Date(clock.getTime() + 31_000);
    expect(await codeOf(auth.refresh({ refreshToken: s1.refreshToken }))).toBe('TOKEN_INVALID');
    // …and the thief's success would have been short-lived: the newest token is dead too,
    expect(await codeOf(auth.refresh({ refreshToken: s2.refreshToken }))).toBe('TOKEN_INVALID');
    // …and so are the family's access tokens.
    expect(await codeOf(auth.authenticate(`Bearer ${s2.accessToken}`))).toBe('TOKEN_INVALID');
  });

  it('two tabs: concurrent refreshes of one token all get the same successor, and the session lives', async () => {
    const { auth } = await setup();
    const s = await auth.login({ email: 'ann@example.com', password: 'correct horse' });
    const sessions = await Promise.all(
      Array.from({ length: 5 }, () => auth.refresh({ refreshToken: s.refreshToken })),
    );
    expect(new Set(sessions.map((x) => x.refreshToken)).size).toBe(1);
    for (const x of sessions) expect(await codeOf(auth.authenticate(`Bearer ${x.accessToken}`))).toBe('ok');
    // A tab that slept through one more rotation still lands on the live end of the chain.
    const next = await auth.refresh({ refreshToken: sessions[0]!.refreshToken });
    const late = await auth.refresh({ refreshToken: s.refreshToken });
    expect(late.refreshToken).toBe(next.refreshToken);
    expect(
      await t.db.selectFrom('refresh_tokens').select('id').where('revoked_at', 'is', null).execute(),
    ).toHaveLength(1);
  });

  it('logout ends the session and its access tokens; other sessions live on', async () => {
    const { auth } = await setup();
    const s1 = await auth.login({ email: 'ann@example.com', password: 'correct horse' });
    const s2 = await auth.login({ email: 'ann@example.com', password: 'correct horse' });
    const caller = await auth.authenticate(`Bearer ${s1.accessToken}`);
    expect(await auth.logout(caller, {})).toEqual({ revoked: 1 });
    expect(await codeOf(auth.authenticate(`Bearer ${s1.accessToken}`))).toBe('TOKEN_INVALID');
    expect(await codeOf(auth.refresh({ refreshToken: s1.refreshToken }))).toBe('TOKEN_INVALID');
    expect(await codeOf(auth.authenticate(`Bearer ${s2.accessToken}`))).toBe('ok');
  });

  it('refuses expired, forged, wrong-audience and alg=none tokens', async () => {
    let clock = new Date('2030-01-01T00:00:00Z');
    const { auth } = await setup(() => clock);
    const s = await auth.login({ email: 'ann@example.com', password: 'correct horse' });
    clock = new Date(clock.getTime() + 16 * 60_000);
    expect(await codeOf(auth.authenticate(`Bearer ${s.accessToken}`))).toBe('TOKEN_INVALID');
    // The refresh token still works after the access token expired, and gives a fresh pair.
    const s2 = await auth.refresh({ refreshToken: s.refreshToken });
    expect(await codeOf(auth.authenticate(`Bearer ${s2.accessToken}`))).toBe('ok');
    clock = new Date(clock.getTime() + 8 * 24 * 3600_000);
    expect(await codeOf(auth.refresh({ refreshToken: s2.refreshToken }))).toBe('TOKEN_INVALID');

    clock = new Date();
    const claims = { acc: 'acct-a', sid: 'x', typ: 'access' };
    const sign = (key: Uint8Array, aud = JWT_AUDIENCE) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('u1')
        .setIssuer(JWT_ISSUER)
        .setAudience(aud)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(key);
    expect(
      await codeOf(auth.authenticate(`Bearer ${await sign(new TextEncoder().encode('x'.repeat(40)))}`)),
    ).toBe('TOKEN_INVALID');
    expect(await codeOf(auth.authenticate(`Bearer ${await sign(SECRET, 'someone-else')}`))).toBe(
      'TOKEN_INVALID',
    );
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, sub: 'u1', iss: JWT_ISSUER, aud: JWT_AUDIENCE, exp: Math.floor(Date.now() / 1000) + 300, iat: Math.floor(Date.now() / 1000) })}.`;
    expect(await codeOf(auth.authenticate(`Bearer ${none}`))).toBe('TOKEN_INVALID');
    expect(await codeOf(auth.authenticate('Basic dXNlcjpwYXNz'))).toBe('UNAUTHENTICATED');
  });

  it('password change keeps the current session and ends the others', async () => {
    const { auth } = await setup();
    const here = await auth.login({ email: 'ann@example.com', password: 'correct horse' });
    const there = await auth.login({ email: 'ann@example.com', password: 'correct horse' });
    const caller = await auth.authenticate(`Bearer ${here.accessToken}`);
    expect(
      await codeOf(
        auth.changePassword({ accountId: 'acct-a' }, 'u1', caller.sessionId, {
          currentPassword: 'nope',
          newPassword: 'battery staple',
        }),
      ),
    ).toBe('INVALID_CREDENTIALS');
    await auth.changePassword({ accountId: 'acct-a' }, 'u1', caller.sessionId, {
      currentPassword: 'correct horse',
      newPassword: 'battery staple',
    });
    expect(await codeOf(auth.authenticate(`Bearer ${here.accessToken}`))).toBe('ok');
    expect(await codeOf(auth.authenticate(`Bearer ${there.accessToken}`))).toBe('TOKEN_INVALID');
    expect(await codeOf(auth.login({ email: 'ann@example.com', password: 'correct horse' }))).toBe(
      'INVALID_CREDENTIALS',
    );
    expect(await codeOf(auth.login({ email: 'ann@example.com', password: 'battery staple' }))).toBe('ok');
  });

  it('password reset tokens are stored hashed, work once, and end every session', async () => {
    const { auth } = await setup();
    const before = await auth.login({ email: 'ann@example.com', password: 'correct horse' });
    expect(await auth.requestPasswordReset({ email: 'nobody@example.com' })).toBeNull();
    const stale = await auth.requestPasswordReset({ email: 'ann@example.com' });
    const issued = await auth.requestPasswordReset({ email: 'ann@example.com' });
    expect(issued?.user.id).toBe('u1');
    const rows = await t.db.selectFrom('password_resets').select(['token_hash', 'used_at']).execute();
    expect(rows.map((r) => r.token_hash).sort()).toEqual(
      [sha256Hex(stale!.token), sha256Hex(issued!.token)].sort(),
    );
    // Asking again retires the older token.
    expect(
      await codeOf(auth.confirmPasswordReset({ token: stale!.token, newPassword: 'new password 1' })),
    ).toBe('TOKEN_INVALID');
    await auth.confirmPasswordReset({ token: issued!.token, newPassword: 'new password 2' });
    expect(
      await codeOf(auth.confirmPasswordReset({ token: issued!.token, newPassword: 'new password 3' })),
    ).toBe('TOKEN_INVALID');
    expect(await codeOf(auth.authenticate(`Bearer ${before.accessToken}`))).toBe('TOKEN_INVALID');
    expect(await codeOf(auth.login({ email: 'ann@example.com', password: 'new password 2' }))).toBe('ok');
  });

  it('refuses a disabled user and a suspended account', async () => {
    const { auth } = await setup();
    const s = await auth.login({ email: 'ann@example.com', password: 'correct horse' });
    await t.db.updateTable('accounts').set({ status: 'suspended' }).where('id', '=', 'acct-a').execute();
    expect(await codeOf(auth.authenticate(`Bearer ${s.accessToken}`))).toBe('ACCOUNT_SUSPENDED');
    await t.db.updateTable('accounts').set({ status: 'active' }).where('id', '=', 'acct-a').execute();
    await t.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', 'u1').execute();
    expect(await codeOf(auth.authenticate(`Bearer ${s.accessToken}`))).toBe('TOKEN_INVALID');
    expect(await codeOf(auth.login({ email: 'ann@example.com', password: 'correct horse' }))).toBe(
      'INVALID_CREDENTIALS',
    );
  });
});
