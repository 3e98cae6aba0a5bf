import { createHash } from 'node:crypto';
import type { Igny8Config } from '../config/index.js';
import type { RateLimitSnapshot } from './provider.types.js';

/** config.providers.throttle: concurrency, requests per minute, tokens per minute (per provider key). */
export type ThrottleLimits = Igny8Config['providers']['throttle'];

export interface ThrottleLease {
  /** Give the slot back; `actualTokens` corrects the token bucket for the estimate taken at acquire. */
  release(actualTokens?: number): void;
}

export interface ThrottleState {
  inFlight: number;
  queued: number;
  requestsAvailable: number;
  tokensAvailable: number;
  requestsPerMinute: number;
  tokensPerMinute: number;
  pausedForMs: number;
}

/** How long a call asking for `tokens` would wait now, and for what (queue position aside). */
export interface ThrottleWait {
  ms: number;
  /** paused: a 429's retry-after; requests/tokens: the per-minute budgets; slots: the concurrency limit. */
  for: 'none' | 'paused' | 'requests' | 'tokens' | 'slots';
}

export interface Throttle {
  /** Wait for a slot: concurrency, a request from the RPM bucket and `estimatedTokens` from the TPM bucket. */
  acquire(estimatedTokens: number, signal?: AbortSignal): Promise<ThrottleLease>;
  /** Adopt what the provider says about its limits (never above our configured limits). */
  observe(snapshot: RateLimitSnapshot | undefined): void;
  /** Hold every caller for `ms` (after a 429 with retry-after). */
  pause(ms: number): void;
  setLimits(limits: ThrottleLimits): void;
  state(): ThrottleState;
  /** The wait a call of `estimatedTokens` faces now; `slots` has no known end (ms 0). */
  expectedWait(estimatedTokens: number): ThrottleWait;
}

