import { parseRetryAfter } from '../../util/retry-after.js';
import { backoffCeiling } from '../../util/retry.js';

/** How the WordPress client retries: attempts, exponential backoff with jitter, retry-after cap. */
export interface WpRetryPolicy {
  /** Attempts per request, the first included (1 = never retry). */
  maxAttempts: number;
  /** First backoff delay; doubles each attempt. */
  baseDelayMs: number;
  /** Longest backoff between attempts. */
  maxDelayMs: number;
  /** Longest Retry-After honoured; a longer ask fails at once as rate-limited. */
  retryAfterCapMs: number;
}

export const DEFAULT_WP_RETRY: WpRetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  retryAfterCapMs: 30_000,
};

/**
 * Why an attempt failed, as far as retrying is concerned. `not_sent`: the request never reached
 * the site (connection refused, DNS hiccup, connect timeout) so even a create can be retried;
 * `lost`: it may have been applied (reset, read timeout); `rate_limited`: 429, never applied;
 * `server`: 5xx, may have been applied.
 */
export type WpFailureKind = 'not_sent' | 'lost' | 'rate_limited' | 'server';

export interface WpRetryDecision {
  retry: boolean;
  delayMs: number;
  /** Set when a Retry-After longer than the cap stopped the retries. */
  retryAfterTooLong?: boolean;
}

/**
 * Pure: after `attempt` failed attempts, retry and after how long? Non-idempotent requests (creates)
 * are retried only when the site cannot have applied them, so a retry never makes a duplicate post.
 * @example planWpRetry(1, 'server', true, undefined, DEFAULT_WP_RETRY, () => 1) // { retry: true, delayMs: 500 }
 */
export function planWpRetry(
  attempt: number,
  kind: WpFailureKind,
  idempotent: boolean,
  retryAfterMs: number | undefined,
  policy: WpRetryPolicy,
  random: () => number = Math.random,
): WpRetryDecision {
  const safe =
    kind === 'not_sent' || kind === 'rate_limited' || (idempotent && (kind === 'lost' || kind === 'server'));
  if (!safe || attempt >= policy.maxAttempts) return { retry: false, delayMs: 0 };
  if (retryAfterMs !== undefined) {
    if (retryAfterMs > policy.retryAfterCapMs) return { retry: false, delayMs: 0, retryAfterTooLong: true };
    return { retry: true, delayMs: Math.max(0, Math.ceil(retryAfterMs)) };
  }
  const ceiling = backoffCeiling(attempt, policy.baseDelayMs, policy.maxDelayMs);
  // "Equal jitter": half fixed, half random, so retries spread out but never fire at once.
  const jitter = Math.min(1, Math.max(0, random()));
  return { retry: true, delayMs: Math.round(ceiling / 2 + (ceiling / 2) * jitter) };
}

/** Kept for callers of this module; the one parser lives in util/retry-after. */
export { parseRetryAfter };
