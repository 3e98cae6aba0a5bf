import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { ConfigSchema } from '../../src/config/index.js';
import { Igny8Error } from '../../src/index.js';
import type { Limiters } from '../mount-routes.js';
import { contextOf } from '../request-context.js';
import type { RateScope } from '../route.js';

/** Per-minute limits: one per route scope, plus sign-in attempts per email address. */
export type RateLimits = Record<RateScope, number> & { signInPerAccount: number };

/** The config's defaults (`server.rateLimits`), for callers without a config at hand. */
export const DEFAULT_RATE_LIMITS: RateLimits = ConfigSchema.parse({}).server.rateLimits;

// Sign-in style routes are keyed by address: there is no account yet, and guessing must not scale.
const PER_IP: ReadonlySet<RateScope> = new Set(['auth', 'auth_strict']);

/**
 * Whose budget a request spends: an API key its own, a person their own (so one user's browsing or
 * one integration's traffic never throttles the rest of the team), anyone else their address.
 */
function callerKey(req: Request, scope: RateScope): string {
  const { actor } = contextOf(req);
  if (actor && !PER_IP.has(scope)) {
    if (actor.apiKeyId) return `key:${actor.apiKeyId}`;
    if (actor.userId) return `user:${actor.userId}`;
    return `acct:${actor.accountId}`;
  }
  return `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
}

const tooMany = (limit: number, what: string) =>
  new Igny8Error('RATE_LIMITED', `Too many requests (${limit} per minute for ${what})`, {
    hint: 'Wait for the time in the Retry-After header, then try again.',
  });

function limiter(
  limit: number,
  windowMs: number,
  what: string,
  key: (req: Request) => string | null,
  headers = true,
): RequestHandler {
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: false,
    legacyHeaders: headers,
    skip: (req) => key(req) === null,
    keyGenerator: (req) => key(req) ?? '',
    handler: (_req, _res, next) => next(tooMany(limit, what)),
  });
}

/** The email a sign-in style body names (login, register, reset), lowercased; null when none. */
function signInEmail(req: Request): string | null {
  const email = (req.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' && email.length <= 320 ? `email:${email.trim().toLowerCase()}` : null;
}

/**
 * One limiter per scope, each with its own in-memory counter, keyed per user or API key (per address
 * for the auth scopes and anonymous callers); sign-in attempts are also counted per email address,
 * so spreading guesses over many addresses does not help. Sends X-RateLimit-*; 429 RATE_LIMITED.
 * Counters live in this process: several server processes each count on their own.
 */
export function createLimiters(overrides: Partial<RateLimits> = {}, windowMs = 60_000): Limiters {
  const limits: RateLimits = { ...DEFAULT_RATE_LIMITS, ...overrides };
  const out = {} as Limiters;
  for (const scope of Object.keys(limits).filter((k) => k !== 'signInPerAccount') as RateScope[]) {
    out[scope] = limiter(limits[scope], windowMs, scope, (req) => callerKey(req, scope));
  }
  // Its headers would overwrite the address limiter's, which is the one a client can act on.
  const perEmail = limiter(limits.signInPerAccount, windowMs, 'sign-in to one account', signInEmail, false);
  const perIp = out.auth_strict;
  out.auth_strict = (req: Request, res: Response, next: NextFunction) =>
    perIp(req, res, (err?: unknown) => (err ? next(err) : perEmail(req, res, next)));
  return out;
}
