import { describe, expect, it } from 'vitest';
import { classifyProviderError, reasonForStatus } from './classify-error.js';

const KEY = 'sk-proj-SECRETSECRET1234';
const ctx = { provider: 'openai', secrets: [KEY] };

function httpError(status: number, message: string, headers: Record<string, string> = {}, error?: unknown) {
  return Object.assign(new Error(message), { status, headers: new Headers(headers), error });
}

describe('classifyProviderError', () => {
  it('maps statuses to reasons and catalog codes', () => {
    const cases: Array<[number, string, string]> = [
      [429, 'rate_limit', 'PROVIDER_RATE_LIMIT'],
      [500, 'transient', 'PROVIDER_TRANSIENT'],
      [503, 'transient', 'PROVIDER_TRANSIENT'],
      [529, 'transient', 'PROVIDER_TRANSIENT'],
      [408, 'timeout', 'PROVIDER_TIMEOUT'],
      [401, 'auth', 'PROVIDER_AUTH'],
      [403, 'auth', 'PROVIDER_AUTH'],
      [400, 'bad_request', 'PROVIDER_BAD_REQUEST'],
      [404, 'bad_request', 'PROVIDER_BAD_REQUEST'],
      [422, 'bad_request', 'PROVIDER_BAD_REQUEST'],
    ];
    for (const [status, reason, code] of cases) {
      const e = classifyProviderError(httpError(status, `${status} failed`), ctx);
      expect([e.reason, e.code, e.providerStatus]).toEqual([reason, code, status]);
    }
    expect(reasonForStatus(429, 'insufficient_quota')).toBe('auth');
  });

  it('takes the wait from retry-after headers', () => {
    const e = classifyProviderError(httpError(429, 'slow down', { 'retry-after-ms': '750' }), ctx);
    expect(e.retryAfterMs).toBe(750);
    expect(e.details).toMatchObject({ retryAfterMs: 750 });
  });

  it('classifies connection failures, timeouts and unreadable bodies', () => {
    const reset = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } });
    const e1 = classifyProviderError(reset, ctx);
    expect([e1.reason, e1.unreachable]).toEqual(['transient', true]);
    const e2 = classifyProviderError(Object.assign(new Error('t'), { name: 'TimeoutError' }), ctx);
    expect(e2.reason).toBe('timeout');
    const e3 = classifyProviderError(new SyntaxError('Unexpected end of JSON input'), ctx);
    expect([e3.reason, e3.unparseable]).toEqual(['invalid_output', true]);
  });

  it('never lets the key through, whether the provider echoes it or wraps it in a bearer header', () => {
    const echoed = httpError(401, `Incorrect API key provided: ${KEY}`, {}, { message: `bad key ${KEY}` });
    const bearer = new Error(`request with Authorization: Bearer ${KEY} failed`);
    for (const err of [echoed, bearer]) {
      const e = classifyProviderError(err, ctx);
      const everything = [
        e.message,
        e.hint,
        JSON.stringify(e.toJSON()),
        JSON.stringify(e.details),
        String(e.stack),
      ];
      for (const text of everything) expect(text).not.toContain(KEY);
    }
  });
});
