import { parseRetryAfter as parseRetryAfterValue, parseRetryAfterMs } from '../util/retry-after.js';
import type { RateLimitSnapshot } from './provider.types.js';

/** Response headers as the SDKs (fetch `Headers`) or node:http (plain object) give them. */
export type HeadersLike = Headers | Record<string, string | string[] | undefined> | null | undefined;

export function headerValue(headers: HeadersLike, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const raw = (headers as Record<string, string | string[] | undefined>)[name.toLowerCase()];
  return Array.isArray(raw) ? raw[0] : raw;
}

/**
 * How long the provider asks us to wait: `retry-after-ms` (OpenAI), else `retry-after` as seconds
 * or an HTTP date. Undefined when absent or unreadable.
 */
export function parseRetryAfter(headers: HeadersLike, now: number = Date.now()): number | undefined {
  return (
    parseRetryAfterMs(headerValue(headers, 'retry-after-ms')) ??
    parseRetryAfterValue(headerValue(headers, 'retry-after'), now)
  );
}

/** OpenAI's reset durations: "1s", "6m0s", "20ms", "1h2m3.5s". */
export function parseDurationMs(text: string): number | undefined {
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
  let total = 0;
  let matched = '';
  for (const m of text.trim().matchAll(re)) {
    const n = Number(m[1]);
    const unit = m[2];
    total += unit === 'h' ? n * 3_600_000 : unit === 'm' ? n * 60_000 : unit === 's' ? n * 1000 : n;
    matched += m[0];
  }
  if (matched && matched === text.trim()) return Math.ceil(total);
  const plain = Number(text);
  return Number.isFinite(plain) ? Math.ceil(plain * 1000) : undefined;
}

function num(headers: HeadersLike, name: string): number | undefined {
  const v = headerValue(headers, name);
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/** Anthropic sends an RFC 3339 instant; OpenAI a duration. */
function resetMs(headers: HeadersLike, name: string, now: number): number | undefined {
  const v = headerValue(headers, name);
  if (v === undefined || v.trim() === '') return undefined;
  if (/^\d{4}-\d{2}-\d{2}T/.test(v)) {
    const at = Date.parse(v);
    return Number.isNaN(at) ? undefined : Math.max(0, at - now);
  }
  return parseDurationMs(v);
}

/** Parse OpenAI `x-ratelimit-*` or Anthropic `anthropic-ratelimit-*` headers; undefined when none. */
export function parseRateLimitHeaders(
  headers: HeadersLike,
  now: number = Date.now(),
): RateLimitSnapshot | undefined {
  const snap: RateLimitSnapshot = {
    requestsLimit:
      num(headers, 'x-ratelimit-limit-requests') ?? num(headers, 'anthropic-ratelimit-requests-limit'),
    requestsRemaining:
      num(headers, 'x-ratelimit-remaining-requests') ??
      num(headers, 'anthropic-ratelimit-requests-remaining'),
    requestsResetMs:
      resetMs(headers, 'x-ratelimit-reset-requests', now) ??
      resetMs(headers, 'anthropic-ratelimit-requests-reset', now),
    tokensLimit: num(headers, 'x-ratelimit-limit-tokens') ?? num(headers, 'anthropic-ratelimit-tokens-limit'),
    tokensRemaining:
      num(headers, 'x-ratelimit-remaining-tokens') ?? num(headers, 'anthropic-ratelimit-tokens-remaining'),
    tokensResetMs:
      resetMs(headers, 'x-ratelimit-reset-tokens', now) ??
      resetMs(headers, 'anthropic-ratelimit-tokens-reset', now),
  };
  const present = Object.fromEntries(Object.entries(snap).filter(([, v]) => v !== undefined));
  return Object.keys(present).length > 0 ? (present as RateLimitSnapshot) : undefined;
}
