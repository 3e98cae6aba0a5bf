import {
  clockTime,
  emitProviderNotice,
  type ProviderNoticeListener,
  type ProviderWaitReason,
} from './provider-notices.js';
import type { Throttle, ThrottleLease, ThrottleWait } from './throttle.js';

export type Announce = (reason: ProviderWaitReason, message: string, waitMs?: number) => void;

/** "generate_content (task 3): " — which call waits, from the request's labels. */
export const callLabel = (meta: Record<string, string> | undefined) =>
  meta?.fn ? `${meta.fn}${meta.item ? ` (${meta.item})` : ''}: ` : '';

/** A wait notice of `provider`, with its end when known, to the context's listeners and `extra`. */
export function waitAnnouncer(provider: string, extra?: ProviderNoticeListener): Announce {
  return (reason, message, waitMs) =>
    emitProviderNotice(
      {
        type: 'wait',
        provider,
        reason,
        message,
        ...(waitMs !== undefined && waitMs > 0
          ? { waitMs, until: new Date(Date.now() + waitMs).toISOString() }
          : {}),
      },
      extra,
    );
}

function throttleMessage(name: string, w: ThrottleWait, state: ReturnType<Throttle['state']>): string {
  const until = `until ${clockTime(Date.now() + w.ms)} UTC`;
  if (w.for === 'paused')
    return `waiting for ${name}'s rate limit (it answered 429 with retry-after) ${until}`;
  if (w.for === 'requests') return `waiting for ${name}'s requests-per-minute budget ${until}`;
  if (w.for === 'tokens') return `waiting for ${name}'s tokens-per-minute budget ${until}`;
  return `waiting for a free ${name} slot (${state.inFlight} calls in flight, ${state.queued} queued)`;
}

/**
 * Take a throttle slot. A wait expected to pass `noticeMs` is announced at once (with its end); one
 * that turns out longer (queued behind other calls) is announced when it passes `noticeMs`.
 */
export async function acquireAnnounced(
  throttle: Throttle,
  estimate: number,
  signal: AbortSignal,
  o: { name: string; label: string; announce: Announce; noticeMs: number },
): Promise<ThrottleLease> {
  const say = () => {
    const w = throttle.expectedWait(estimate);
    o.announce('throttle', o.label + throttleMessage(o.name, w, throttle.state()), w.ms);
  };
  let timer: NodeJS.Timeout | undefined;
  if (throttle.expectedWait(estimate).ms > o.noticeMs) say();
  else timer = setTimeout(say, o.noticeMs);
  try {
    return await throttle.acquire(estimate, signal);
  } finally {
    clearTimeout(timer);
  }
}

/** Announce, once, an answer slower than `noticeMs` (a stall), with the time the attempt gives up; returns the stop. */
export function watchResponse(o: {
  name: string;
  label: string;
  announce: Announce;
  noticeMs: number;
  attemptTimeoutMs: number;
}): () => void {
  const timer = setTimeout(() => {
    const left = o.attemptTimeoutMs - o.noticeMs;
    o.announce(
      'response',
      `${o.label}no answer from ${o.name} after ${Math.round(o.noticeMs / 1000)} s; ` +
        `waiting until ${clockTime(Date.now() + left)} UTC, then the attempt times out and is retried`,
      left,
    );
  }, o.noticeMs);
  return () => clearTimeout(timer);
}
