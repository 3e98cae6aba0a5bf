import type { Igny8Config } from '../config/index.js';
import { backoffCeiling, retryLoop, sleep } from '../util/retry.js';
import { classifyProviderError } from './classify-error.js';
import { ProviderError } from './provider-error.js';
import type { ProviderFailureReason } from './provider.types.js';

/** config.providers.retry: attempts, backoff, retry-after cap, per-attempt timeout, overall deadline. */
export type RetryPolicy = Igny8Config['providers']['retry'];

export interface RetryFailure {
  reason: ProviderFailureReason;
  retryAfterMs?: number;
  /** invalid_output only: the body could not be parsed at all (a transport problem, worth one retry). */
  unparseable?: boolean;
  /** How many invalid_output failures this call has had, this one included. */
  invalidOutputCount?: number;
}

export interface RetryPlan {
  retry: boolean;
  delayMs: number;
  /** Why not, when retry is false. */
  stop?: 'attempts' | 'reason' | 'retry_after_too_long' | 'deadline';
}

const RETRYABLE = new Set<ProviderFailureReason>(['rate_limit', 'transient', 'timeout']);

/**
 * Pure: after `attempt` attempts failed with `failure`, should we try again and after how long?
 * Full-jitter exponential backoff capped at maxDelayMs; a provider's retry-after wins when it is within
 * retryAfterCapMs, and a longer ask stops at once (so no wait ever exceeds the larger of the two caps).
 * @example planRetry(1, { reason: 'transient' }, policy, () => 0.5) // → { retry: true, delayMs: 250 }
 */
export function planRetry(
  attempt: number,
  failure: RetryFailure,
  policy: RetryPolicy,
  rand: () => number = Math.random,
  remainingMs: number = Number.POSITIVE_INFINITY,
): RetryPlan {
  const retryableOutput =
    failure.reason === 'invalid_output' &&
    failure.unparseable === true &&
    (failure.invalidOutputCount ?? 1) <= 1;
  if (!RETRYABLE.has(failure.reason) && !retryableOutput) return { retry: false, delayMs: 0, stop: 'reason' };
  if (attempt >= policy.maxAttempts) return { retry: false, delayMs: 0, stop: 'attempts' };
  let delayMs: number;
  if (failure.reason === 'rate_limit' && failure.retryAfterMs !== undefined) {
    if (failure.retryAfterMs > policy.retryAfterCapMs) {
      return { retry: false, delayMs: 0, stop: 'retry_after_too_long' };
    }
    delayMs = Math.max(0, Math.ceil(failure.retryAfterMs));
  } else {
    const ceiling = backoffCeiling(attempt, policy.baseDelayMs, policy.maxDelayMs);
    delayMs = Math.floor(Math.min(1, Math.max(0, rand())) * ceiling);
  }
  if (delayMs >= remainingMs) return { retry: false, delayMs: 0, stop: 'deadline' };
  return { retry: true, delayMs };
}

export interface RetryEvent {
  /** The attempt that just failed (1-based). */
  attempt: number;
  delayMs: number;
  error: ProviderError;
}

export interface AttemptContext {
  attempt: number;
  /** Aborts on the per-attempt timeout, the overall deadline, or the caller's signal. */
  signal: AbortSignal;
  /**
   * With `deferTimeout`, starts the per-attempt timeout: call it once the request is about to be
   * sent, so time spent waiting for a throttle slot does not count against the attempt.
   */
  begin(): void;
}

