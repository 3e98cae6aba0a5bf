import {
  LoginRequestSchema,
  LogoutRequestSchema,
  PasswordChangeRequestSchema,
  PasswordResetConfirmSchema,
  PasswordResetRequestSchema,
  RefreshRequestSchema,
  RegisterRequestSchema,
  type AuthSession,
  type Me,
} from '../api-contract/auth.schema.js';
import { transaction, type Db } from '../db/index.js';
import { Igny8Error, parseInput } from '../errors/index.js';
import type { Actor, Scope } from '../tenancy/scope.js';
import { newId, nowIso } from '../util/ids.js';
import type { AuthTenancyPort, AuthUser, Authenticated } from './auth.types.js';
import { ACCESS_TTL_SECONDS, createAccessTokens, type AccessTokens } from './jwt.js';
import {
  findPasswordResetByHash,
  insertPasswordReset,
  expireOpenPasswordResets,
  usePasswordReset,
} from './password-reset.repository.js';
import {
  findRefreshTokenByHash,
  insertRefreshToken,
  isRefreshFamilyLive,
  revokeRefreshFamily,
  revokeUserRefreshTokens,
  rotateRefreshTokenIfLive,
  type RefreshTokenRow,
} from './refresh-token.repository.js';
import { randomToken, sha256Hex, successorToken } from './token-hash.js';

export const REFRESH_TTL_SECONDS = 7 * 24 * 3600;
export const RESET_TTL_SECONDS = 3600;
/**
 * How long after a rotation the old refresh token still yields the same successor: tabs opened
 * together all refresh at once, and only one of them can win the rotation.
 */
export const REFRESH_GRACE_SECONDS = 30;

export interface AuthServiceOptions {
  db: Db;
  tenancy: AuthTenancyPort;
  /** The HS256 secret, read on first use (so commands that never sign need no key file). */
  secret: () => Uint8Array;
  accessTtlSeconds?: number;
  refreshTtlSeconds?: number;
  refreshGraceSeconds?: number;
  now?: () => Date;
}

export interface PasswordResetIssued {
  /** The one-time token: deliver it out of band (server log or mail), never in an API response. */
  token: string;
  user: AuthUser;
  expiresAt: string;
}

export type AuthService = ReturnType<typeof createAuthService>;

const invalidCredentials = () =>
  new Igny8Error('INVALID_CREDENTIALS', 'Email or password is wrong', {
    hint: 'Check both, or reset the password with POST /api/v1/auth/password/reset.',
  });

const invalidRefresh = (why: string) =>
  new Igny8Error('TOKEN_INVALID', why, { hint: 'Sign in again with POST /api/v1/auth/login.' });

/**
 * Sessions for the HTTP API: short JWT access tokens, rotating refresh tokens whose reuse revokes
 * the whole family, and one-time password reset tokens. Tokens are stored only as SHA-256 hashes.
 * @example const session = await core.auth.login({ email, password })
 */
