import type { AutomationService, RunView } from '../src/automation/index.js';
import type { Scope } from '../src/index.js';
import type { RunHub } from './run-hub.js';
import type { SseStream } from './sse.js';

const FINISHED: ReadonlySet<string> = new Set(['completed', 'failed', 'cancelled']);

export interface FollowOptions {
  /** How often the database is read for log lines and progress (runs may execute in another process). */
  pollMs?: number;
  /** Resume after this log sequence number (the SSE Last-Event-ID). */
  afterSeq?: number;
}

/**
 * Stream a run over SSE until it finishes or the client leaves: a `run` snapshot whenever its
 * status or per-stage results change, its log lines (`log`, with the sequence number as the event
 * id), live `stage`/`item`/`summary` events when the run executes in this process, then `end`.
 * Reading the database makes it work for runs executing anywhere (another server, a worker, the CLI).
 */
export async function followRun(
  automation: Pick<AutomationService, 'get' | 'logs'>,
  hub: RunHub,
  scope: Scope,
  first: RunView,
  stream: SseStream,
  options: FollowOptions = {},
): Promise<void> {
  const pollMs = options.pollMs ?? 1000;
  let afterSeq = options.afterSeq ?? 0;
  const snapshotOf = (run: RunView) =>
    JSON.stringify([run.status, run.results, run.creditsUsed, run.currentStage]);
  // The snapshot goes first, so a client knows the run before any of its live events.
  stream.send('run', first);
  let last = snapshotOf(first);
  const unsubscribe = hub.subscribe(first.id, (event) => {
    // Log lines come from the database (they carry a sequence number); the rest is live only.
    if (event.type !== 'log') stream.send(event.type, event);
  });
  stream.onClose(unsubscribe);

  const tick = async (run: RunView): Promise<boolean> => {
    for (const entry of await automation.logs(scope, run.id, { afterSeq })) {
      stream.send('log', entry, entry.seq);
      afterSeq = entry.seq;
    }
    const snapshot = snapshotOf(run);
    if (snapshot !== last) {
      stream.send('run', run);
      last = snapshot;
    }
    return FINISHED.has(run.status);
  };

  try {
    let run = first;
    while (!stream.closed && !(await tick(run))) {
      await new Promise((r) => setTimeout(r, pollMs));
      if (stream.closed) break;
      run = await automation.get(scope, run.id);
    }
    stream.send('end', { runId: first.id });
  } finally {
    unsubscribe();
    stream.close();
  }
}