export interface ThrottleClock {
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

const realClock: ThrottleClock = {
  now: () => Date.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (h) => clearTimeout(h as NodeJS.Timeout),
};

interface Waiter {
  tokens: number;
  resolve(lease: ThrottleLease): void;
  reject(err: unknown): void;
  done: boolean;
}

/**
 * Token buckets (capacity one minute's allowance, refilled continuously) plus a concurrency gate,
 * served first come first served. Pure timing logic; the clock is injectable for tests.
 * @example const lease = await throttle.acquire(1200); try { … } finally { lease.release(actualTokens) }
 */
export function createThrottle(initial: ThrottleLimits, clock: ThrottleClock = realClock): Throttle {
  let limits = { ...initial };
  let rpm = limits.requestsPerMinute;
  let tpm = limits.tokensPerMinute;
  let requests = rpm;
  let tokens = tpm;
  let last = clock.now();
  let pausedUntil = 0;
  let inFlight = 0;
  let timer: unknown;
  let timerAt = Number.POSITIVE_INFINITY;
  const queue: Waiter[] = [];

  const refill = () => {
    const t = clock.now();
    const dt = Math.max(0, t - last);
    last = t;
    requests = Math.min(rpm, requests + (dt * rpm) / 60_000);
    tokens = Math.min(tpm, tokens + (dt * tpm) / 60_000);
  };

  const schedule = (ms: number) => {
    const at = clock.now() + Math.max(1, Math.ceil(ms));
    if (timer !== undefined && timerAt <= at) return;
    if (timer !== undefined) clock.clearTimer(timer);
    timerAt = at;
    timer = clock.setTimer(() => {
      timer = undefined;
      timerAt = Number.POSITIVE_INFINITY;
      pump();
    }, at - clock.now());
  };

  const lease = (taken: number): ThrottleLease => {
    let released = false;
    return {
      release(actual) {
        if (released) return;
        released = true;
        inFlight--;
        if (actual !== undefined && Number.isFinite(actual)) {
          refill();
          // The debt never exceeds one minute's refill: a wild usage figure (10^9 tokens) then costs
          // at most one window of waiting instead of freezing every later call on the key for days.
          tokens = Math.max(-tpm, Math.min(tpm, tokens + taken - Math.max(0, actual)));
        }
        pump();
      },
    };
  };

  function pump(): void {
    refill();
    while (queue.length > 0) {
      const w = queue[0]!;
      if (w.done) {
        queue.shift();
        continue;
      }
      const t = clock.now();
      if (t < pausedUntil) return schedule(pausedUntil - t);
      if (inFlight >= limits.concurrency) return;
      const need = Math.min(w.tokens, tpm);
      if (requests < 1) return schedule(((1 - requests) * 60_000) / rpm);
      if (tokens < need) return schedule(((need - tokens) * 60_000) / tpm);
      requests -= 1;
      tokens -= need;
      inFlight++;
      w.done = true;
      queue.shift();
      w.resolve(lease(need));
    }
  }

  return {
    acquire(estimatedTokens, signal) {
      return new Promise<ThrottleLease>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const w: Waiter = {
          tokens: Math.max(0, Math.ceil(estimatedTokens)),
          done: false,
          resolve: (l) => {
            signal?.removeEventListener('abort', onAbort);
            resolve(l);
          },
          reject,
        };
        const onAbort = () => {
          if (w.done) return;
          w.done = true;
          reject(signal!.reason);
          pump();
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        queue.push(w);
        pump();
      });
    },
    observe(snap) {
      if (!snap) return;
      refill();
      if (snap.requestsLimit !== undefined && snap.requestsLimit > 0) {
        rpm = Math.min(limits.requestsPerMinute, snap.requestsLimit);
      }
      if (snap.tokensLimit !== undefined && snap.tokensLimit > 0) {
        tpm = Math.min(limits.tokensPerMinute, snap.tokensLimit);
      }
      // The provider's count is the truth; ours may be optimistic (other processes share the key).
      if (snap.requestsRemaining !== undefined) requests = Math.min(requests, snap.requestsRemaining);
      if (snap.tokensRemaining !== undefined) tokens = Math.min(tokens, snap.tokensRemaining);
      requests = Math.min(requests, rpm);
      tokens = Math.min(tokens, tpm);
      pump();
    },
    pause(ms) {
      if (!(ms > 0)) return;
      pausedUntil = Math.max(pausedUntil, clock.now() + ms);
      pump();
    },
    setLimits(next) {
      refill();
      limits = { ...next };
      rpm = next.requestsPerMinute;
      tpm = next.tokensPerMinute;
      requests = Math.min(requests, rpm);
      tokens = Math.min(tokens, tpm);
      pump();
    },
    expectedWait(estimatedTokens) {
      refill();
      const t = clock.now();
      const need = Math.min(Math.max(0, Math.ceil(estimatedTokens)), tpm);
      const waits: ThrottleWait[] = [
        { for: 'paused', ms: pausedUntil - t },
        { for: 'requests', ms: requests < 1 ? ((1 - requests) * 60_000) / rpm : 0 },
        { for: 'tokens', ms: tokens < need ? ((need - tokens) * 60_000) / tpm : 0 },
      ];
      const longest = waits.reduce((a, b) => (b.ms > a.ms ? b : a));
      if (longest.ms > 0) return { for: longest.for, ms: Math.ceil(longest.ms) };
      return inFlight >= limits.concurrency ? { for: 'slots', ms: 0 } : { for: 'none', ms: 0 };
    },
    state() {
      refill();
      return {
        inFlight,
        queued: queue.filter((w) => !w.done).length,
        requestsAvailable: requests,
        tokensAvailable: tokens,
        requestsPerMinute: rpm,
        tokensPerMinute: tpm,
        pausedForMs: Math.max(0, pausedUntil - clock.now()),
      };
    },
  };
}

/** A stable, non-reversible id for an API key: throttles and caches are keyed by this, never the key. */
export function hashProviderKey(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

const shared = new Map<string, { throttle: Throttle; limits: string }>();

/** The process-wide throttle for one provider key (every registry and scope shares it). */
export function throttleFor(provider: string, apiKey: string, limits: ThrottleLimits): Throttle {
  const id = `${provider}:${hashProviderKey(apiKey)}`;
  const wanted = JSON.stringify(limits);
  const entry = shared.get(id);
  if (!entry) {
    const throttle = createThrottle(limits);
    shared.set(id, { throttle, limits: wanted });
    return throttle;
  }
  if (entry.limits !== wanted) {
    entry.throttle.setLimits(limits);
    entry.limits = wanted;
  }
  return entry.throttle;
}

/** Forget every shared throttle (tests). */
export function resetThrottles(): void {
  shared.clear();
}
