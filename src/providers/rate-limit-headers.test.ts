import { describe, expect, it } from 'vitest';
import { parseDurationMs, parseRateLimitHeaders, parseRetryAfter } from './rate-limit-headers.js';

describe('rate-limit headers', () => {
  const now = Date.parse('2025-06-01T12:00:00Z');

  it('reads retry-after-ms first, then retry-after seconds or HTTP date', () => {
    expect(parseRetryAfter(new Headers({ 'retry-after-ms': '1500', 'retry-after': '9' }), now)).toBe(1500);
    expect(parseRetryAfter(new Headers({ 'retry-after': '2' }), now)).toBe(2000);
    expect(parseRetryAfter(new Headers({ 'retry-after': '0.25' }), now)).toBe(250);
    expect(parseRetryAfter({ 'retry-after': 'Sun, 01 Jun 2025 12:00:30 GMT' }, now)).toBe(30_000);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(parseRetryAfter(new Headers(), now)).toBeUndefined();
  });

  it('parses OpenAI reset durations', () => {
    expect(parseDurationMs('1s')).toBe(1000);
    expect(parseDurationMs('6m0s')).toBe(360_000);
    expect(parseDurationMs('20ms')).toBe(20);
    expect(parseDurationMs('1h2m3.5s')).toBe(3_723_500);
  });

  it('parses OpenAI and Anthropic rate-limit headers', () => {
    expect(
      parseRateLimitHeaders(
        new Headers({
          'x-ratelimit-limit-requests': '500',
          'x-ratelimit-remaining-requests': '499',
          'x-ratelimit-reset-requests': '120ms',
          'x-ratelimit-remaining-tokens': '1000',
        }),
        now,
      ),
    ).toEqual({ requestsLimit: 500, requestsRemaining: 499, requestsResetMs: 120, tokensRemaining: 1000 });
    expect(
      parseRateLimitHeaders(
        {
          'anthropic-ratelimit-requests-limit': '50',
          'anthropic-ratelimit-requests-remaining': '3',
          'anthropic-ratelimit-requests-reset': '2025-06-01T12:00:10Z',
        },
        now,
      ),
    ).toEqual({ requestsLimit: 50, requestsRemaining: 3, requestsResetMs: 10_000 });
    expect(parseRateLimitHeaders(new Headers({ 'content-type': 'application/json' }))).toBeUndefined();
  });
});
