import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { z } from 'zod';
import { PageQuerySchema } from '../src/api-contract/index.js';
import { assertCan, collectOwnedRefs, Igny8Error, type Actor } from '../src/index.js';
import { successBody } from './envelope.js';
import { buildPage, pageRequest } from './pagination.js';
import { rejectNul } from './reject-nul.js';
import { assertNoUnknownFields } from './unknown-fields.js';
import { contextOf } from './request-context.js';
import {
  rateScopeOf,
  Reply,
  requiredRole,
  roleAtLeast,
  type AnyRoute,
  type RateScope,
  type ServerDeps,
} from './route.js';

export type Limiters = Record<RateScope, RequestHandler>;

/** The query schema a route validates: list routes also take the page parameters. */
export function effectiveQuerySchema(route: AnyRoute): z.ZodType | undefined {
  if (route.kind !== 'list') return route.query;
  const q = route.query as z.ZodObject | undefined;
  return q ? PageQuerySchema.extend(q.shape) : PageQuerySchema;
}

function checkAccess(route: AnyRoute, req: Request, deps: ServerDeps): void {
  const { actor } = contextOf(req);
  if (route.public) return;
  if (!actor) {
    throw new Igny8Error('UNAUTHENTICATED', 'Sign in first', {
      hint: 'Send Authorization: Bearer <access token> or Authorization: ApiKey <key>.',
    });
  }
  if (route.permission) {
    assertCan(actor, route.permission);
  } else if (!roleAtLeast(actor.role, requiredRole(route))) {
    throw new Igny8Error(
      'FORBIDDEN',
      `This needs the ${requiredRole(route)} role or higher; you are ${actor.role}`,
      {
        hint: 'Ask an account owner or admin.',
      },
    );
  }
  checkOperator(route, actor, deps);
}

function checkOperator(route: AnyRoute, actor: Actor, deps: ServerDeps): void {
  if (route.operator && !deps.operatorAccounts.has(actor.accountId)) {
    throw new Igny8Error('FORBIDDEN', 'Only the server operator may change server-wide settings', {
      hint: 'Use the CLI on the server, or set `account` in the config to the operator account.',
    });
  }
}

function shape<T>(schema: z.ZodType, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data as T;
  // The handler returned something outside the contract: our bug, never the caller's.
  throw new Igny8Error('INTERNAL', `Response of ${what} does not match its schema`, {
    details: { issues: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`) },
  });
}

function handlerFor(route: AnyRoute, deps: ServerDeps): RequestHandler {
  const what = `${route.method.toUpperCase()} ${route.path}`;
  const querySchema = effectiveQuerySchema(route);
  return async (req: Request, res: Response) => {
    checkAccess(route, req, deps);
    const rc = contextOf(req);
    const actor = rc.actor;
    const scope = actor ? { accountId: actor.accountId } : null;
    if (route.module && scope) await deps.core.tenancy.assertModuleEnabled(scope, route.module);
    rejectNul({ params: req.params, query: req.query, body: req.body });
    const params = route.params ? route.params.parse(req.params) : undefined;
    const query = querySchema ? querySchema.parse(req.query) : undefined;
    const body = route.body ? route.body.parse(req.body ?? {}) : undefined;
    if (route.body) assertNoUnknownFields(req.body ?? {}, body);
    // Ids in a body or query string are the caller's claim, like ids in the path: check them all.
    if (scope) await deps.core.tenancy.assertOwned(scope, collectOwnedRefs([query, body]));
    const ctx = {
      deps,
      core: deps.core,
      actor,
      scope,
      params,
      query,
      body,
      requestId: rc.requestId,
      sessionId: rc.sessionId,
      req,
      res,
    };
    if (route.kind === 'raw') {
      await route.handler(ctx);
      return;
    }
    if (route.kind === 'list') {
      const page = pageRequest(query as z.infer<typeof PageQuerySchema>);
      const { items, total } = await route.handler({ ...ctx, page });
      const results = items.map((item) => shape(route.item, item, what));
      res.status(route.status ?? 200).json(successBody(buildPage(req, page, results, total), rc.requestId));
      return;
    }
    const out = await route.handler(ctx);
    const reply = out instanceof Reply ? out : new Reply(out);
    const data = shape(route.response, reply.data, what);
    res.status(route.status ?? 200).json(successBody(data, rc.requestId, reply.message));
  };
}

/** A path's first segment as Express compares it (case-insensitively), or null when it is not plain text. */
function firstSegment(path: string): string | null {
  const seg = path.split('/')[1] ?? '';
  return /^[A-Za-z0-9._-]*$/.test(seg) ? seg.toLowerCase() : null;
}

/**
 * An Express router with every route: rate limit for its scope, access checks, zod, the handler.
 * Express tries a router's routes one by one (150 of them), so requests are first dispatched by the
 * path's first segment to a router holding only that segment's routes, in their table order: the
 * same route answers, after a handful of tries instead of up to 150.
 */
export function mountRoutes(routes: readonly AnyRoute[], deps: ServerDeps, limiters: Limiters): Router {
  const router = Router();
  const add = (r: Router, route: AnyRoute) =>
    r[route.method](route.path, limiters[rateScopeOf(route)], handlerFor(route, deps));
  if (routes.some((route) => firstSegment(route.path) === null)) {
    for (const route of routes) add(router, route);
    return router;
  }
  const bySegment = new Map<string, Router>();
  for (const route of routes) {
    const seg = firstSegment(route.path)!;
    let r = bySegment.get(seg);
    if (r === undefined) bySegment.set(seg, (r = Router()));
    add(r, route);
  }
  router.use((req, res, next) => {
    const seg = firstSegment(req.path);
    const r = seg === null ? undefined : bySegment.get(seg);
    if (r === undefined) next();
    else r(req, res, next);
  });
  return router;
}