export function createAuthService(options: AuthServiceOptions) {
  const { db, tenancy } = options;
  const accessTtl = options.accessTtlSeconds ?? ACCESS_TTL_SECONDS;
  const refreshTtl = options.refreshTtlSeconds ?? REFRESH_TTL_SECONDS;
  const graceMs = (options.refreshGraceSeconds ?? REFRESH_GRACE_SECONDS) * 1000;
  const now = options.now ?? (() => new Date());
  let tokens: AccessTokens | undefined;
  const access = () => (tokens ??= createAccessTokens(options.secret(), accessTtl));
  // Hashing a throwaway password when the email is unknown keeps login timing the same either way.
  let dummyHash: Promise<string> | undefined;

  async function assertAccountActive(scope: Scope): Promise<void> {
    const status = (await tenancy.getAccount(scope))?.status;
    if (status === undefined)
      throw new Igny8Error('TOKEN_INVALID', 'The account of this token no longer exists');
    if (status === 'suspended')
      throw new Igny8Error('ACCOUNT_SUSPENDED', 'This account is suspended', {
        hint: 'Contact the account owner.',
      });
  }

  /** A new refresh token in `family` (a new family = a new sign-in) and an access token for it. */
  async function issue(
    trx: Db,
    user: AuthUser,
    family: string,
    refreshToken = randomToken('igr_'),
  ): Promise<AuthSession> {
    const at = now();
    await insertRefreshToken(trx, {
      id: newId(),
      account_id: user.accountId,
      user_id: user.id,
      token_hash: sha256Hex(refreshToken),
      family,
      expires_at: nowIso(new Date(at.getTime() + refreshTtl * 1000)),
      revoked_at: null,
      rotated_at: null,
      created_at: nowIso(at),
    });
    return sessionOf(user, family, refreshToken, refreshTtl);
  }

  async function sessionOf(
    user: AuthUser,
    family: string,
    refreshToken: string,
    refreshExpiresIn: number,
  ): Promise<AuthSession> {
    const accessToken = await access().sign(
      { userId: user.id, accountId: user.accountId, sessionId: family },
      now(),
    );
    return {
      accessToken,
      refreshToken,
      tokenType: 'Bearer',
      expiresIn: accessTtl,
      refreshExpiresIn,
      user: { id: user.id, accountId: user.accountId, email: user.email, name: user.name, role: user.role },
    };
  }

  const withinGrace = (rotatedAt: string | null) =>
    rotatedAt !== null && now().getTime() - Date.parse(rotatedAt) <= graceMs;

  /**
   * A token that is no longer live: if it was rotated moments ago (another tab won the race), answer
   * with the live successor of its chain; otherwise it is a reuse and the whole family is revoked.
   */
  async function graceOrReuse(row: RefreshTokenRow, presented: string): Promise<AuthSession> {
    const scope = { accountId: row.account_id };
    const at = nowIso(now());
    let current = row;
    let token = presented;
    // The successor is derived from the token, so it can be given again without storing it.
    for (let hop = 0; hop < 16 && withinGrace(current.rotated_at); hop++) {
      token = successorToken(options.secret(), token);
      const next = await findRefreshTokenByHash(db, sha256Hex(token));
      if (!next || next.family !== row.family) break;
      if (next.revoked_at === null) {
        if (next.expires_at <= at) break;
        const user = await tenancy.getUser(scope, next.user_id);
        if (!user || user.status !== 'active') break;
        const left = Math.max(0, Math.floor((Date.parse(next.expires_at) - now().getTime()) / 1000));
        return sessionOf(user, next.family, token, left);
      }
      current = next;
    }
    await revokeRefreshFamily(db, scope, row.family, at);
    throw invalidRefresh('This refresh token was already used; every session of that sign-in is now revoked');
  }

  return {
    /** Create an account with its owner and sign the owner in. */
    async register(input: unknown): Promise<AuthSession> {
      const req = parseInput(RegisterRequestSchema, input, 'registration');
      const user = await tenancy.registerOwner(req);
      return transaction(db, (trx) => issue(trx, user, newId()));
    },

    /** Accept an email invite: the invited user is created and signed in. */
    async acceptInvite(input: unknown): Promise<AuthSession> {
      const user = await tenancy.acceptInvite(input);
      return transaction(db, (trx) => issue(trx, user, newId()));
    },

    /** Check email and password; a new session (refresh-token family) on success. */
    async login(input: unknown): Promise<AuthSession> {
      const req = parseInput(LoginRequestSchema, input, 'login');
      const found = await tenancy.findUserByEmail(req.email);
      if (!found?.passwordHash) {
        dummyHash ??= tenancy.hashPassword(`igny8-dummy-${newId()}`);
        await tenancy.verifyPassword(await dummyHash, req.password);
        throw invalidCredentials();
      }
      const ok = await tenancy.verifyPassword(found.passwordHash, req.password);
      if (!ok || found.status !== 'active') throw invalidCredentials();
      await assertAccountActive({ accountId: found.accountId });
      const { passwordHash: _hash, ...user } = found;
      return transaction(db, (trx) => issue(trx, user, newId()));
    },

    /**
     * Trade a refresh token for a new pair. Each token works once: presenting a rotated token again
     * means it leaked, so the whole family (every token of that sign-in) is revoked — except within
     * a short grace window after the rotation, when it yields the same successor again (tabs).
     */
    async refresh(input: unknown): Promise<AuthSession> {
      const { refreshToken: presented } = parseInput(RefreshRequestSchema, input, 'refresh');
      if (!presented) throw invalidRefresh('No refresh token was sent (neither in the body nor the cookie)');
      const req = { refreshToken: presented };
      const row = await findRefreshTokenByHash(db, sha256Hex(req.refreshToken));
      if (!row) throw invalidRefresh('The refresh token is not valid');
      const scope = { accountId: row.account_id };
      const at = nowIso(now());
      if (row.revoked_at !== null) return graceOrReuse(row, req.refreshToken);
      if (row.expires_at <= at) throw invalidRefresh('The refresh token has expired');
      const user = await tenancy.getUser(scope, row.user_id);
      if (!user || user.status !== 'active')
        throw invalidRefresh('The user of this refresh token is disabled');
      await assertAccountActive(scope);
      const outcome = await transaction(db, async (trx) => {
        // The conditional update is the race guard: of two concurrent refreshes only one wins.
        if (!(await rotateRefreshTokenIfLive(trx, scope, row.id, at))) return null;
        return issue(trx, user, row.family, successorToken(options.secret(), req.refreshToken));
      });
      if (outcome) return outcome;
      // Lost the race: the winner's successor is what this caller gets too (or a reuse is caught).
      const latest = await findRefreshTokenByHash(db, row.token_hash);
      return graceOrReuse(latest ?? row, req.refreshToken);
    },

    /** End a session: the one of the refresh token given, else the caller's current one. */
    async logout(caller: Authenticated | null, input: unknown): Promise<{ revoked: number }> {
      const req = parseInput(LogoutRequestSchema, input ?? {}, 'logout');
      const at = nowIso(now());
      if (req.refreshToken) {
        const row = await findRefreshTokenByHash(db, sha256Hex(req.refreshToken));
        // A caller may only end sessions of their own account; anything else looks like a bad token.
        if (!row || (caller && caller.actor.accountId !== row.account_id)) return { revoked: 0 };
        return { revoked: await revokeRefreshFamily(db, { accountId: row.account_id }, row.family, at) };
      }
      if (caller?.sessionId)
        return {
          revoked: await revokeRefreshFamily(db, { accountId: caller.actor.accountId }, caller.sessionId, at),
        };
      return { revoked: 0 };
    },

    /** Resolve an Authorization header (Bearer JWT or ApiKey) to the acting user or key. */
    async authenticate(header: string): Promise<Authenticated> {
      const match = /^(\S+)\s+(\S+)$/.exec(header.trim());
      const scheme = match?.[1]?.toLowerCase();
      const credential = match?.[2] ?? '';
      if (scheme === 'apikey') {
        const actor = await tenancy.authenticateApiKey(credential);
        await assertAccountActive({ accountId: actor.accountId });
        return { actor, sessionId: null };
      }
      if (scheme !== 'bearer')
        throw new Igny8Error('UNAUTHENTICATED', 'Unsupported Authorization header', {
          hint: 'Send "Bearer <access token>" or "ApiKey <key>".',
        });
      const claims = await access().verify(credential, now());
      const scope = { accountId: claims.accountId };
      // Logout and reuse detection revoke the family, which ends its access tokens at once.
      if (!(await isRefreshFamilyLive(db, scope, claims.sessionId, nowIso(now()))))
        throw new Igny8Error('TOKEN_INVALID', 'This session has ended', { hint: 'Sign in again.' });
      const user = await tenancy.getUser(scope, claims.userId);
      if (!user || user.status !== 'active')
        throw new Igny8Error('TOKEN_INVALID', 'The user of this token is disabled or gone', {
          hint: 'Sign in again.',
        });
      await assertAccountActive(scope);
      return {
        actor: { accountId: user.accountId, userId: user.id, role: user.role },
        sessionId: claims.sessionId,
      };
    },

    /** Change the caller's password; every other session of theirs ends, the current one stays. */
    async changePassword(
      scope: Scope,
      userId: string,
      sessionId: string | null,
      input: unknown,
    ): Promise<void> {
      const req = parseInput(PasswordChangeRequestSchema, input, 'password change');
      const user = await tenancy.getUser(scope, userId);
      const found = user ? await tenancy.findUserByEmail(user.email) : undefined;
      if (!found?.passwordHash || found.id !== userId) throw invalidCredentials();
      if (!(await tenancy.verifyPassword(found.passwordHash, req.currentPassword)))
        throw new Igny8Error('INVALID_CREDENTIALS', 'The current password is wrong', {
          fields: { currentPassword: ['does not match'] },
        });
      const hash = await tenancy.hashPassword(req.newPassword);
      const at = nowIso(now());
      await transaction(db, async (trx) => {
        await tenancy.setPasswordHash(trx, scope, userId, hash);
        await revokeUserRefreshTokens(trx, scope, userId, at, sessionId ?? undefined);
      });
    },

    /**
     * Start a password reset: a one-time token valid for an hour, or null when no active user has
     * this email (callers answer the same either way, so emails cannot be probed).
     */
    async requestPasswordReset(input: unknown): Promise<PasswordResetIssued | null> {
      const req = parseInput(PasswordResetRequestSchema, input, 'password reset');
      const found = await tenancy.findUserByEmail(req.email);
      if (!found || found.status !== 'active') return null;
      const scope = { accountId: found.accountId };
      const at = now();
      const token = randomToken('igp_');
      const expiresAt = nowIso(new Date(at.getTime() + RESET_TTL_SECONDS * 1000));
      await transaction(db, async (trx) => {
        await expireOpenPasswordResets(trx, scope, found.id, nowIso(at));
        await insertPasswordReset(trx, {
          id: newId(),
          account_id: found.accountId,
          user_id: found.id,
          token_hash: sha256Hex(token),
          expires_at: expiresAt,
          used_at: null,
          created_at: nowIso(at),
        });
      });
      const { passwordHash: _hash, ...user } = found;
      return { token, user, expiresAt };
    },

    /** Finish a reset: set the new password and end every session of the user. */
    async confirmPasswordReset(input: unknown): Promise<void> {
      const req = parseInput(PasswordResetConfirmSchema, input, 'password reset');
      const row = await findPasswordResetByHash(db, sha256Hex(req.token));
      const at = nowIso(now());
      const bad = () =>
        new Igny8Error('TOKEN_INVALID', 'The reset token is invalid, used or expired', {
          hint: 'Ask for a new one with POST /api/v1/auth/password/reset.',
        });
      if (!row || row.used_at !== null || row.expires_at <= at) throw bad();
      const scope = { accountId: row.account_id };
      const hash = await tenancy.hashPassword(req.newPassword);
      const used = await transaction(db, async (trx) => {
        // One use only: of two concurrent confirmations, the conditional update lets one through.
        if (!(await usePasswordReset(trx, scope, row.id, at))) return false;
        await tenancy.setPasswordHash(trx, scope, row.user_id, hash);
        await revokeUserRefreshTokens(trx, scope, row.user_id, at);
        return true;
      });
      if (!used) throw bad();
    },

    /** Who the caller is: user (null for a key without one), account and role. */
    async describe(scope: Scope, actor: Actor): Promise<Me> {
      const account = await tenancy.getAccount(scope);
      if (!account) throw new Igny8Error('ACCOUNT_NOT_FOUND', 'Your account no longer exists');
      const user = actor.userId ? await tenancy.getUser(scope, actor.userId) : undefined;
      return {
        user: user
          ? { id: user.id, accountId: user.accountId, email: user.email, name: user.name, role: user.role }
          : null,
        account: { id: account.id, name: account.name, status: account.status },
        role: actor.role,
        via: actor.apiKeyId ? 'apikey' : 'jwt',
        ...(actor.apiKeyId ? { apiKeyId: actor.apiKeyId } : {}),
      };
    },

    /** Sign a user in without a password (tests, and the CLI acting as the owner). */
    async issueSession(user: AuthUser): Promise<AuthSession> {
      return transaction(db, (trx) => issue(trx, user, newId()));
    },
  };
}
