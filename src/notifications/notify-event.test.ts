import { describe, expect, it } from 'vitest';
import { eventKindOf, eventNotification, runFinishedEvent } from './notify-event.js';

const run = (status: string, failed: number, error: string | null = null) => ({
  id: 'r1',
  siteId: 's1',
  status,
  error,
  creditsUsed: 42,
  results: { '1': { done: 3, failed: 0 }, '4': { done: 2, failed } },
});

describe('run results as events', () => {
  it('tells completed, completed with failures and failed apart; paused and cancelled say nothing', () => {
    expect(runFinishedEvent(run('completed', 0))).toMatchObject({
      kind: 'run.completed',
      done: 5,
      failed: 0,
    });
    expect(runFinishedEvent(run('completed', 2))).toMatchObject({
      kind: 'run.completed_with_failures',
      failed: 2,
    });
    expect(runFinishedEvent(run('failed', 1, 'credit cap reached'))).toMatchObject({
      kind: 'run.failed',
      error: 'credit cap reached',
    });
    expect(runFinishedEvent(run('paused', 0))).toBeNull();
    expect(runFinishedEvent(run('cancelled', 0))).toBeNull();
  });

  it('stores each event once with a key its kind can be read back from', () => {
    const withFailures = eventNotification(runFinishedEvent(run('completed', 2))!);
    expect(withFailures).toMatchObject({ level: 'warning', title: 'Run completed with failures' });
    expect(withFailures.message).toContain('2 failed items');
    expect(eventKindOf(withFailures.dedupeKey!)).toBe('run.completed_with_failures');
    const skipped = eventNotification({
      kind: 'schedule.slot_skipped',
      scheduleId: 'sch',
      scheduleName: 'nightly',
      slotTime: '2026-03-02T06:00:00.000Z',
      reason: 'run r0 is still running on the site',
    });
    expect(eventKindOf(skipped.dedupeKey!)).toBe('schedule.slot_skipped');
    expect(eventKindOf('credits-usage:2026-03-01T00:00:00.000Z:80')).toBe('credits.low');
    expect(eventKindOf('something-else:1')).toBeNull();
    expect(eventKindOf(null)).toBeNull();
  });
});
