import { AsyncLocalStorage } from 'node:async_hooks';

/** Waits longer than this are announced (quality bar: no run ever stalls without saying why). */
export const WAIT_NOTICE_MS = 5_000;

/**
 * What a provider call is waiting for: `throttle` our per-key budget or a free slot, `rate_limit` a
 * provider's 429 retry-after, `retry` backoff after a failure, `response` the provider's answer.
 */
export type ProviderWaitReason = 'throttle' | 'rate_limit' | 'retry' | 'response';

export type ProviderNotice =
  | {
      type: 'wait';
      provider: string;
      reason: ProviderWaitReason;
      /** Expected length of the wait from now; absent when it has no known end (a free slot). */
      waitMs?: number;
      /** ISO time the wait ends (or, for `response`, when the attempt gives up); absent when unknown. */
      until?: string;
      message: string;
    }
  | { type: 'usage'; provider: string; model: string; message: string };

export type ProviderNoticeListener = (notice: ProviderNotice) => void;

const listeners = new AsyncLocalStorage<ReadonlyArray<ProviderNoticeListener>>();

/**
 * Run `fn` with `listener` told about every provider wait and usage correction made inside it (nested
 * scopes are all told). Async context, so callers deep in the AI layer need no extra parameter.
 * @example await withProviderNotices((n) => log(n.message), () => core.ai.run(scope, 'generate_ideas', input))
 */
export function withProviderNotices<T>(listener: ProviderNoticeListener, fn: () => T): T {
  return listeners.run([...(listeners.getStore() ?? []), listener], fn);
}

/** Tell the listeners of the current async context (and `extra`); a throwing listener is ignored. */
export function emitProviderNotice(notice: ProviderNotice, extra?: ProviderNoticeListener): void {
  for (const l of [...(listeners.getStore() ?? []), ...(extra ? [extra] : [])]) {
    try {
      l(notice);
    } catch {
      // An observer must never break the call it observes.
    }
  }
}

/** "21:04:05" in UTC, for messages; the event carries the full ISO time. */
export const clockTime = (ms: number) => new Date(ms).toISOString().slice(11, 19);
