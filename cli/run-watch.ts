import type { RunEvent, RunView } from '../src/automation/index.js';
import type { CliContext } from './context.js';
import { runOutcome } from './run-outcome.js';

/**
 * Follow a run's events for its stop code, and turn the first Ctrl-C into a clean pause (items in
 * flight finish, the run stays resumable); a second Ctrl-C leaves at once (the run is still
 * resumable: the next `igny8 run` takes it over).
 */
export interface RunWatch {
  signal: AbortSignal;
  onEvent(e: RunEvent): void;
  stopCode(): string | undefined;
  interrupted(): boolean;
  dispose(): void;
}

export function watchRun(onEvent: (e: RunEvent) => void): RunWatch {
  const abort = new AbortController();
  let code: string | undefined;
  let runId = '';
  const onSigint = () => {
    if (abort.signal.aborted) {
      process.stderr.write(`\nStopped. Resume with \`igny8 runs resume ${runId || '<id>'}\`.\n`);
      process.exit(130);
    }
    process.stderr.write(
      `\nInterrupted: finishing the items in flight, then pausing${runId ? ` run ${runId}` : ''} (Ctrl-C again to leave now).\n`,
    );
    abort.abort();
  };
  process.on('SIGINT', onSigint);
  return {
    signal: abort.signal,
    onEvent(e: RunEvent) {
      if (e.type === 'run') runId = e.runId;
      if (e.type === 'summary') code = e.code;
      onEvent(e);
    },
    stopCode: () => code,
    interrupted: () => abort.signal.aborted,
    dispose: () => process.off('SIGINT', onSigint),
  };
}

/** Print the run's result (the last NDJSON line carries the failed count) and set the exit code. */
export async function finishRun(
  ctx: CliContext,
  run: RunView,
  opts: Parameters<typeof runOutcome>[1],
): Promise<void> {
  const outcome = runOutcome(run, opts);
  const { renderRunSummary } = await import('./ui/render-estimate.js');
  ctx.out.result(
    {
      type: 'result',
      run,
      failed: outcome.failed,
      exitCode: outcome.exitCode,
      ...(outcome.code ? { code: outcome.code } : {}),
    },
    () => renderRunSummary(run),
  );
  if (outcome.code) {
    process.stderr.write(`error ${outcome.code}: ${outcome.message}\n`);
    if (outcome.hint) process.stderr.write(`hint: ${outcome.hint}\n`);
  }
  process.exitCode = outcome.exitCode;
}
