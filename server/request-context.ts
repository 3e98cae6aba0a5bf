import type { Request } from 'express';
import type { Actor } from '../src/index.js';

/** What the middleware chain learns about a request, kept off Express's own fields. */
export interface RequestContext {
  requestId: string;
  /** Set by the authentication middleware when credentials were sent and valid. */
  actor: Actor | null;
  /** The refresh-token family a JWT belongs to (lets password change keep the current session). */
  sessionId: string | null;
}

const contexts = new WeakMap<Request, RequestContext>();

export function setContext(req: Request, ctx: RequestContext): void {
  contexts.set(req, ctx);
}

/** The request's context; the request-id middleware creates it first, so it always exists after it. */
export function contextOf(req: Request): RequestContext {
  let ctx = contexts.get(req);
  if (!ctx) {
    ctx = { requestId: 'unknown', actor: null, sessionId: null };
    contexts.set(req, ctx);
  }
  return ctx;
}
