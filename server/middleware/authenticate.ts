import type { RequestHandler } from 'express';
import type { Core } from '../../src/index.js';
import { contextOf } from '../request-context.js';

/**
 * Read `Authorization: Bearer <jwt>` or `Authorization: ApiKey <key>` into the request's actor.
 * No header leaves the caller anonymous (public routes allow it); a bad one is 401 right away.
 */
export function authenticate(core: Core): RequestHandler {
  return async (req, _res, next) => {
    const header = req.get('authorization');
    if (!header) return next();
    const result = await core.auth.authenticate(header);
    const ctx = contextOf(req);
    ctx.actor = result.actor;
    ctx.sessionId = result.sessionId;
    next();
  };
}
