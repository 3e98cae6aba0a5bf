import type {
  ImageProvider,
  ImageRequest,
  RateLimitSnapshot,
  TextProvider,
  TextRequest,
  TextResponse,
} from './provider.types.js';
import type { ProviderError } from './provider-error.js';
import {
  clockTime,
  emitProviderNotice,
  WAIT_NOTICE_MS,
  type ProviderNotice,
  type ProviderNoticeListener,
  type ProviderWaitReason,
} from './provider-notices.js';
import { withRetry, type RetryEvent, type RetryPolicy } from './retry.js';
import type { Throttle, ThrottleLease, ThrottleWait } from './throttle.js';
import { checkUsage } from './usage-check.js';

export interface ResilienceOptions {
  policy: RetryPolicy;
  throttle: Throttle;
  /** The API key, so every error is scrubbed of it. */
  secrets: ReadonlyArray<string | undefined>;
  onRetry?: (event: RetryEvent & { provider: string }) => void;
  /** Told about long waits and corrected usage (besides the withProviderNotices listeners). */
  onNotice?: ProviderNoticeListener;
  /** Announce waits longer than this (default WAIT_NOTICE_MS; tests shorten it). */
  waitNoticeMs?: number;
  rand?: () => number;
}

/** What a text call will cost the TPM bucket before we know: prompt (~4 chars/token) + output allowance. */
export function estimateRequestTokens(req: TextRequest): number {
  const chars = req.messages.reduce((n, m) => n + m.content.length, 0);
  return Math.ceil(chars / 4) + (req.maxOutputTokens ?? 1024);
}

type Meta = Record<string, string> | undefined;

/** "generate_content (task 3): " — which call waits, from the request's labels. */
const callLabel = (meta: Meta) => (meta?.fn ? `${meta.fn}${meta.item ? ` (${meta.item})` : ''}: ` : '');

function throttleMessage(name: string, w: ThrottleWait, state: ReturnType<Throttle['state']>): string {
  const until = `until ${clockTime(Date.now() + w.ms)} UTC`;
  if (w.for === 'paused')
    return `waiting for ${name}'s rate limit (it answered 429 with retry-after) ${until}`;
  if (w.for === 'requests') return `waiting for ${name}'s requests-per-minute budget ${until}`;
  if (w.for === 'tokens') return `waiting for ${name}'s tokens-per-minute budget ${until}`;
  return `waiting for a free ${name} slot (${state.inFlight} calls in flight, ${state.queued} queued)`;
}

function runner(name: string, options: ResilienceOptions) {
  const { throttle, policy } = options;
  const noticeMs = options.waitNoticeMs ?? WAIT_NOTICE_MS;
  const notify = (n: ProviderNotice) => emitProviderNotice(n, options.onNotice);
  const announce = (reason: ProviderWaitReason, message: string, waitMs?: number) =>
    notify({
      type: 'wait',
      provider: name,
      reason,
      message,
      ...(waitMs !== undefined && waitMs > 0
        ? { waitMs, until: new Date(Date.now() + waitMs).toISOString() }
        : {}),
    });
  const onFailure = (error: ProviderError) => {
    throttle.observe(error.rateLimit);
    if (error.reason === 'rate_limit') {
      // Everyone using this key waits, not only the caller that hit the 429.
      throttle.pause(Math.min(error.retryAfterMs ?? policy.baseDelayMs, policy.retryAfterCapMs));
    }
  };

  /** Take a throttle slot; a wait expected (or turning out) longer than the notice threshold is announced. */
  async function acquire(estimate: number, signal: AbortSignal, meta: Meta): Promise<ThrottleLease> {
    const say = () => {
      const w = throttle.expectedWait(estimate);
      announce('throttle', callLabel(meta) + throttleMessage(name, w, throttle.state()), w.ms);
    };
    let timer: NodeJS.Timeout | undefined;
    if (throttle.expectedWait(estimate).ms > noticeMs) say();
    else timer = setTimeout(say, noticeMs);
    try {
      return await throttle.acquire(estimate, signal);
    } finally {
      clearTimeout(timer);
    }
  }

  return <T extends { usage: { tokensIn: number; tokensOut: number }; rateLimit?: RateLimitSnapshot }>(
    estimate: number,
    req: { signal?: AbortSignal; meta?: Meta },
    call: (signal: AbortSignal) => Promise<T>,
    check?: (res: T) => Promise<T>,
  ): Promise<T> =>
    withRetry(
      async (attempt) => {
        const lease = await acquire(estimate, attempt.signal, req.meta);
        attempt.begin();
        // A provider that takes long (or stalls) is announced once, with the time the attempt gives up.
        const slow = setTimeout(() => {
          const left = policy.attemptTimeoutMs - noticeMs;
          announce(
            'response',
            `${callLabel(req.meta)}no answer from ${name} after ${Math.round(noticeMs / 1000)} s; ` +
              `waiting until ${clockTime(Date.now() + left)} UTC, then the attempt times out and is retried`,
            left,
          );
        }, noticeMs);
        let actual: number | undefined;
        try {
          let res = await call(attempt.signal);
          throttle.observe(res.rateLimit);
          if (check) res = await check(res);
          actual = res.usage.tokensIn + res.usage.tokensOut;
          return res;
        } finally {
          clearTimeout(slow);
          lease.release(actual);
        }
      },
      policy,
      {
        provider: name,
        secrets: options.secrets,
        signal: req.signal,
        rand: options.rand,
        deferTimeout: true,
        onFailure,
        onRetry: (e) => {
          options.onRetry?.({ ...e, provider: name });
          if (e.delayMs <= noticeMs) return;
          announce(
            e.error.reason === 'rate_limit' ? 'rate_limit' : 'retry',
            `${callLabel(req.meta)}${name} failed (${e.error.reason}, attempt ${e.attempt}); ` +
              `retrying at ${clockTime(Date.now() + e.delayMs)} UTC`,
            e.delayMs,
          );
        },
      },
    );
}

/** Wrap a text adapter with our retry policy, the key's throttle and the usage sanity check. */
export function resilientTextProvider(inner: TextProvider, options: ResilienceOptions): TextProvider {
  const run = runner(inner.name, options);
  const check = (req: TextRequest) => async (res: TextResponse) => {
    const { usage, check: usageCheck } = await checkUsage(req, res);
    if (usageCheck.warning) {
      emitProviderNotice(
        {
          type: 'usage',
          provider: inner.name,
          model: req.model,
          message: `${callLabel(req.meta)}${inner.name} ${req.model}: ${usageCheck.warning}`,
        },
        options.onNotice,
      );
    }
    return { ...res, usage, usageCheck };
  };
  return {
    name: inner.name,
    kind: inner.kind,
    generateText: (req: TextRequest) =>
      run(estimateRequestTokens(req), req, (signal) => inner.generateText({ ...req, signal }), check(req)),
    ...(inner.ping ? { ping: () => inner.ping!() } : {}),
  };
}

/** Wrap an image adapter with our retry policy and the key's throttle (requests only; no tokens). */
export function resilientImageProvider(inner: ImageProvider, options: ResilienceOptions): ImageProvider {
  const run = runner(inner.name, options);
  return {
    name: inner.name,
    kind: inner.kind,
    generateImage: (req: ImageRequest) => run(0, req, (signal) => inner.generateImage({ ...req, signal })),
    ...(inner.ping ? { ping: () => inner.ping!() } : {}),
  };
}
