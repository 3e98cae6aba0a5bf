import type {
  ImageProvider,
  ImageRequest,
  RateLimitSnapshot,
  TextProvider,
  TextRequest,
} from './provider.types.js';
import type { ProviderError } from './provider-error.js';
import { withRetry, type RetryEvent, type RetryPolicy } from './retry.js';
import type { Throttle } from './throttle.js';

export interface ResilienceOptions {
  policy: RetryPolicy;
  throttle: Throttle;
  /** The API key, so every error is scrubbed of it. */
  secrets: ReadonlyArray<string | undefined>;
  onRetry?: (event: RetryEvent & { provider: string }) => void;
  rand?: () => number;
}

/** What a text call will cost the TPM bucket before we know: prompt (~4 chars/token) + output allowance. */
export function estimateRequestTokens(req: TextRequest): number {
  const chars = req.messages.reduce((n, m) => n + m.content.length, 0);
  return Math.ceil(chars / 4) + (req.maxOutputTokens ?? 1024);
}

function runner(name: string, options: ResilienceOptions) {
  const { throttle, policy } = options;
  const onFailure = (error: ProviderError) => {
    throttle.observe(error.rateLimit);
    if (error.reason === 'rate_limit') {
      // Everyone using this key waits, not only the caller that hit the 429.
      throttle.pause(Math.min(error.retryAfterMs ?? policy.baseDelayMs, policy.retryAfterCapMs));
    }
  };
  return <T extends { usage: { tokensIn: number; tokensOut: number }; rateLimit?: RateLimitSnapshot }>(
    estimate: number,
    signal: AbortSignal | undefined,
    call: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> =>
    withRetry(
      async (attempt) => {
        const lease = await throttle.acquire(estimate, attempt.signal);
        attempt.begin();
        let actual: number | undefined;
        try {
          const res = await call(attempt.signal);
          throttle.observe(res.rateLimit);
          actual = res.usage.tokensIn + res.usage.tokensOut;
          return res;
        } finally {
          lease.release(actual);
        }
      },
      policy,
      {
        provider: name,
        secrets: options.secrets,
        signal,
        rand: options.rand,
        deferTimeout: true,
        onFailure,
        onRetry: options.onRetry && ((e) => options.onRetry!({ ...e, provider: name })),
      },
    );
}

/** Wrap a text adapter with our retry policy and the key's throttle. */
export function resilientTextProvider(inner: TextProvider, options: ResilienceOptions): TextProvider {
  const run = runner(inner.name, options);
  return {
    name: inner.name,
    kind: inner.kind,
    generateText: (req: TextRequest) =>
      run(estimateRequestTokens(req), req.signal, (signal) => inner.generateText({ ...req, signal })),
    ...(inner.ping ? { ping: () => inner.ping!() } : {}),
  };
}

/** Wrap an image adapter with our retry policy and the key's throttle (requests only; no tokens). */
export function resilientImageProvider(inner: ImageProvider, options: ResilienceOptions): ImageProvider {
  const run = runner(inner.name, options);
  return {
    name: inner.name,
    kind: inner.kind,
    generateImage: (req: ImageRequest) =>
      run(0, req.signal, (signal) => inner.generateImage({ ...req, signal })),
    ...(inner.ping ? { ping: () => inner.ping!() } : {}),
  };
}
