import type { Request, Response } from 'express';
import type { z } from 'zod';
import { PERMISSIONS, type Action, type Actor, type Core, type Role, type Scope } from '../src/index.js';
import type { Logger } from './logger.js';
import type { PageRequest } from './pagination.js';
import type { RunHub } from './run-hub.js';
import type { SseRegistry } from './sse.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Rate-limit scopes and their per-minute defaults come from the seed system (reference.md). */
export type RateScope =
  'ai' | 'image' | 'content_read' | 'content_write' | 'auth' | 'auth_strict' | 'planner' | 'billing';

/** What a handler gets from the server besides the parsed request. */
export interface ServerDeps {
  core: Core;
  log: Logger;
  sse: SseRegistry;
  /** Who may use POST /auth/register: anyone, holders of an invite, or nobody (server.registration). */
  registration: 'open' | 'invite' | 'closed';
  /** The route table this server runs (the OpenAPI document is built from it). */
  routes: readonly AnyRoute[];
  /** Accounts whose owners may change server-wide data (the model registry). */
  operatorAccounts: ReadonlySet<string>;
  /** Automation runs started by this server, and their live listeners. */
  runs: RunHub;
  /** How often a followed run is read from the database (SSE). */
  runPollMs: number;
  /** Development mode: without SMTP, one-time codes and invite links go to the server log. */
  devMode: boolean;
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface HandlerContext<PS, QS, BS, Pub extends boolean> {
  deps: ServerDeps;
  core: Core;
  /** The caller; null only on public routes called without credentials. */
  actor: Pub extends true ? Actor | null : Actor;
  /** The caller's tenant scope ({ accountId }). */
  scope: Pub extends true ? Scope | null : Scope;
  params: Parsed<PS>;
  query: Parsed<QS>;
  body: Parsed<BS>;
  requestId: string;
  /** The refresh-token family of a JWT caller (null for API keys). */
  sessionId: string | null;
  req: Request;
  res: Response;
}

/** A data value plus an optional human message for the envelope. */
export class Reply<T> {
  constructor(
    readonly data: T,
    readonly message?: string,
  ) {}
}

interface RouteBase<PS, QS, BS, Pub extends boolean> {
  method: HttpMethod;
  /** Express path below /api/v1, e.g. "/sites/:siteId". */
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  /** true: callable without credentials (register, login, …). */
  public?: Pub;
  /** The permission needed (tenancy's table: `users.manage`, `billing.manage`, …). */
  permission?: Action;
  /** Or the least role allowed (owner > admin > editor > viewer). Default: viewer for GET, editor otherwise. */
  role?: Role;
  /**
   * A write any member may make to their own record (password, notifications read state). Without
   * this flag, a viewer can never call a non-GET route.
   */
  personal?: boolean;
  /** A POST that changes nothing (it takes a body only because its input is structured, e.g. an estimate). */
  readOnly?: boolean;
  /**
   * A server-wide change (the model registry is shared by every account): only owners of an
   * operator account may make it, whatever their role elsewhere.
   */
  operator?: boolean;
  /** The account must have this module enabled (MODULE_DISABLED otherwise). */
  module?: string;
  /** Default: content_write; a GET always counts as content_read (see rateScopeOf). */
  rateLimit?: RateScope;
  params?: PS;
  query?: QS;
  body?: BS;
  /** Success status (default 200; 201 for creations). */
  status?: number;
}

export interface JsonRoute<PS, QS, BS, RS extends z.ZodType, Pub extends boolean> extends RouteBase<
  PS,
  QS,
  BS,
  Pub
> {
  kind: 'json';
  response: RS;
  handler(ctx: HandlerContext<PS, QS, BS, Pub>): Promise<z.input<RS> | Reply<z.input<RS>>>;
}

export interface ListRoute<PS, QS, BS, IS extends z.ZodType, Pub extends boolean> extends RouteBase<
  PS,
  QS,
  BS,
  Pub
> {
  kind: 'list';
  /** One result's schema; the server wraps it in the page envelope. */
  item: IS;
  handler(
    ctx: HandlerContext<PS, QS, BS, Pub> & { page: PageRequest },
  ): Promise<{ items: Array<z.input<IS>>; total: number }>;
}

/** A route that writes its own response (SSE streams, files); `produces` documents the content type. */
export interface RawRoute<PS, QS, BS, Pub extends boolean> extends RouteBase<PS, QS, BS, Pub> {
  kind: 'raw';
  produces: string;
  handler(ctx: HandlerContext<PS, QS, BS, Pub>): Promise<void>;
}

// The route table erases the per-route types; each definition was checked where it was written.
/* eslint-disable @typescript-eslint/no-explicit-any */
export type AnyRoute =
  | JsonRoute<any, any, any, z.ZodType, boolean>
  | ListRoute<any, any, any, z.ZodType, boolean>
  | RawRoute<any, any, any, boolean>;
/* eslint-enable @typescript-eslint/no-explicit-any */

type Schema = z.ZodType | undefined;

/** Declare a JSON route: method, path, access, schemas and a thin handler that calls one core function. */
export function jsonRoute<
  RS extends z.ZodType,
  PS extends Schema = undefined,
  QS extends Schema = undefined,
  BS extends Schema = undefined,
  Pub extends boolean = false,
>(def: Omit<JsonRoute<PS, QS, BS, RS, Pub>, 'kind'>): AnyRoute {
  return { kind: 'json', ...def } as AnyRoute;
}

/** Declare a paginated list route; the handler returns `{ items, total }` for the page asked for. */
export function listRoute<
  IS extends z.ZodType,
  PS extends Schema = undefined,
  QS extends Schema = undefined,
  Pub extends boolean = false,
>(def: Omit<ListRoute<PS, QS, undefined, IS, Pub>, 'kind' | 'method' | 'body'>): AnyRoute {
  return { kind: 'list', method: 'get', ...def } as AnyRoute;
}

/** Declare a route that streams or sends a file itself. */
export function rawRoute<
  PS extends Schema = undefined,
  QS extends Schema = undefined,
  BS extends Schema = undefined,
  Pub extends boolean = false,
>(def: Omit<RawRoute<PS, QS, BS, Pub>, 'kind'>): AnyRoute {
  return { kind: 'raw', ...def } as AnyRoute;
}

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2, owner: 3 };

export function roleAtLeast(role: Role, least: Role): boolean {
  return RANK[role] >= RANK[least];
}

/** The least role a route admits, after defaults (a permission admits its weakest role and up). */
export function requiredRole(route: AnyRoute): Role {
  if (route.permission) {
    const allowed = PERMISSIONS[route.permission] as readonly Role[];
    return (['viewer', 'editor', 'admin', 'owner'] as const).find((r) => allowed.includes(r))!;
  }
  return route.role ?? (route.method === 'get' ? 'viewer' : 'editor');
}

/**
 * The limiter a route spends. Every read is a content read, whatever scope its module names: the
 * costly scopes (ai, image, planner, billing) meter work and changes, and a dashboard page load
 * reads from several modules at once (the billing page alone makes six reads).
 */
export function rateScopeOf(route: AnyRoute): RateScope {
  if (route.method === 'get')
    return route.rateLimit === 'auth' || route.rateLimit === 'auth_strict' ? route.rateLimit : 'content_read';
  return route.rateLimit ?? 'content_write';
}

/** "/sites/:siteId" → "/sites/{siteId}" (OpenAPI) and the parameter names. */
export function pathParams(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
}
