import type { PublishingSettings } from './publishing-settings.schema.js';
import { WEEKDAYS } from './publishing-settings.schema.js';
import { zonedParts, zonedToUtc } from './zoned-time.js';

export interface ScheduleInput {
  settings: PublishingSettings;
  timezone: string;
  now: Date;
  /** Times already taken by scheduled or published posts of the site (counted against the limits). */
  taken: Date[];
  /** How many items to place. */
  count: number;
}

export interface PlannedSlot {
  at: Date;
  /** True when the slot is now (publish immediately) rather than in the future. */
  immediate: boolean;
}

const toMin = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

function slotsOfDay(settings: PublishingSettings): number[] {
  if (settings.mode === 'time_slots')
    return [...new Set(settings.timeSlots.map(toMin))].sort((a, b) => a - b);
  const { start, end, intervalMinutes } = settings.stagger;
  const out: number[] = [];
  for (let t = toMin(start); t <= toMin(end); t += intervalMinutes) out.push(t);
  return out;
}

const dayKey = (p: { year: number; month: number; day: number }) => `${p.year}-${p.month}-${p.day}`;
const monthKey = (p: { year: number; month: number }) => `${p.year}-${p.month}`;
/** ISO-ish week key: the local date of that week's Monday. */
function weekKey(date: Date, tz: string): string {
  const p = zonedParts(date, tz);
  const monday = new Date(Date.UTC(p.year, p.month - 1, p.day - p.weekday));
  return monday.toISOString().slice(0, 10);
}

/**
 * Pure: place `count` posts into the site's publishing calendar — the next free slots on allowed
 * days, in the account's timezone, never past the daily/weekly/monthly limits (counting posts
 * already taken). Immediate mode uses "now" while today's limit allows, then the next allowed days.
 */
export function planSchedule(input: ScheduleInput): PlannedSlot[] {
  const { settings, timezone: tz, now, count } = input;
  const perDay = new Map<string, number>();
  const perWeek = new Map<string, number>();
  const perMonth = new Map<string, number>();
  const takenAt = new Set(input.taken.map((d) => Math.floor(d.getTime() / 60_000)));
  const bump = (d: Date) => {
    const p = zonedParts(d, tz);
    perDay.set(dayKey(p), (perDay.get(dayKey(p)) ?? 0) + 1);
    perWeek.set(weekKey(d, tz), (perWeek.get(weekKey(d, tz)) ?? 0) + 1);
    perMonth.set(monthKey(p), (perMonth.get(monthKey(p)) ?? 0) + 1);
  };
  const fits = (d: Date) => {
    const p = zonedParts(d, tz);
    return (
      (perDay.get(dayKey(p)) ?? 0) < settings.limits.daily &&
      (perWeek.get(weekKey(d, tz)) ?? 0) < settings.limits.weekly &&
      (perMonth.get(monthKey(p)) ?? 0) < settings.limits.monthly
    );
  };
  for (const t of input.taken) bump(t);

  const out: PlannedSlot[] = [];
  const allowed = new Set(settings.days.map((d) => WEEKDAYS.indexOf(d)));
  if (settings.mode === 'immediate') {
    while (out.length < count && fits(now)) {
      out.push({ at: now, immediate: true });
      bump(now);
    }
  }
  const minutes = settings.mode === 'immediate' ? [toMin(settings.stagger.start)] : slotsOfDay(settings);
  const start = zonedParts(now, tz);
  for (let dayOffset = 0; out.length < count && dayOffset < 3 * 366; dayOffset++) {
    const noonUtc = new Date(Date.UTC(start.year, start.month - 1, start.day + dayOffset, 12));
    const y = noonUtc.getUTCFullYear();
    const m = noonUtc.getUTCMonth() + 1;
    const d = noonUtc.getUTCDate();
    const weekday = (noonUtc.getUTCDay() + 6) % 7;
    if (!allowed.has(weekday)) continue;
    for (const min of minutes) {
      if (out.length >= count) break;
      const at = zonedToUtc(y, m, d, Math.floor(min / 60), min % 60, tz);
      if (at.getTime() <= now.getTime()) continue;
      if (takenAt.has(Math.floor(at.getTime() / 60_000)) || !fits(at)) continue;
      out.push({ at, immediate: false });
      takenAt.add(Math.floor(at.getTime() / 60_000));
      bump(at);
    }
  }
  return out;
}
