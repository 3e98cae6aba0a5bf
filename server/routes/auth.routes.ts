import { z } from 'zod';
import {
  AuthSessionSchema,
  LoginRequestSchema,
  LogoutRequestSchema,
  MeSchema,
  PasswordChangeRequestSchema,
  PasswordResetConfirmSchema,
  PasswordResetRequestSchema,
  RefreshRequestSchema,
  RegisterRequestSchema,
} from '../../src/api-contract/index.js';
import { Igny8Error } from '../../src/index.js';
import { deliverMail } from '../deliver-mail.js';
import { clearRefreshCookie, deliverSession, readRefreshCookie } from '../refresh-cookie.js';
import { jsonRoute, Reply } from '../route.js';

const tags = ['auth'];
const Done = z.object({ ok: z.literal(true) });

export const authRoutes = [
  jsonRoute({
    method: 'post',
    path: '/auth/register',
    summary: 'Create an account and its owner, and sign in',
    tags,
    public: true,
    rateLimit: 'auth_strict',
    status: 201,
    body: RegisterRequestSchema,
    response: AuthSessionSchema,
    handler: async ({ deps, core, body, req, res }) => {
      if (deps.registration !== 'open')
        throw new Igny8Error(
          'FORBIDDEN',
          `Sign-up is ${deps.registration === 'invite' ? 'by invitation' : 'closed'} on this server`,
          {
            hint:
              deps.registration === 'invite'
                ? 'Ask an owner or admin of your team for an invite, then follow the link in its email.'
                : 'Ask the server operator to add you.',
          },
        );
      return deliverSession(req, res, await core.auth.register(body));
    },
  }),
  jsonRoute({
    method: 'post',
    path: '/auth/login',
    summary: 'Sign in with email and password',
    tags,
    public: true,
    rateLimit: 'auth_strict',
    body: LoginRequestSchema,
    response: AuthSessionSchema,
    handler: async ({ core, body, req, res }) => deliverSession(req, res, await core.auth.login(body)),
  }),
  jsonRoute({
    method: 'post',
    path: '/auth/refresh',
    summary: 'Trade a refresh token for a new token pair (the old one stops working)',
    description:
      'The token comes from the body or the igny8_refresh cookie. Send `x-igny8-session: cookie` (with login, ' +
      'register and refresh) to keep it in an httpOnly SameSite=Strict cookie scoped to this route. A token ' +
      'rotated in the last 30 s yields the same successor again (tabs refreshing together); a later reuse ' +
      'revokes the whole sign-in.',
    tags,
    public: true,
    rateLimit: 'auth',
    body: RefreshRequestSchema,
    response: AuthSessionSchema,
    handler: async ({ core, body, req, res }) => {
      const refreshToken = body.refreshToken ?? readRefreshCookie(req);
      try {
        return deliverSession(req, res, await core.auth.refresh({ refreshToken }));
      } catch (err) {
        // A dead cookie would be sent on every reload: drop it with the refusal.
        if (!body.refreshToken) clearRefreshCookie(req, res);
        throw err;
      }
    },
  }),
  jsonRoute({
    method: 'post',
    path: '/auth/logout',
    summary: 'End a session (the refresh token given, or the current one)',
    tags,
    public: true,
    rateLimit: 'auth',
    body: LogoutRequestSchema,
    response: z.object({ revoked: z.number().int() }),
    handler: async ({ core, actor, sessionId, body, req, res }) => {
      clearRefreshCookie(req, res);
      return core.auth.logout(actor ? { actor, sessionId } : null, body);
    },
  }),
  jsonRoute({
    method: 'post',
    path: '/auth/password/change',
    summary: 'Change your password (your other sessions end)',
    tags,
    role: 'viewer',
    personal: true,
    rateLimit: 'auth_strict',
    body: PasswordChangeRequestSchema,
    response: Done,
    handler: async ({ core, actor, scope, sessionId, body }) => {
      if (!actor.userId)
        throw new Igny8Error('FORBIDDEN', 'API keys have no password', { hint: 'Sign in as a user.' });
      await core.auth.changePassword(scope, actor.userId, sessionId, body);
      return new Reply({ ok: true as const }, 'Password changed');
    },
  }),
  jsonRoute({
    method: 'post',
    path: '/auth/password/reset',
    summary: 'Ask for a password reset code (mailed; never in the response)',
    tags,
    public: true,
    rateLimit: 'auth_strict',
    body: PasswordResetRequestSchema,
    response: Done,
    handler: async ({ deps, core, body, requestId }) => {
      const issued = await core.auth.requestPasswordReset(body);
      // A failed send is logged, never reported: the answer must not reveal which emails exist.
      if (issued)
        await deliverMail(
          deps,
          {
            to: issued.user.email,
            subject: 'Your igny8 password reset code',
            text:
              `Someone (hopefully you) asked to reset the igny8 password of ${issued.user.email}.\n\n` +
              `Reset code: ${issued.token}\n\nIt works once, until ${issued.expiresAt}. ` +
              'If you did not ask for it, ignore this message: your password stays as it is.\n',
          },
          `Password reset for ${issued.user.email}: code ${issued.token} (valid until ${issued.expiresAt})`,
          requestId,
        ).catch((err: Error) => deps.log.error(`Password reset mail failed: ${err.message}`, { requestId }));
      return new Reply({ ok: true as const }, 'If that email belongs to a user, a reset code is on its way');
    },
  }),
  jsonRoute({
    method: 'post',
    path: '/auth/password/reset/confirm',
    summary: 'Set a new password with a reset token (every session ends)',
    tags,
    public: true,
    rateLimit: 'auth_strict',
    body: PasswordResetConfirmSchema,
    response: Done,
    handler: async ({ core, body }) => {
      await core.auth.confirmPasswordReset(body);
      return new Reply({ ok: true as const }, 'Password changed; sign in again');
    },
  }),
  jsonRoute({
    method: 'get',
    path: '/auth/me',
    summary: 'Who is calling: user, account and role',
    tags,
    response: MeSchema,
    handler: async ({ core, actor, scope }) => core.auth.describe(scope, actor),
  }),
];
