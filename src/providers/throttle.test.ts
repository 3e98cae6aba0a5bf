import { describe, expect, it } from 'vitest';
import {
  createThrottle,
  hashProviderKey,
  throttleFor,
  resetThrottles,
  type ThrottleClock,
  type ThrottleLease,
} from './throttle.js';

/** A clock whose time only moves when the test says so. */
function manualClock() {
  let t = 1_000_000;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const clock: ThrottleClock = {
    now: () => t,
    setTimer(fn, ms) {
      const id = ++seq;
      timers.set(id, { at: t + ms, fn });
      return id;
    },
    clearTimer(h) {
      timers.delete(h as number);
    },
  };
  const advance = async (ms: number) => {
    const end = t + ms;
    for (;;) {
      const due = [...timers.entries()].filter(([, v]) => v.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      t = Math.max(t, due[1].at);
      due[1].fn();
      await Promise.resolve();
    }
    t = end;
    await new Promise((r) => setImmediate(r));
  };
  return { clock, advance };
}

const limits = { concurrency: 2, requestsPerMinute: 60, tokensPerMinute: 6000 };

function track(p: Promise<ThrottleLease>) {
  const box: { lease?: ThrottleLease } = {};
  void p.then((l) => (box.lease = l));
  return box;
}

const flush = () => new Promise((r) => setImmediate(r));

describe('throttle', () => {
  it('holds callers beyond the concurrency limit until a slot is released', async () => {
    const { clock } = manualClock();
    const t = createThrottle(limits, clock);
    const a = track(t.acquire(10));
    const b = track(t.acquire(10));
    const c = track(t.acquire(10));
    await flush();
    expect([Boolean(a.lease), Boolean(b.lease), Boolean(c.lease)]).toEqual([true, true, false]);
    a.lease!.release(10);
    await flush();
    expect(c.lease).toBeDefined();
    expect(t.state().inFlight).toBe(2);
  });

  it('spends the per-minute request allowance and refills it over time', async () => {
    const { clock, advance } = manualClock();
    const t = createThrottle({ concurrency: 100, requestsPerMinute: 3, tokensPerMinute: 1_000_000 }, clock);
    const got = [track(t.acquire(1)), track(t.acquire(1)), track(t.acquire(1)), track(t.acquire(1))];
    await flush();
    expect(got.map((g) => Boolean(g.lease))).toEqual([true, true, true, false]);
    await advance(19_000); // 3 per minute: one more request every 20 s
    expect(got[3]!.lease).toBeUndefined();
    await advance(1_000);
    expect(got[3]!.lease).toBeDefined();
  });

  it('budgets tokens by estimate and corrects the bucket with the actual count', async () => {
    const { clock } = manualClock();
    const t = createThrottle({ concurrency: 100, requestsPerMinute: 1000, tokensPerMinute: 1000 }, clock);
    const a = track(t.acquire(800));
    const b = track(t.acquire(800));
    await flush();
    expect(a.lease).toBeDefined();
    expect(b.lease).toBeUndefined();
    a.lease!.release(100); // the call used far less than estimated: 700 tokens come back
    await flush();
    expect(b.lease).toBeDefined();
    expect(Math.round(t.state().tokensAvailable)).toBe(100);
  });

  it('pauses every caller after a 429 for the retry-after', async () => {
    const { clock, advance } = manualClock();
    const t = createThrottle(limits, clock);
    t.pause(5_000);
    const a = track(t.acquire(1));
    await advance(4_999);
    expect(a.lease).toBeUndefined();
    await advance(1);
    expect(a.lease).toBeDefined();
  });

  it('adopts lower limits and remaining counts from rate-limit headers, never higher ones', async () => {
    const { clock } = manualClock();
    const t = createThrottle({ concurrency: 10, requestsPerMinute: 500, tokensPerMinute: 100_000 }, clock);
    t.observe({ requestsLimit: 100, requestsRemaining: 0, tokensLimit: 1_000_000, tokensRemaining: 50_000 });
    const s = t.state();
    expect(s.requestsPerMinute).toBe(100);
    expect(s.tokensPerMinute).toBe(100_000);
    expect(s.requestsAvailable).toBe(0);
    expect(s.tokensAvailable).toBe(50_000);
    const a = track(t.acquire(1));
    await flush();
    expect(a.lease).toBeUndefined();
  });

  it('drops a waiter whose signal aborts', async () => {
    const { clock } = manualClock();
    const t = createThrottle({ ...limits, concurrency: 1 }, clock);
    const first = track(t.acquire(1));
    const controller = new AbortController();
    const second = t.acquire(1, controller.signal);
    controller.abort(new Error('gave up'));
    await expect(second).rejects.toThrow('gave up');
    const third = track(t.acquire(1));
    first.lease!.release();
    await flush();
    expect(third.lease).toBeDefined();
  });

  it('absurd usage (10^9 tokens) costs at most one window, never days (issue 11)', async () => {
    const { clock, advance } = manualClock();
    const t = createThrottle({ concurrency: 10, requestsPerMinute: 1000, tokensPerMinute: 6000 }, clock);
    const a = track(t.acquire(1000));
    await flush();
    a.lease!.release(1_000_000_000);
    // The debt is floored at one minute's refill, so one window brings the budget back to zero.
    expect(t.state().tokensAvailable).toBe(-6000);
    const b = track(t.acquire(600));
    await flush();
    expect(b.lease).toBeUndefined();
    const wait = t.expectedWait(600);
    expect(wait.for).toBe('tokens');
    expect(wait.ms).toBe(66_000);
    await advance(65_999);
    expect(b.lease).toBeUndefined();
    await advance(1);
    expect(b.lease).toBeDefined();
  });

  it('says what a caller would wait for: a 429 pause, the budgets, or a free slot', async () => {
    const { clock } = manualClock();
    const t = createThrottle({ concurrency: 1, requestsPerMinute: 60, tokensPerMinute: 6000 }, clock);
    expect(t.expectedWait(100)).toEqual({ for: 'none', ms: 0 });
    const a = track(t.acquire(100));
    await flush();
    expect(t.expectedWait(100)).toEqual({ for: 'slots', ms: 0 });
    t.pause(30_000);
    expect(t.expectedWait(100)).toEqual({ for: 'paused', ms: 30_000 });
    a.lease!.release(100);
  });

  it('shares one throttle per provider key, keyed by a hash of the key', () => {
    resetThrottles();
    const key = 'sk-live-1234567890abcdef';
    expect(hashProviderKey(key)).not.toContain(key.slice(3, 12));
    expect(hashProviderKey(key)).toHaveLength(16);
    const a = throttleFor('openai', key, limits);
    expect(throttleFor('openai', key, limits)).toBe(a);
    expect(throttleFor('openai', `${key}x`, limits)).not.toBe(a);
    expect(throttleFor('anthropic', key, limits)).not.toBe(a);
  });
});
