import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../config/index.js';
import { ProviderError } from './provider-error.js';
import { planRetry, withRetry, type RetryPolicy } from './retry.js';

const defaults = ConfigSchema.parse({}).providers.retry;
const policy: RetryPolicy = {
  ...defaults,
  maxAttempts: 5,
  baseDelayMs: 100,
  maxDelayMs: 1000,
  retryAfterCapMs: 5000,
};

describe('planRetry', () => {
  it('retries rate limits, transient failures and timeouts with full-jitter exponential backoff', () => {
    for (const reason of ['rate_limit', 'transient', 'timeout'] as const) {
      expect(planRetry(1, { reason }, policy, () => 1)).toEqual({ retry: true, delayMs: 100 });
      expect(planRetry(3, { reason }, policy, () => 1)).toEqual({ retry: true, delayMs: 400 });
      expect(planRetry(3, { reason }, policy, () => 0.5)).toEqual({ retry: true, delayMs: 200 });
      expect(planRetry(3, { reason }, policy, () => 0)).toEqual({ retry: true, delayMs: 0 });
    }
  });

  it('caps the backoff at maxDelayMs however many attempts failed', () => {
    const plan = planRetry(4, { reason: 'transient' }, { ...policy, maxAttempts: 50 }, () => 1);
    expect(plan.delayMs).toBe(800);
    expect(planRetry(30, { reason: 'transient' }, { ...policy, maxAttempts: 50 }, () => 1).delayMs).toBe(
      1000,
    );
  });

  it('never retries auth, bad requests or refusals', () => {
    for (const reason of ['auth', 'bad_request', 'refused'] as const) {
      expect(planRetry(1, { reason }, policy, () => 0.5)).toEqual({
        retry: false,
        delayMs: 0,
        stop: 'reason',
      });
    }
  });

  it('retries invalid output once, and only when the body was unparseable', () => {
    expect(
      planRetry(1, { reason: 'invalid_output', unparseable: true, invalidOutputCount: 1 }, policy).retry,
    ).toBe(true);
    expect(
      planRetry(2, { reason: 'invalid_output', unparseable: true, invalidOutputCount: 2 }, policy).retry,
    ).toBe(false);
    expect(
      planRetry(1, { reason: 'invalid_output', unparseable: false, invalidOutputCount: 1 }, policy).retry,
    ).toBe(false);
  });

  it('stops after maxAttempts', () => {
    expect(planRetry(5, { reason: 'transient' }, policy)).toEqual({
      retry: false,
      delayMs: 0,
      stop: 'attempts',
    });
    expect(planRetry(4, { reason: 'transient' }, policy).retry).toBe(true);
  });

  it('honours retry-after within the cap and fails fast beyond it', () => {
    expect(planRetry(1, { reason: 'rate_limit', retryAfterMs: 2500 }, policy, () => 0)).toEqual({
      retry: true,
      delayMs: 2500,
    });
    expect(planRetry(1, { reason: 'rate_limit', retryAfterMs: 5000 }, policy).delayMs).toBe(5000);
    expect(planRetry(1, { reason: 'rate_limit', retryAfterMs: 120_000 }, policy)).toEqual({
      retry: false,
      delayMs: 0,
      stop: 'retry_after_too_long',
    });
  });

  it('gives up when the wait would pass the overall deadline', () => {
    expect(planRetry(1, { reason: 'rate_limit', retryAfterMs: 3000 }, policy, () => 0, 2000)).toEqual({
      retry: false,
      delayMs: 0,
      stop: 'deadline',
    });
  });

  it('never plans a wait above the larger of the two caps (property)', () => {
    const cap = Math.max(policy.maxDelayMs, policy.retryAfterCapMs);
    for (let i = 0; i < 2000; i++) {
      const reason = (['rate_limit', 'transient', 'timeout'] as const)[i % 3]!;
      const retryAfterMs = i % 2 === 0 ? (i * 37) % 200_000 : undefined;
      const plan = planRetry((i % 4) + 1, { reason, retryAfterMs }, policy, Math.random);
      expect(plan.delayMs).toBeLessThanOrEqual(cap);
      expect(plan.delayMs).toBeGreaterThanOrEqual(0);
    }
  });
});

const fail = (reason: ConstructorParameters<typeof ProviderError>[0], extra: Record<string, unknown> = {}) =>
  new ProviderError(reason, `fake: ${reason}`, { provider: 'fake', ...extra });

