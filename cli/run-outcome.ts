import { ERROR_CODES, Igny8Error, type ErrorCode } from '../src/errors/index.js';
import type { RunView } from '../src/automation/index.js';

/** `--max-failures`: a count (`3`) or a share of the items processed (`5%`). */
export type MaxFailures = { count: number } | { percent: number };

export function parseMaxFailures(value: string | undefined): MaxFailures {
  if (value === undefined) return { count: 0 };
  const v = value.trim();
  if (/^\d+$/.test(v)) return { count: Number(v) };
  const m = /^(\d+(?:\.\d+)?)%$/.exec(v);
  if (m && Number(m[1]) <= 100) return { percent: Number(m[1]) };
  throw new Igny8Error(
    'VALIDATION_FAILED',
    `--max-failures: expected a count like 3 or a share like 5%, got "${value}"`,
    {
      hint: 'Use --max-failures 0 (the default: any failed item fails the command), --max-failures 3 or --max-failures 5%.',
      fields: { '--max-failures': ['a whole number, or a percentage up to 100%'] },
    },
  );
}

export interface RunOutcome {
  exitCode: number;
  failed: number;
  /** Set when the command did not succeed: the code CI can act on, and what to say. */
  code?: ErrorCode;
  message?: string;
  hint?: string;
}

/**
 * Pure: what a finished `igny8 run` (or `runs resume`) means for CI. Completed with no more failed
 * items than tolerated → 0; more → RUN_COMPLETED_WITH_FAILURES (9); stopped by an error → that
 * error's code; paused by Ctrl-C → INTERRUPTED (130) with how to resume.
 */
export function runOutcome(
  run: RunView,
  opts: { stopCode?: string; maxFailures: MaxFailures; interrupted?: boolean },
): RunOutcome {
  const results = Object.values(run.results);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  const processed = results.reduce((n, r) => n + r.done + r.failed, 0);
  const fail = (code: ErrorCode, message: string, hint?: string): RunOutcome => ({
    exitCode: ERROR_CODES[code].exit,
    failed,
    code,
    message,
    ...(hint ? { hint } : {}),
  });
  const resume = `Resume it with \`igny8 runs resume ${run.id}\` (or run \`igny8 run\` again).`;
  switch (run.status) {
    case 'paused':
      return opts.interrupted
        ? fail('INTERRUPTED', `Run ${run.id} interrupted and paused; nothing done is lost`, resume)
        : { exitCode: 0, failed };
    case 'cancelled':
      return fail('RUN_CANCELLED', `Run ${run.id} was cancelled`);
    case 'running':
      return fail(
        'RUN_LEASE_LOST',
        `Run ${run.id} is continued by another process`,
        `Follow it with \`igny8 runs show ${run.id}\`.`,
      );
    case 'failed': {
      const code = (opts.stopCode && opts.stopCode in ERROR_CODES ? opts.stopCode : 'INTERNAL') as ErrorCode;
      return fail(code, `Run ${run.id} stopped: ${run.error ?? 'unknown error'}`, resume);
    }
    default:
      break;
  }
  if (opts.stopCode && opts.stopCode in ERROR_CODES)
    return fail(
      opts.stopCode as ErrorCode,
      `Run ${run.id} stopped early: ${run.error ?? opts.stopCode}`,
      resume,
    );
  const allowed =
    'count' in opts.maxFailures
      ? opts.maxFailures.count
      : Math.floor((processed * opts.maxFailures.percent) / 100);
  if (failed > allowed) {
    return fail(
      'RUN_COMPLETED_WITH_FAILURES',
      `Run ${run.id} completed with ${failed} failed item${failed === 1 ? '' : 's'} of ${processed}`,
      `See why with \`igny8 runs show ${run.id}\`; \`igny8 run\` retries failed items, and --max-failures N|P% tolerates some.`,
    );
  }
  return { exitCode: 0, failed };
}
