import { describe, expect, it } from 'vitest';
import { formatZoned, isValidTimezone, zonedParts, zonedToUtc } from './zoned-time.js';

const iso = (d: Date) => d.toISOString();

describe('zoned time (luxon)', () => {
  it('converts wall clock to UTC and back on ordinary days, half-hour zones included', () => {
    expect(iso(zonedToUtc(2026, 7, 1, 9, 30, 'Europe/Berlin'))).toBe('2026-07-01T07:30:00.000Z');
    expect(iso(zonedToUtc(2026, 1, 15, 9, 0, 'Asia/Kolkata'))).toBe('2026-01-15T03:30:00.000Z');
    expect(zonedParts(new Date('2026-11-29T23:30:00Z'), 'Asia/Kathmandu')).toEqual({
      year: 2026,
      month: 11,
      day: 30,
      hour: 5,
      minute: 15,
      weekday: 0,
    });
    expect(formatZoned('2030-05-06T07:15:00.000Z', 'Europe/Berlin')).toBe('2030-05-06 09:15');
    expect(formatZoned(null, 'UTC')).toBeNull();
    expect(formatZoned('not a date', 'UTC')).toBe('not a date');
  });

  it('moves a time skipped by a DST gap forward by the gap, in every zone', () => {
    // Berlin 2025-03-30: 02:00 → 03:00. New York 2025-03-09: 02:00 → 03:00. Lord Howe 2025-10-05: 02:00 → 02:30.
    expect(formatZoned(iso(zonedToUtc(2025, 3, 30, 2, 30, 'Europe/Berlin')), 'Europe/Berlin')).toBe(
      '2025-03-30 03:30',
    );
    expect(formatZoned(iso(zonedToUtc(2025, 3, 9, 2, 15, 'America/New_York')), 'America/New_York')).toBe(
      '2025-03-09 03:15',
    );
    expect(
      formatZoned(iso(zonedToUtc(2025, 10, 5, 2, 10, 'Australia/Lord_Howe')), 'Australia/Lord_Howe'),
    ).toBe('2025-10-05 02:40');
  });

  it('takes the first occurrence of a time the clocks go back over, whichever side of UTC', () => {
    expect(iso(zonedToUtc(2025, 11, 2, 1, 30, 'America/New_York'))).toBe('2025-11-02T05:30:00.000Z'); // EDT
    expect(iso(zonedToUtc(2025, 10, 26, 2, 30, 'Europe/Berlin'))).toBe('2025-10-26T00:30:00.000Z'); // CEST
    expect(iso(zonedToUtc(2025, 4, 6, 1, 45, 'Australia/Lord_Howe'))).toBe('2025-04-05T14:45:00.000Z'); // +11
  });

  it('knows IANA zones (any case) and refuses the rest', () => {
    for (const tz of ['UTC', 'Europe/Berlin', 'europe/berlin', 'Etc/GMT+5'])
      expect(isValidTimezone(tz), tz).toBe(true);
    for (const tz of ['Mars/Base', '', '+02:00']) expect(isValidTimezone(tz), tz).toBe(false);
  });
});