export interface WithRetryOptions {
  /** Used to classify errors the attempt throws unclassified. */
  provider?: string;
  secrets?: ReadonlyArray<string | undefined>;
  signal?: AbortSignal;
  onRetry?: (event: RetryEvent) => void;
  /** Start each attempt's timeout only when the attempt calls `begin()` (the deadline still applies). */
  deferTimeout?: boolean;
  /** Called for every failed attempt, retried or not (the throttle pauses on 429s here). */
  onFailure?: (error: ProviderError) => void;
  rand?: () => number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

class AttemptTimeout extends Error {
  constructor(readonly which: 'attempt' | 'deadline') {
    super(which === 'attempt' ? 'attempt timed out' : 'deadline reached');
  }
}

export { sleep };

/**
 * Run `fn` under our retry policy (the SDKs' own retries are off). Each attempt gets a signal that
 * fires on the per-attempt timeout or the overall deadline; a caller abort is rethrown as-is and never
 * retried. Failures end as a ProviderError carrying `attempts`.
 */
export async function withRetry<T>(
  fn: (ctx: AttemptContext) => Promise<T>,
  policy: RetryPolicy,
  options: WithRetryOptions = {},
): Promise<T> {
  const now = options.now ?? Date.now;
  const started = now();
  let invalidOutputCount = 0;
  return retryLoop<T, ProviderError, RetryPlan>({
    attempt: async (attempt) => {
      options.signal?.throwIfAborted();
      const remaining = policy.deadlineMs - (now() - started);
      const result = await runAttempt(fn, attempt, policy, remaining, options);
      return result instanceof ProviderError
        ? { ok: false, failure: result }
        : { ok: true, value: result.value };
    },
    decide: (attempt, error) => {
      if (error.reason === 'invalid_output') invalidOutputCount++;
      options.onFailure?.(error);
      return planRetry(
        attempt,
        {
          reason: error.reason,
          retryAfterMs: error.retryAfterMs,
          unparseable: error.unparseable,
          invalidOutputCount,
        },
        policy,
        options.rand,
        policy.deadlineMs - (now() - started),
      );
    },
    giveUp: (error, attempts, plan) => {
      throw finalError(error, attempts, plan, policy);
    },
    onRetry: (error, attempt, plan) => options.onRetry?.({ attempt, delayMs: plan.delayMs, error }),
    sleep: options.sleep,
    signal: options.signal,
  });
}

async function runAttempt<T>(
  fn: (ctx: AttemptContext) => Promise<T>,
  attempt: number,
  policy: RetryPolicy,
  remainingMs: number,
  options: WithRetryOptions,
): Promise<{ value: T } | ProviderError> {
  const controller = new AbortController();
  const timers: NodeJS.Timeout[] = [];
  const arm = (which: 'attempt' | 'deadline', ms: number) =>
    timers.push(setTimeout(() => controller.abort(new AttemptTimeout(which)), Math.max(0, ms)));
  arm('deadline', remainingMs);
  let begun = false;
  const begin = () => {
    if (begun) return;
    begun = true;
    arm('attempt', policy.attemptTimeoutMs);
  };
  if (!options.deferTimeout) begin();
  const onOuterAbort = () => controller.abort(options.signal!.reason);
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  try {
    return { value: await fn({ attempt, signal: controller.signal, begin }) };
  } catch (err) {
    if (options.signal?.aborted) throw options.signal.reason;
    const reason = controller.signal.reason as unknown;
    if (reason instanceof AttemptTimeout) {
      const provider = options.provider ?? 'provider';
      return new ProviderError(
        'timeout',
        `${provider}: no answer within ${reason.which === 'attempt' ? policy.attemptTimeoutMs : policy.deadlineMs} ms (${reason.message})`,
        { provider, details: { timeout: reason.which } },
      );
    }
    return classifyProviderError(err, {
      provider: options.provider ?? 'provider',
      secrets: options.secrets ?? [],
    });
  } finally {
    for (const t of timers) clearTimeout(t);
    options.signal?.removeEventListener('abort', onOuterAbort);
  }
}

function finalError(
  error: ProviderError,
  attempts: number,
  plan: RetryPlan,
  policy: RetryPolicy,
): ProviderError {
  if (plan.stop === 'retry_after_too_long') {
    return error.with({
      attempts,
      message: `${error.message} (asked to wait ${error.retryAfterMs} ms, over the ${policy.retryAfterCapMs} ms cap)`,
      details: { waitMs: error.retryAfterMs, stop: plan.stop },
    });
  }
  return error.with({ attempts, details: { stop: plan.stop } });
}
