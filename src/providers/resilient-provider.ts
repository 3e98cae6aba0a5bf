import type {
  ImageProvider,
  ImageRequest,
  RateLimitSnapshot,
  TextProvider,
  TextRequest,
  TextResponse,
} from './provider.types.js';
import type { ProviderError } from './provider-error.js';
import { acquireAnnounced, callLabel, waitAnnouncer, watchResponse } from './announced-waits.js';
import {
  clockTime,
  emitProviderNotice,
  WAIT_NOTICE_MS,
  type ProviderNoticeListener,
} from './provider-notices.js';
import { withRetry, type RetryEvent, type RetryPolicy } from './retry.js';
import type { Throttle } from './throttle.js';
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

function runner(name: string, options: ResilienceOptions) {
  const { throttle, policy } = options;
  const noticeMs = options.waitNoticeMs ?? WAIT_NOTICE_MS;
  const announce = waitAnnouncer(name, options.onNotice);
  const onFailure = (error: ProviderError) => {
    throttle.observe(error.rateLimit);
    if (error.reason === 'rate_limit') {
      // Everyone using this key waits, not only the caller that hit the 429.
      throttle.pause(Math.min(error.retryAfterMs ?? policy.baseDelayMs, policy.retryAfterCapMs));
    }
  };
  const onRetry = (label: string) => (e: RetryEvent) => {
    options.onRetry?.({ ...e, provider: name });
    if (e.delayMs <= noticeMs) return;
    announce(
      e.error.reason === 'rate_limit' ? 'rate_limit' : 'retry',
      `${label}${name} failed (${e.error.reason}, attempt ${e.attempt}); ` +
        `retrying at ${clockTime(Date.now() + e.delayMs)} UTC`,
      e.delayMs,
    );
  };

  return <T extends { usage: { tokensIn: number; tokensOut: number }; rateLimit?: RateLimitSnapshot }>(
    estimate: number,
    req: { signal?: AbortSignal; meta?: Meta },
    call: (signal: AbortSignal) => Promise<T>,
    check?: (res: T) => Promise<T>,
  ): Promise<T> =>
    withRetry(
      async (attempt) => {
        const label = callLabel(req.meta);
        const waits = { name, label, announce, noticeMs };
        const lease = await acquireAnnounced(throttle, estimate, attempt.signal, waits);
        attempt.begin();
        const stopWatching = watchResponse({ ...waits, attemptTimeoutMs: policy.attemptTimeoutMs });
        let actual: number | undefined;
        try {
          let res = await call(attempt.signal);
          throttle.observe(res.rateLimit);
          if (check) res = await check(res);
          actual = res.usage.tokensIn + res.usage.tokensOut;
          return res;
        } finally {
          stopWatching();
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
        onRetry: onRetry(callLabel(req.meta)),
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
    // Batch calls skip the throttle (the provider queues them) and are polled again on failure.
    ...(inner.batch ? { batch: inner.batch } : {}),
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