describe('withRetry', () => {
  const noSleep = (waits: number[]) => async (ms: number) => {
    waits.push(ms);
  };

  it('retries until success and reports each planned wait', async () => {
    const waits: number[] = [];
    const events: number[] = [];
    let calls = 0;
    const value = await withRetry(
      async () => {
        calls++;
        if (calls < 3) throw fail('transient');
        return 'done';
      },
      policy,
      { sleep: noSleep(waits), rand: () => 1, onRetry: (e) => events.push(e.attempt) },
    );
    expect(value).toBe('done');
    expect(calls).toBe(3);
    expect(waits).toEqual([100, 200]);
    expect(events).toEqual([1, 2]);
  });

  it('fails with the classified error and the number of attempts', async () => {
    const err = await withRetry(
      async () => {
        throw fail('transient');
      },
      policy,
      { sleep: noSleep([]) },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).reason).toBe('transient');
    expect((err as ProviderError).attempts).toBe(5);
  });

  it('fails fast on a retry-after beyond the cap, with the wait in details', async () => {
    let calls = 0;
    const err = (await withRetry(
      async () => {
        calls++;
        throw fail('rate_limit', { retryAfterMs: 60_000 });
      },
      policy,
      { sleep: noSleep([]) },
    ).catch((e: unknown) => e)) as ProviderError;
    expect(calls).toBe(1);
    expect(err.reason).toBe('rate_limit');
    expect(err.code).toBe('PROVIDER_RATE_LIMIT');
    expect(err.details).toMatchObject({ waitMs: 60_000, stop: 'retry_after_too_long' });
  });

  it('does not retry an auth failure', async () => {
    let calls = 0;
    const err = (await withRetry(
      async () => {
        calls++;
        throw fail('auth');
      },
      policy,
      { sleep: noSleep([]) },
    ).catch((e: unknown) => e)) as ProviderError;
    expect(calls).toBe(1);
    expect(err.attempts).toBe(1);
  });

  it('aborts a hung attempt at the per-attempt timeout and classifies it as timeout', async () => {
    let calls = 0;
    const err = (await withRetry(
      ({ signal }) =>
        new Promise((_, reject) => {
          calls++;
          signal.addEventListener('abort', () => reject(new Error('aborted by signal')));
        }),
      { ...policy, maxAttempts: 2, attemptTimeoutMs: 20 },
      { sleep: noSleep([]) },
    ).catch((e: unknown) => e)) as ProviderError;
    expect(calls).toBe(2);
    expect(err.reason).toBe('timeout');
    expect(err.code).toBe('PROVIDER_TIMEOUT');
  });

  it('with deferTimeout, time before begin() (a throttle queue) does not count against the attempt', async () => {
    const value = await withRetry(
      async ({ begin }) => {
        await new Promise((r) => setTimeout(r, 60));
        begin();
        return 'sent';
      },
      { ...policy, maxAttempts: 1, attemptTimeoutMs: 20 },
      { deferTimeout: true },
    );
    expect(value).toBe('sent');
  });

  it('the overall deadline still ends an attempt that never begins', async () => {
    const err = (await withRetry(
      ({ signal }) =>
        new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('x')))),
      { ...policy, attemptTimeoutMs: 10_000, deadlineMs: 30 },
      { deferTimeout: true, sleep: async () => undefined },
    ).catch((e: unknown) => e)) as ProviderError;
    expect(err.reason).toBe('timeout');
    expect(err.details).toMatchObject({ timeout: 'deadline' });
  });

  it('rethrows a caller abort without retrying', async () => {
    const controller = new AbortController();
    let calls = 0;
    const err = await withRetry(
      ({ signal }) =>
        new Promise((_, reject) => {
          calls++;
          signal.addEventListener('abort', () => reject(new Error('aborted')));
          controller.abort(new Error('user cancelled'));
        }),
      policy,
      { signal: controller.signal, sleep: noSleep([]) },
    ).catch((e: unknown) => e);
    expect(calls).toBe(1);
    expect((err as Error).message).toBe('user cancelled');
  });

  it('classifies unclassified errors (an HTTP 503 shape) and redacts the key', async () => {
    const key = 'sk-secret-abcdef123456';
    let calls = 0;
    const err = (await withRetry(
      async () => {
        calls++;
        throw Object.assign(new Error(`503 overloaded for ${key}`), { status: 503, headers: new Headers() });
      },
      { ...policy, maxAttempts: 2 },
      { sleep: noSleep([]), provider: 'openai', secrets: [key] },
    ).catch((e: unknown) => e)) as ProviderError;
    expect(calls).toBe(2);
    expect(err.reason).toBe('transient');
    expect(err.message).not.toContain(key);
    expect(JSON.stringify(err.toJSON())).not.toContain(key);
  });
});
