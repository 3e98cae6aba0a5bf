/**
 * The one retry loop. Callers bring their own policy (providers, WordPress and webhooks differ on
 * what is safe to repeat and how long to wait); the loop only sequences attempt → decide → wait.
 */

/** What one attempt produced: a value, or a failure for the policy to judge. */
export type AttemptResult<T, F> = { ok: true; value: T } | { ok: false; failure: F };

/** A policy's answer after a failed attempt. */
export interface RetryDecision {
  retry: boolean;
  delayMs: number;
}

export interface RetryLoop<T, F, D extends RetryDecision> {
  /** One attempt (1-based). Throwing ends the loop at once with that error: nothing is retried. */
  attempt(attempt: number): Promise<AttemptResult<T, F>>;
  /** After `attempt` failed attempts, retry and after how long? */
  decide(attempt: number, failure: F): D;
  /** The policy said stop: return what the caller gets instead, or throw. */
  giveUp(failure: F, attempts: number, decision: D): T | Promise<T>;
  /** Before each wait (logging, progress, announcements). */
  onRetry?(failure: F, attempt: number, decision: D): void;
  /** Defaults to an abortable timer; tests pass one that records the delays. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Aborts a wait between attempts. */
  signal?: AbortSignal;
}

/**
 * Run attempts until one succeeds or the policy stops.
 * @example await retryLoop({ attempt: async () => ({ ok: true, value: 1 }), decide: () => ({ retry: false, delayMs: 0 }), giveUp: () => 0 }) // 1
 */
export async function retryLoop<T, F, D extends RetryDecision>(loop: RetryLoop<T, F, D>): Promise<T> {
  const wait = loop.sleep ?? sleep;
  for (let attempt = 1; ; attempt++) {
    const result = await loop.attempt(attempt);
    if (result.ok) return result.value;
    const decision = loop.decide(attempt, result.failure);
    if (!decision.retry) return loop.giveUp(result.failure, attempt, decision);
    loop.onRetry?.(result.failure, attempt, decision);
    if (decision.delayMs > 0) await wait(decision.delayMs, loop.signal);
  }
}

/**
 * The exponential backoff ceiling after `attempt` failures: base, 2×base, 4×base … capped at max.
 * @example backoffCeiling(3, 500, 8_000) // 2000
 */
export function backoffCeiling(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

/** Abortable sleep; rejects with the signal's reason when aborted. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
