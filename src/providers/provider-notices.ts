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

/** Returning `true` claims the notice: it was reported (a run's log), so outer scopes need not repeat it. */
export type ProviderNoticeListener = (notice: ProviderNotice) => unknown;

const listeners = new AsyncLocalStorage<ReadonlyArray<ProviderNoticeListener>>();
let fallback: ProviderNoticeListener | undefined;

/**
 * Run `fn` with `listener` told about every provider wait and usage correction made inside it.
 * Nested scopes are told innermost first, until one claims the notice. Async context, so callers
 * deep in the AI layer need no extra parameter.
 * @example await withProviderNotices((n) => log(n.message), () => core.ai.run(scope, 'generate_ideas', input))
 */
export function withProviderNotices<T>(listener: ProviderNoticeListener, fn: () => T): T {
  return listeners.run([...(listeners.getStore() ?? []), listener], fn);
}

/** The process's last resort for notices no scope claimed (the CLI prints them); undefined removes it. */
export function setProviderNoticeFallback(listener: ProviderNoticeListener | undefined): void {
  fallback = listener;
}

const tell = (l: ProviderNoticeListener, notice: ProviderNotice): boolean => {
  try {
    return l(notice) === true;
  } catch {
    // An observer must never break the call it observes.
    return false;
  }
};

/** Tell the current async context's listeners (innermost first, until claimed), `extra`, then the fallback. */
export function emitProviderNotice(notice: ProviderNotice, extra?: ProviderNoticeListener): void {
  let claimed = false;
  for (const l of [...(listeners.getStore() ?? [])].reverse()) {
    if (tell(l, notice)) {
      claimed = true;
      break;
    }
  }
  if (extra && tell(extra, notice)) claimed = true;
  if (!claimed && fallback) tell(fallback, notice);
}

/** "21:04:05" in UTC, for messages; the event carries the full ISO time. */
export const clockTime = (ms: number) => new Date(ms).toISOString().slice(11, 19);
