import type * as Luxon from 'luxon';
import { lazyRequire } from '../util/lazy-require.js';

// Loaded on first use: every command imports publishing, few of them schedule (P11).
const luxon = lazyRequire<typeof Luxon>('luxon');

/** Wall-clock ↔ UTC in an IANA timezone, through luxon (which reads the zone rules from Intl). */

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number; // 0 = Monday
}

export function zonedParts(date: Date, tz: string): Parts {
  const t = luxon().DateTime.fromJSDate(date, { zone: tz });
  return { year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute, weekday: t.weekday - 1 };
}

/**
 * The UTC instant at which the wall clock in `tz` reads y-m-d hh:mm. A time skipped by a DST gap
 * moves forward by the gap (02:30 → 03:30); a time that occurs twice is its first occurrence.
 */
export function zonedToUtc(y: number, m: number, d: number, hh: number, mm: number, tz: string): Date {
  const wall = luxon().DateTime.fromObject({ year: y, month: m, day: d, hour: hh, minute: mm }, { zone: tz });
  const first = Math.min(...wall.getPossibleOffsets().map((t) => t.toMillis()), wall.toMillis());
  return new Date(first);
}

export function isValidTimezone(tz: string): boolean {
  return luxon().IANAZone.isValidZone(tz);
}

/**
 * An instant as the wall clock in `tz` shows it, "YYYY-MM-DD HH:mm" (null stays null).
 * @example formatZoned('2030-05-06T07:15:00.000Z', 'Europe/Berlin') // '2030-05-06 09:15'
 */
export function formatZoned(iso: string | null, tz: string): string | null {
  if (!iso) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return luxon().DateTime.fromJSDate(date, { zone: tz }).toFormat('yyyy-MM-dd HH:mm');
}
