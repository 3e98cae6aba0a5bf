import { setTimeout as delay } from 'node:timers/promises';
import { apiKeyOf, errorBody, sendJson, startSse, truncatedBody } from './fake-http.js';
import type { FakeRateLimiter } from './fake-rate-limiter.js';
import type { FakeApi, FakeFaults, FakeMisbehaviour, FakeOutcome, RouteContext } from './fake-types.js';

/** Mutable server settings every generation call passes through. */
export interface GateState {
  faults: FakeFaults;
  limiter: FakeRateLimiter | undefined;
  latencyMs: number;
  misbehave: FakeMisbehaviour;
}

export interface GateSpec {
  api: FakeApi;
  route: string;
  model?: string;
  promptTokens: number;
  stream?: boolean;
}

export type GateResult = { proceed: true; headers: Record<string, string> } | { proceed: false };

const FAULT_ORDER = ['auth401', 'rate429', 'status500', 'timeout', 'malformedJson'] as const;
type Fault = (typeof FAULT_ORDER)[number];

/** One draw from the seeded PRNG decides the fault (or none) of a call. */
export function pickFault(rand: () => number, faults: FakeFaults): Fault | undefined {
  const r = rand();
  let acc = 0;
  for (const f of FAULT_ORDER) {
    acc += faults[f] ?? 0;
    if (r < acc) return f;
  }
  return undefined;
}

function retryAfterHeaders(faults: FakeFaults): Record<string, string> {
  if (faults.retryAfterS !== undefined) return { 'retry-after': String(faults.retryAfterS) };
  const ms = faults.retryAfterMs ?? 1000;
  return { 'retry-after-ms': String(ms), 'retry-after': String(Math.ceil(ms / 1000)) };
}

/**
 * Auth, fault injection, rate limits and latency for one generation call. Either answers the call
 * itself (a failure) or lets the route proceed with the rate-limit headers to send.
 */
export async function gate(ctx: RouteContext, state: GateState, spec: GateSpec): Promise<GateResult> {
  const { res, req } = ctx;
  const fail = (
    outcome: FakeOutcome,
    status: number,
    message: string,
    headers: Record<string, string> = {},
  ) => {
    sendJson(res, status, errorBody(spec.api, status, message), headers);
    ctx.record({ api: spec.api, route: spec.route, model: spec.model, outcome, status, stream: spec.stream });
    return { proceed: false as const };
  };
  const key = apiKeyOf(spec.api, req);
  const fault = pickFault(ctx.rand, state.faults);
  const keyOk = key !== '' && (!ctx.options.apiKeys || ctx.options.apiKeys.includes(key));
  // The fake echoes the key it was given, as a careless provider might: callers must redact it.
  if (!keyOk || fault === 'auth401')
    return fail('auth401', 401, `Incorrect API key provided: ${key || '(none)'}`);
  let headers: Record<string, string> = {};
  if (state.limiter) {
    const check = state.limiter.admit(spec.promptTokens, spec.api === 'anthropic');
    headers = check.headers;
    if (!check.ok) {
      return fail('limited429', 429, 'Rate limit reached for requests/tokens per minute.', {
        ...headers,
        'retry-after-ms': String(check.waitMs),
        'retry-after': String(Math.ceil(check.waitMs / 1000)),
      });
    }
  }
  if (fault === 'rate429')
    return fail('rate429', 429, 'Rate limit reached; slow down.', retryAfterHeaders(state.faults));
  if (state.latencyMs > 0 && fault !== 'timeout') {
    const aborted = new AbortController();
    res.once('close', () => aborted.abort());
    await delay(state.latencyMs, undefined, { signal: aborted.signal }).catch(() => undefined);
    if (res.destroyed) return { proceed: false };
  }
  if (fault === 'status500')
    return fail('status500', 500, 'The server had an error while processing your request.');
  if (fault === 'timeout') {
    // Hang: the client's timeout (or the server closing) ends it.
    ctx.record({
      api: spec.api,
      route: spec.route,
      model: spec.model,
      outcome: 'timeout',
      status: 0,
      stream: spec.stream,
    });
    return { proceed: false };
  }
  if (fault === 'malformedJson') {
    if (spec.stream) {
      const sse = startSse(res);
      sse.send('{"id":"broken", "choices": [', spec.api === 'anthropic' ? 'message_start' : undefined);
      sse.end();
    } else {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(truncatedBody(spec.api));
    }
    ctx.record({
      api: spec.api,
      route: spec.route,
      model: spec.model,
      outcome: 'malformedJson',
      status: 200,
      stream: spec.stream,
    });
    return { proceed: false };
  }
  return { proceed: true, headers };
}

/** Auth only (model listings, status lookups): no faults, no limits. */
export function checkAuth(ctx: RouteContext, api: FakeApi, route: string): boolean {
  const key = apiKeyOf(api, ctx.req);
  if (key !== '' && (!ctx.options.apiKeys || ctx.options.apiKeys.includes(key))) return true;
  sendJson(ctx.res, 401, errorBody(api, 401, `Incorrect API key provided: ${key || '(none)'}`));
  ctx.record({ api, route, outcome: 'auth401', status: 401 });
  return false;
}
