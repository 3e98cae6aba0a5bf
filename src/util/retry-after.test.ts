import { describe, expect, it } from 'vitest';
import { parseRetryAfter, parseRetryAfterMs } from './retry-after.js';

const now = Date.UTC(2030, 0, 1, 0, 0, 0);

describe('parseRetryAfter (the one Retry-After parser)', () => {
  it('reads delta-seconds, fractions rounded up to whole milliseconds', () => {
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('0.25', now)).toBe(250);
    expect(parseRetryAfter('0.0001', now)).toBe(1);
  });

  it('reads an HTTP date relative to now, and a date in the past as 0', () => {
    expect(parseRetryAfter('Tue, 01 Jan 2030 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Mon, 31 Dec 2029 23:59:00 GMT', now)).toBe(0);
  });

  it('refuses garbage, negatives and number-like text a date parser might accept', () => {
    for (const bad of ['soon', '', '   ', '-5', '-0.5', '1e3', '0x10', '+3', '.5', '5 seconds', 'NaN']) {
      expect(parseRetryAfter(bad, now), bad).toBeUndefined();
    }
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('keeps a huge ask finite, so every cap check refuses it', () => {
    expect(parseRetryAfter('86400', now)).toBe(86_400_000);
    const huge = parseRetryAfter('9'.repeat(400), now);
    expect(huge).toBe(Number.MAX_SAFE_INTEGER);
    expect(Number.isFinite(huge)).toBe(true);
  });
});

describe('parseRetryAfterMs (retry-after-ms)', () => {
  it('reads milliseconds and refuses negatives and garbage', () => {
    expect(parseRetryAfterMs('1500')).toBe(1500);
    expect(parseRetryAfterMs('12.2')).toBe(13);
    expect(parseRetryAfterMs('-1')).toBeUndefined();
    expect(parseRetryAfterMs('abc')).toBeUndefined();
    expect(parseRetryAfterMs('')).toBeUndefined();
    expect(parseRetryAfterMs(undefined)).toBeUndefined();
  });
});
