import { describe, expect, it } from 'vitest';
import { Igny8Error } from '../errors/index.js';
import { toCron } from './parse-cadence.js';
import { planSlots, type SlotPlanInput } from './plan-slots.js';

const at = (s: string) => new Date(s);
const daily = (over: Partial<SlotPlanInput> = {}): SlotPlanInput => ({
  cron: toCron('daily 06:00'),
  timezone: 'UTC',
  catchUp: 'once',
  anchorAt: at('2026-03-01T00:00:00Z'),
  ...over,
});

describe('toCron', () => {
  it('turns presets into cron and keeps cron expressions', () => {
    expect(toCron('daily 06:00')).toBe('0 6 * * *');
    expect(toCron('weekdays 6:30')).toBe('30 6 * * 1-5');
    expect(toCron('weekly mon,thu 06:00')).toBe('0 6 * * 1,4');
    expect(toCron('monthly 1 06:00')).toBe('0 6 1 * *');
    expect(toCron('hourly')).toBe('0 * * * *');
    expect(toCron('hourly :15')).toBe('15 * * * *');
    expect(toCron('0 6 * * 1-5')).toBe('0 6 * * 1-5');
  });

  it('refuses what is neither, naming the field', () => {
    for (const bad of [
      'daily 25:00',
      'weekly someday 06:00',
      'monthly 31 06:00',
      'every tuesday',
      '61 * * * *',
    ]) {
      let err: unknown;
      try {
        toCron(bad);
      } catch (e) {
        err = e;
      }
      expect(err, bad).toBeInstanceOf(Igny8Error);
      expect((err as Igny8Error).code).toBe('SCHEDULE_INVALID');
      expect((err as Igny8Error).details).toEqual({ field: 'cadence' });
    }
  });
});

describe('planSlots', () => {
  it('nothing is due before the first slot after the anchor', () => {
    const p = planSlots(daily(), null, at('2026-03-01T05:59:00Z'));
    expect(p).toMatchObject({ slot: null, action: null });
    expect(p.next?.toISOString()).toBe('2026-03-01T06:00:00.000Z');
  });

  it('fires a slot on time once, then not again', () => {
    const p = planSlots(daily(), null, at('2026-03-01T06:00:10Z'));
    expect(p).toMatchObject({ action: 'fire', missed: 0, late: false });
    expect(p.slot?.toISOString()).toBe('2026-03-01T06:00:00.000Z');
    expect(planSlots(daily(), p.slot, at('2026-03-01T06:00:20Z')).slot).toBeNull();
  });

  it('slots missed while nothing ran fire once (the latest), not once per slot', () => {
    const last = at('2026-03-01T06:00:00Z');
    const p = planSlots(daily(), last, at('2026-03-05T09:00:00Z'));
    expect(p.slot?.toISOString()).toBe('2026-03-05T06:00:00.000Z');
    expect(p).toMatchObject({ action: 'fire', missed: 3, late: true });
    // Once that slot is recorded, nothing else from the gap is due.
    expect(planSlots(daily(), p.slot, at('2026-03-05T09:00:01Z')).slot).toBeNull();
  });

  it("catchUp 'skip' records the latest missed slot as skipped instead of firing it", () => {
    const p = planSlots(daily({ catchUp: 'skip' }), at('2026-03-01T06:00:00Z'), at('2026-03-05T09:00:00Z'));
    expect(p).toMatchObject({ action: 'skip', missed: 3, late: true });
    // …but a slot seen on time still fires.
    const onTime = planSlots(
      daily({ catchUp: 'skip' }),
      at('2026-03-04T06:00:00Z'),
      at('2026-03-05T06:01:00Z'),
    );
    expect(onTime).toMatchObject({ action: 'fire', missed: 0 });
  });

  it("reads the slot in the account's timezone, across a DST change", () => {
    const berlin = daily({ timezone: 'Europe/Berlin', anchorAt: at('2026-03-28T00:00:00Z') });
    // 06:00 in Berlin is 05:00 UTC before the change (29 March 2026) and 04:00 UTC after it.
    expect(planSlots(berlin, null, at('2026-03-28T05:00:30Z')).slot?.toISOString()).toBe(
      '2026-03-28T05:00:00.000Z',
    );
    expect(
      planSlots(berlin, at('2026-03-28T05:00:00Z'), at('2026-03-29T04:00:30Z')).slot?.toISOString(),
    ).toBe('2026-03-29T04:00:00.000Z');
  });

  it('a resume (new anchor) does not catch up what passed while paused', () => {
    const p = planSlots(
      daily({ anchorAt: at('2026-03-05T07:00:00Z') }),
      at('2026-03-01T06:00:00Z'),
      at('2026-03-05T08:00:00Z'),
    );
    expect(p.slot).toBeNull();
  });
});
