import type { z } from 'zod';
import { effectiveQuerySchema } from '../../server/mount-routes.js';
import { pathParams, type AnyRoute } from '../../server/route.js';
import { sampleValid } from './arbitrary-from-schema.js';

/** Path parameters that name a tenant's object: another account asking for one must get 404/403. */
export const TENANT_PARAMS = new Set([
  'siteId',
  'sourceId',
  'refreshId',
  'sectorId',
  'userId',
  'apiKeyId',
  'keywordId',
  'clusterId',
  'ideaId',
  'taskId',
  'contentId',
  'imageId',
  'runId',
  'destinationId',
  'notificationId',
  'scheduleId',
  'channelId',
  'inviteId',
]);

/** Path parameters that name something shared by every account (models) or a fixed name (prompt keys). */
export const GLOBAL_PARAMS = new Set(['modelRef', 'key', 'provider']);

export interface BuiltRequest {
  method: string;
  path: string;
  body: unknown;
  /** Which fixture ids went into the path, the query string or the body (e.g. "body.siteId"). */
  tenantParams: string[];
}

/** Values for id-like fields, by field name (ids: a list of them). */
export type Fixtures = Record<string, string>;

/**
 * Put the fixture ids into every id-like field of a sample, at any depth, and note which tenant ids
 * went in (`where.key`): a body or query naming another account's object must be refused like a path.
 */
function fillIds(value: unknown, fixtures: Fixtures, where: string, used: string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => fillIds(v, fixtures, where, used));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const key of Object.keys(out)) {
    // A list of ids gets every tenant id there is: whatever kind the route expects, it is in there.
    if (key === 'ids') {
      out[key] = Object.entries(fixtures)
        .filter(([k]) => TENANT_PARAMS.has(k))
        .map(([, v]) => v);
      used.push(`${where}.ids`);
    } else if (fixtures[key] !== undefined && /Id$/.test(key)) {
      out[key] = fixtures[key];
      if (TENANT_PARAMS.has(key)) used.push(`${where}.${key}`);
    } else if (/Ids$/.test(key) && Array.isArray(out[key]) && fixtures[key.slice(0, -1)] !== undefined) {
      out[key] = [fixtures[key.slice(0, -1)]];
      if (TENANT_PARAMS.has(key.slice(0, -1))) used.push(`${where}.${key}`);
    } else out[key] = fillIds(out[key], fixtures, `${where}.${key}`, used);
  }
  return out;
}

/**
 * A request for `route` whose path parameters and id fields come from `fixtures`, and whose body
 * and query are schema-valid samples. A parameter with no fixture is an error: a new kind of route
 * parameter must be taught to the tests, never silently skipped.
 */
export function buildRequest(route: AnyRoute, fixtures: Fixtures, seed = 1): BuiltRequest {
  const tenantParams: string[] = [];
  let path = route.path;
  for (const name of pathParams(route.path)) {
    const value = fixtures[name];
    if (value === undefined)
      throw new Error(`No fixture for path parameter "${name}" of ${route.method} ${route.path}`);
    if (!TENANT_PARAMS.has(name) && !GLOBAL_PARAMS.has(name))
      throw new Error(`Classify parameter "${name}" (${route.path}) in TENANT_PARAMS or GLOBAL_PARAMS`);
    if (TENANT_PARAMS.has(name)) tenantParams.push(name);
    path = path.replace(`:${name}`, encodeURIComponent(value));
  }
  const querySchema = effectiveQuerySchema(route);
  if (querySchema) {
    const sample = (sampleValid(querySchema as z.ZodType, seed) ?? {}) as Record<string, unknown>;
    for (const k of ['page', 'page_size', 'limit', 'offset']) delete sample[k];
    if ('q' in sample && fixtures.q) sample.q = fixtures.q;
    const filled = fillIds(sample, fixtures, 'query', tenantParams) as Record<string, unknown>;
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(filled)) if (v !== undefined && v !== null) qs.set(k, String(v));
    if ([...qs].length) path += `?${qs}`;
  }
  const body = route.body
    ? fillIds(sampleValid(route.body as z.ZodType, seed) ?? {}, fixtures, 'body', tenantParams)
    : undefined;
  return { method: route.method, path, body, tenantParams };
}

export const routeKey = (r: Pick<AnyRoute, 'method' | 'path'>) => `${r.method.toUpperCase()} ${r.path}`;
