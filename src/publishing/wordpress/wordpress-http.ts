import PQueue from 'p-queue';
import type { z } from 'zod';
import { Igny8Error, isIgny8Error } from '../../errors/index.js';
import type { FetchLike } from '../url-guard.js';
import { parseRetryAfter } from '../../util/retry-after.js';
import { retryLoop } from '../../util/retry.js';
import {
  DEFAULT_WP_RETRY,
  planWpRetry,
  type WpFailureKind,
  type WpRetryDecision,
  type WpRetryPolicy,
} from './retry-policy.js';
import {
  discoverRestRoot,
  isWpError,
  parseJsonLenient,
  type RawAnswer,
  type WpRestRoot,
} from './wordpress-discovery.js';
import {
  classifyNetworkError,
  httpError,
  type NetworkFailure,
  unreachableError,
  type WpRequestContext,
} from './wordpress-errors.js';

export interface WpHttpOptions {
  /** The site's address (its home URL; a trailing /wp-json is ignored). */
  url: string;
  /** WordPress username (or e-mail) the application password belongs to. */
  user: string;
  appPassword: string;
  /** Replaces global fetch (tests, or createGuardedFetch in server mode). */
  fetch?: FetchLike;
  /** Per-attempt timeout (default 30 s). */
  timeoutMs?: number;
  retry?: Partial<WpRetryPolicy>;
  /** Requests in flight to this site at once (default 4). */
  concurrency?: number;
  /** Let every call work on a site with plain permalinks instead of failing with WP_PERMALINKS. */
  allowPlainPermalinks?: boolean;
  /** Called before each retry (logging, progress). Never receives credentials. */
  onRetry?: (event: {
    method: string;
    route: string;
    attempt: number;
    delayMs: number;
    reason: string;
  }) => void;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export type QueryValue = string | number | boolean | ReadonlyArray<string | number> | undefined;

export interface WpRequest {
  query?: Record<string, QueryValue>;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is (media uploads), with `headers` naming its type. */
  body?: Uint8Array;
  headers?: Record<string, string>;
  /** Safe to repeat if the first try may have been applied (reads, updates). Default: GET/OPTIONS only. */
  idempotent?: boolean;
  /** Skip the permalinks check (discovery and the connection check). */
  allowPlainPermalinks?: boolean;
  signal?: AbortSignal;
}

export interface WpResponse {
  status: number;
  headers: Headers;
  data: unknown;
}

export interface WpHttp {
  /** Site address without credentials. */
  readonly site: string;
  readonly user: string;
  root(): Promise<WpRestRoot>;
  request(method: string, route: string, req?: WpRequest): Promise<WpResponse>;
}

/** The site URL without credentials, query, fragment, trailing slash or a trailing /wp-json. */
export function normalizeSiteUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new Igny8Error('VALIDATION_FAILED', `"${input}" is not a valid WordPress URL`, {
      hint: 'Give the site address, e.g. https://blog.example.com',
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Igny8Error('VALIDATION_FAILED', `A WordPress URL must be http(s), not ${url.protocol}`, {
      hint: 'Give the site address, e.g. https://blog.example.com',
    });
  }
  const path = url.pathname.replace(/\/wp-json(\/.*)?$/, '').replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}`;
}

function buildQuery(query: Record<string, QueryValue> | undefined): URLSearchParams {
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    qs.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  return qs;
}

/** The transport under the client: auth, timeouts, retries, concurrency, discovery, error mapping. */
export function createWpHttp(options: WpHttpOptions): WpHttp {
  const site = normalizeSiteUrl(options.url);
  const user = options.user;
  // Built once and only ever put in a request header: never in a message, detail or log.
  const authorization = `Basic ${Buffer.from(`${user}:${options.appPassword}`).toString('base64')}`;
  const doFetch: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 30_000;
  const policy: WpRetryPolicy = { ...DEFAULT_WP_RETRY, ...options.retry };
  const queue = new PQueue({ concurrency: options.concurrency ?? 4 });
  let rootPromise: Promise<WpRestRoot> | null = null;

  async function send(method: string, url: string, route: string, req: WpRequest): Promise<RawAnswer> {
    const ctx: WpRequestContext = { site, user, method, route };
    const idempotent = req.idempotent ?? (method === 'GET' || method === 'OPTIONS' || method === 'HEAD');
    const headers: Record<string, string> = { accept: 'application/json', authorization, ...req.headers };
    let body: RequestInit['body'];
    if (req.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(req.json);
    } else if (req.body) body = req.body as unknown as RequestInit['body'];
    type Failure =
      | { network: NetworkFailure }
      | { network?: undefined; kind: WpFailureKind; reason: string; answer: RawAnswer };
    return retryLoop<RawAnswer, Failure, WpRetryDecision>({
      attempt: async (attempt) => {
        const timeout = AbortSignal.timeout(timeoutMs);
        const signal = req.signal ? AbortSignal.any([timeout, req.signal]) : timeout;
        try {
          const res = await doFetch(url, {
            method,
            headers,
            body,
            signal,
            redirect: method === 'GET' ? 'follow' : 'manual',
          });
          const text = await res.text();
          const answer: RawAnswer = {
            status: res.status,
            headers: res.headers,
            url: res.url || url,
            text,
            attempts: attempt,
            retryAfterMs: parseRetryAfter(res.headers.get('retry-after')),
            mayHaveApplied: false,
          };
          if (res.status !== 429 && res.status < 500) return { ok: true, value: answer };
          const kind = res.status === 429 ? 'rate_limited' : 'server';
          return { ok: false, failure: { kind, reason: `HTTP ${res.status}`, answer } };
        } catch (err) {
          // A refused URL (url-guard) or a caller's abort is not a network failure.
          if (req.signal?.aborted || isIgny8Error(err)) throw err;
          return { ok: false, failure: { network: classifyNetworkError(err, timeoutMs) } };
        }
      },
      decide: (attempt, f) => {
        if (f.network) {
          return f.network.permanent
            ? { retry: false, delayMs: 0 }
            : planWpRetry(attempt, f.network.kind, idempotent, undefined, policy, options.random);
        }
        return planWpRetry(attempt, f.kind, idempotent, f.answer.retryAfterMs, policy, options.random);
      },
      giveUp: (f, attempts) => {
        if (f.network) throw unreachableError(ctx, f.network, attempts);
        return { ...f.answer, mayHaveApplied: f.kind === 'server' && !idempotent };
      },
      onRetry: (f, attempt, plan) =>
        options.onRetry?.({
          method,
          route,
          attempt,
          delayMs: plan.delayMs,
          reason: f.network ? f.network.reason : f.reason,
        }),
      sleep: options.sleep,
    });
  }

  function fail(route: string, method: string, answer: RawAnswer, data: unknown): Igny8Error {
    const ctx = { site, user, method, route };
    return httpError(ctx, answer.status, isWpError(data) ? data : null, answer);
  }

  function discover(): Promise<WpRestRoot> {
    return discoverRestRoot(
      site,
      (url) => queue.add(() => send('GET', url, '/', {})),
      (answer, data) => fail('/', 'GET', answer, data),
    );
  }

  function root(): Promise<WpRestRoot> {
    rootPromise ??= discover().catch((err: unknown) => {
      rootPromise = null;
      throw err;
    });
    return rootPromise;
  }

  async function request(method: string, route: string, req: WpRequest = {}): Promise<WpResponse> {
    const r = await root();
    if (!r.prettyPermalinks && !(req.allowPlainPermalinks ?? options.allowPlainPermalinks)) {
      throw new Igny8Error(
        'WP_PERMALINKS',
        `${site} uses plain permalinks (post addresses like ?p=123), so posts cannot live at their slugs`,
        {
          hint: 'In WordPress open Settings → Permalinks, choose "Post name" and save.',
          details: { site },
        },
      );
    }
    const qs = buildQuery(req.query).toString();
    const url = r.prettyPermalinks
      ? `${r.restRoot}${route.replace(/^\//, '')}${qs ? `?${qs}` : ''}`
      : `${site}/?rest_route=${encodeURI(route)}${qs ? `&${qs}` : ''}`;
    const answer = await queue.add(() => send(method, url, route, req));
    const data = parseJsonLenient(answer.text);
    if (answer.status >= 300 && answer.status < 400) {
      throw new Igny8Error(
        'WP_REST_UNAVAILABLE',
        `${site} redirected ${method} ${route} to ${answer.headers.get('location') ?? 'another address'}`,
        {
          hint: 'Connect with the address the site redirects to (for example https:// or www.).',
          details: { site, route, status: answer.status },
        },
      );
    }
    if (answer.status >= 400) throw fail(route, method, answer, data);
    if (data === undefined) {
      throw new Igny8Error(
        'WP_REST_UNAVAILABLE',
        `${site} answered ${method} ${route} with something other than JSON`,
        {
          hint: 'A cache, firewall or security plugin may be rewriting REST API answers; exclude /wp-json/ from it.',
          details: { site, route, status: answer.status },
        },
      );
    }
    return { status: answer.status, headers: answer.headers, data };
  }

  return { site, user, root, request };
}

/** Validate a WordPress answer; a shape we cannot read is a REST problem, not a crash. */
export function parseWp<S extends z.ZodType>(
  schema: S,
  data: unknown,
  site: string,
  route: string,
): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw new Igny8Error('WP_REST_UNAVAILABLE', `${site} answered ${route} with an unexpected shape`, {
    hint: 'A plugin may be changing REST API answers; try with it disabled.',
    details: { site, route, issue: result.error.issues[0]?.message },
  });
}
