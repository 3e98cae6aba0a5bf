import type { Request } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { Igny8Error } from '../../src/index.js';
import type { Limiters } from '../mount-routes.js';
import { contextOf } from '../request-context.js';
import type { RateScope } from '../route.js';

/** Requests per minute per scope, the seed system's numbers (reference.md). */
export const DEFAULT_RATE_LIMITS: Record<RateScope, number> = {
  ai: 10,
  image: 15,
  content_write: 30,
  content_read: 100,
  auth: 20,
  auth_strict: 5,
  planner: 60,
  billing: 30,
};

// Sign-in style routes are keyed by address: there is no account yet, and guessing must not scale.
const PER_IP: ReadonlySet<RateScope> = new Set(['auth', 'auth_strict']);

/**
 * One limiter per scope, each with its own in-memory counter, keyed per account (or per IP for the
 * auth scopes and anonymous callers). Sends X-RateLimit-Limit/Remaining/Reset; 429 RATE_LIMITED.
 * Counters live in this process: several server processes each count on their own.
 */
export function createLimiters(
  overrides: Partial<Record<RateScope, number>> = {},
  windowMs = 60_000,
): Limiters {
  const limits = { ...DEFAULT_RATE_LIMITS, ...overrides };
  const out = {} as Limiters;
  for (const scope of Object.keys(limits) as RateScope[]) {
    const keyOf = (req: Request): string => {
      const { actor } = contextOf(req);
      if (actor && !PER_IP.has(scope)) return `acct:${actor.accountId}`;
      return `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
    };
    out[scope] = rateLimit({
      windowMs,
      limit: limits[scope],
      standardHeaders: false,
      legacyHeaders: true,
      keyGenerator: keyOf,
      handler: (_req, _res, next) =>
        next(
          new Igny8Error('RATE_LIMITED', `Too many requests (${limits[scope]} per minute for ${scope})`, {
            hint: 'Wait for the time in the Retry-After header, then try again.',
          }),
        ),
    });
  }
  return out;
}
