import { describe, expect, it } from 'vitest';
import { planSchedule } from './plan-schedule.js';
import { PublishingSettingsSchema } from './publishing-settings.schema.js';
import { zonedParts, zonedToUtc } from './zoned-time.js';

const settings = (s: unknown) => PublishingSettingsSchema.parse(s);
// Wednesday 2026-11-25 10:00 UTC
const now = new Date('2026-11-25T10:00:00Z');

describe('planSchedule', () => {
  it('fills the next free time slots on allowed days in the account timezone', () => {
    const plan = planSchedule({
      settings: settings({
        mode: 'time_slots',
        timeSlots: ['09:00', '14:00'],
        days: ['wed', 'thu'],
        limits: { daily: 5 },
      }),
      timezone: 'America/New_York',
      now,
      taken: [],
      count: 3,
    });
    const local = plan.map((p) => zonedParts(p.at, 'America/New_York'));
    // 10:00 UTC is 05:00 in New York: both of today's slots are still ahead.
    expect(local.map((l) => `${l.day} ${l.hour}:${l.minute}`)).toEqual(['25 9:0', '25 14:0', '26 9:0']);
    expect(plan.every((p) => !p.immediate)).toBe(true);
  });

  it('never exceeds the daily and weekly limits, counting posts already taken', () => {
    const taken = [new Date('2026-11-25T15:00:00Z')];
    const plan = planSchedule({
      settings: settings({
        mode: 'stagger',
        stagger: { start: '08:00', end: '20:00', intervalMinutes: 60 },
        days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
        limits: { daily: 2, weekly: 5, monthly: 100 },
      }),
      timezone: 'UTC',
      now,
      taken,
      count: 8,
    });
    expect(plan).toHaveLength(8);
    const perDay = new Map<string, number>();
    for (const d of [...taken, ...plan.map((p) => p.at)])
      perDay.set(d.toISOString().slice(0, 10), (perDay.get(d.toISOString().slice(0, 10)) ?? 0) + 1);
    expect(Math.max(...perDay.values())).toBeLessThanOrEqual(2);
    // Week of Mon 23 Nov: 1 taken + at most 4 more.
    const week1 = [...taken, ...plan.map((p) => p.at)].filter((d) => d < new Date('2026-11-30T00:00:00Z'));
    expect(week1.length).toBeLessThanOrEqual(5);
    expect(plan[0]!.at.toISOString()).toBe('2026-11-25T11:00:00.000Z');
  });

  it('publishes immediately while the daily limit allows, then schedules', () => {
    const plan = planSchedule({
      settings: settings({
        mode: 'immediate',
        limits: { daily: 2 },
        days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
      }),
      timezone: 'UTC',
      now,
      taken: [],
      count: 3,
    });
    expect(plan.map((p) => p.immediate)).toEqual([true, true, false]);
    expect(plan[2]!.at.toISOString().slice(0, 10)).toBe('2026-11-26');
  });

  it('converts wall-clock times across a DST change', () => {
    expect(zonedToUtc(2026, 3, 9, 9, 0, 'America/New_York').toISOString()).toBe('2026-03-09T13:00:00.000Z');
    expect(zonedToUtc(2026, 3, 6, 9, 0, 'America/New_York').toISOString()).toBe('2026-03-06T14:00:00.000Z');
  });
});
