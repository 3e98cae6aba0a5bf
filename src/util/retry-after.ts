/**
 * The one `Retry-After` parser (RFC 9110 §10.2.3): delta-seconds or an HTTP date, as milliseconds
 * to wait. Undefined when absent, negative or unreadable, so callers fall back to their own backoff.
 * A huge number stays finite (capped at MAX_SAFE_INTEGER) so every caller's cap check refuses it.
 * @example parseRetryAfter('2') // 2000
 * @example parseRetryAfter('Tue, 01 Jan 2030 00:00:10 GMT', Date.UTC(2030, 0, 1)) // 10000
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  // Fractions are not in the RFC but providers send them ("0.25"); round up so we never retry early.
  if (/^\d+(\.\d+)?$/.test(text)) return capped(Math.ceil(Number(text) * 1000));
  // Anything else number-like ("-5", "1e3", "0x10") is garbage, not a date Date.parse might accept.
  if (/^[-+.\d]/.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** A duration in milliseconds that a provider sends in its own header (`retry-after-ms`). */
export function parseRetryAfterMs(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? capped(Math.ceil(n)) : undefined;
}

function capped(ms: number): number {
  return Number.isFinite(ms) ? Math.min(ms, Number.MAX_SAFE_INTEGER) : Number.MAX_SAFE_INTEGER;
}
