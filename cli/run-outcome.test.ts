import { describe, expect, it } from 'vitest';
import { emptyResults, type RunView } from '../src/automation/index.js';
import { parseMaxFailures, runOutcome } from './run-outcome.js';

function run(status: RunView['status'], done: number, failed: number, error: string | null = null): RunView {
  const results = emptyResults();
  results['4'] = { ...results['4']!, done, failed };
  return {
    id: 'r1',
    siteId: 's1',
    status,
    trigger: 'cli',
    options: {} as RunView['options'],
    results: results as RunView['results'],
    estimateCredits: 0,
    creditsUsed: 0,
    currentStage: null,
    error,
    createdAt: '',
    startedAt: null,
    finishedAt: null,
  };
}

// Issue 11: a run that completed with failed items exited 0, and a stopped run exited 1 ("a bug").
describe('runOutcome: exit codes CI can act on', () => {
  const none = parseMaxFailures(undefined);

  it('completed with no failures → 0', () => {
    expect(runOutcome(run('completed', 10, 0), { maxFailures: none })).toEqual({ exitCode: 0, failed: 0 });
  });

  it('completed with failed items → 9 RUN_COMPLETED_WITH_FAILURES, with the count', () => {
    const o = runOutcome(run('completed', 8, 2), { maxFailures: none });
    expect(o).toMatchObject({ exitCode: 9, failed: 2, code: 'RUN_COMPLETED_WITH_FAILURES' });
    expect(o.message).toContain('2 failed items of 10');
  });

  it('--max-failures tolerates a count or a share', () => {
    expect(runOutcome(run('completed', 8, 2), { maxFailures: parseMaxFailures('2') }).exitCode).toBe(0);
    expect(runOutcome(run('completed', 8, 2), { maxFailures: parseMaxFailures('1') }).exitCode).toBe(9);
    expect(runOutcome(run('completed', 80, 20), { maxFailures: parseMaxFailures('20%') }).exitCode).toBe(0);
    expect(runOutcome(run('completed', 80, 20), { maxFailures: parseMaxFailures('19.5%') }).exitCode).toBe(9);
  });

  it('a stopped run exits with its error code, never 1 unless it was a bug', () => {
    const stopped = run('failed', 3, 1, 'Not enough credits');
    expect(runOutcome(stopped, { maxFailures: none, stopCode: 'INSUFFICIENT_CREDITS' })).toMatchObject({
      exitCode: 5,
      code: 'INSUFFICIENT_CREDITS',
    });
    expect(
      runOutcome(run('completed', 3, 0, 'credit cap of 10 reached'), {
        maxFailures: none,
        stopCode: 'CREDIT_CAP_REACHED',
      }).exitCode,
    ).toBe(5);
    expect(runOutcome(run('cancelled', 3, 0), { maxFailures: none }).exitCode).toBe(4);
  });

  it('Ctrl-C leaves the run paused: 130 and how to resume', () => {
    const o = runOutcome(run('paused', 3, 0), { maxFailures: none, interrupted: true });
    expect(o).toMatchObject({ exitCode: 130, code: 'INTERRUPTED' });
    expect(o.hint).toContain('igny8 runs resume r1');
  });

  it('--max-failures refuses nonsense, naming the flag', () => {
    expect(() => parseMaxFailures('lots')).toThrow(/--max-failures/);
    expect(() => parseMaxFailures('150%')).toThrow(/--max-failures/);
  });
});
