import { describe, expect, it } from 'vitest';
import { backoffCeiling, retryLoop, sleep, type RetryDecision } from './retry.js';

function recorder() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

describe('retryLoop (the one retry loop)', () => {
  it('retries failures until an attempt succeeds, waiting what the policy says', async () => {
    const { waits, sleep: rec } = recorder();
    const retried: number[] = [];
    const value = await retryLoop<string, string, RetryDecision>({
      attempt: async (n) => (n < 3 ? { ok: false, failure: `fail ${n}` } : { ok: true, value: `ok on ${n}` }),
      decide: (n) => ({ retry: true, delayMs: n * 100 }),
      giveUp: () => 'gave up',
      onRetry: (_f, n) => retried.push(n),
      sleep: rec,
    });
    expect(value).toBe('ok on 3');
    expect(waits).toEqual([100, 200]);
    expect(retried).toEqual([1, 2]);
  });

  it('gives up with the last failure and the attempt count when the policy stops', async () => {
    const { waits, sleep: rec } = recorder();
    const seen: unknown[] = [];
    const value = await retryLoop<string, number, RetryDecision & { why?: string }>({
      attempt: async (n) => ({ ok: false, failure: n * 10 }),
      decide: (n) => (n >= 4 ? { retry: false, delayMs: 0, why: 'attempts' } : { retry: true, delayMs: 0 }),
      giveUp: (failure, attempts, decision) => {
        seen.push(failure, attempts, decision.why);
        return 'gave up';
      },
      sleep: rec,
    });
    expect(value).toBe('gave up');
    expect(seen).toEqual([40, 4, 'attempts']);
    expect(waits).toEqual([]); // zero delays never touch the timer
  });

  it('a giveUp that throws rejects the loop; an attempt that throws is never retried', async () => {
    await expect(
      retryLoop({
        attempt: async () => ({ ok: false, failure: 'x' }),
        decide: () => ({ retry: false, delayMs: 0 }),
        giveUp: () => {
          throw new Error('stopped');
        },
      }),
    ).rejects.toThrow('stopped');
    let calls = 0;
    await expect(
      retryLoop({
        attempt: async () => {
          calls++;
          throw new Error('fatal');
        },
        decide: () => ({ retry: true, delayMs: 0 }),
        giveUp: () => 0,
      }),
    ).rejects.toThrow('fatal');
    expect(calls).toBe(1);
  });

  it('an abort during a wait ends the loop with the signal reason', async () => {
    const controller = new AbortController();
    const loop = retryLoop({
      attempt: async () => ({ ok: false, failure: 'x' }),
      decide: () => ({ retry: true, delayMs: 60_000 }),
      giveUp: () => 0,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error('cancelled')), 5);
    await expect(loop).rejects.toThrow('cancelled');
  });
});

describe('backoffCeiling and sleep', () => {
  it('doubles from the base and stops at the max', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffCeiling(n, 500, 8_000))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000,
    ]);
  });

  it('sleep rejects at once on an aborted signal', async () => {
    await expect(sleep(10, AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
  });
});
