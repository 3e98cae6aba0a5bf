import type { FakeLimits } from './fake-types.js';

export interface LimitCheck {
  ok: boolean;
  /** When not ok: how long until the call would fit. */
  waitMs: number;
  headers: Record<string, string>;
}

/** Go-style duration as OpenAI sends it in x-ratelimit-reset-*: "1s", "6m0s", "250ms". */
function duration(ms: number): string {
  if (ms < 1000) return `${Math.ceil(ms)}ms`;
  const s = ms / 1000;
  if (s < 60) return `${Math.round(s * 1000) / 1000}s`;
  return `${Math.floor(s / 60)}m${Math.round(s % 60)}s`;
}

/**
 * RPM/TPM buckets for the fake's enforcing mode, with the same semantics as a real provider's:
 * capacity one minute's allowance, refilled continuously. Requests are admitted when one request
 * and the prompt's tokens are available; the answer's tokens are charged afterwards.
 */
export function createFakeRateLimiter(limits: FakeLimits, now: () => number = Date.now) {
  const rpm = limits.requestsPerMinute ?? Number.POSITIVE_INFINITY;
  const tpm = limits.tokensPerMinute ?? Number.POSITIVE_INFINITY;
  let requests = rpm;
  let tokens = tpm;
  let last = now();
  const refill = () => {
    const t = now();
    const dt = t - last;
    last = t;
    // An unset limit is infinite: skip it (∞ × 0 would poison the bucket with NaN).
    if (Number.isFinite(rpm)) requests = Math.min(rpm, requests + (dt * rpm) / 60_000);
    if (Number.isFinite(tpm)) tokens = Math.min(tpm, tokens + (dt * tpm) / 60_000);
  };
  const headers = (anthropic: boolean): Record<string, string> => {
    const h: Record<string, string> = {};
    const put = (kind: 'requests' | 'tokens', limit: number, left: number) => {
      if (!Number.isFinite(limit)) return;
      const resetMs = ((limit - Math.max(0, left)) * 60_000) / limit;
      if (anthropic) {
        h[`anthropic-ratelimit-${kind}-limit`] = String(limit);
        h[`anthropic-ratelimit-${kind}-remaining`] = String(Math.max(0, Math.floor(left)));
        h[`anthropic-ratelimit-${kind}-reset`] = new Date(now() + resetMs).toISOString();
      } else {
        h[`x-ratelimit-limit-${kind}`] = String(limit);
        h[`x-ratelimit-remaining-${kind}`] = String(Math.max(0, Math.floor(left)));
        h[`x-ratelimit-reset-${kind}`] = duration(resetMs);
      }
    };
    put('requests', rpm, requests);
    put('tokens', tpm, tokens);
    return h;
  };
  return {
    admit(promptTokens: number, anthropic: boolean): LimitCheck {
      refill();
      const need = Math.min(promptTokens, tpm);
      if (requests >= 1 && tokens >= need) {
        requests -= 1;
        tokens -= need;
        return { ok: true, waitMs: 0, headers: headers(anthropic) };
      }
      const waitReq = requests >= 1 ? 0 : ((1 - requests) * 60_000) / rpm;
      const waitTok = tokens >= need ? 0 : ((need - tokens) * 60_000) / tpm;
      return { ok: false, waitMs: Math.ceil(Math.max(waitReq, waitTok)), headers: headers(anthropic) };
    },
    /** Charge the answer's tokens (may drive the bucket negative, as real providers do). */
    charge(outputTokens: number) {
      refill();
      tokens -= outputTokens;
    },
  };
}

export type FakeRateLimiter = ReturnType<typeof createFakeRateLimiter>;
