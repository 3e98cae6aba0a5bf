import type { RunEvent, RunView } from '../src/automation/index.js';
import type { Scope } from '../src/index.js';
import type { Logger } from './logger.js';

type Listener = (event: RunEvent) => void;

export interface RunHub {
  /**
   * Run `start` in the background (a run outlives the request that started it) and resolve with the
   * run's id as soon as it exists; reject when `start` fails before that (no credits, busy site).
   */
  launch(scope: Scope, start: (onEvent: Listener) => Promise<RunView>): Promise<string>;
  /** Live events of a run executing in this process; returns the unsubscribe function. */
  subscribe(runId: string, listener: Listener): () => void;
  /** Runs executing in this process, with their account. */
  running(): Array<{ runId: string; scope: Scope }>;
  /** Wait for the background runs to stop (after they were asked to pause). */
  settled(): Promise<void>;
}

/** Runs started through this server, and who is watching them. */
export function createRunHub(log: Logger): RunHub {
  const listeners = new Map<string, Set<Listener>>();
  const active = new Map<string, { work: Promise<unknown>; scope: Scope }>();

  const publish = (event: RunEvent) => {
    for (const fn of listeners.get(event.runId) ?? []) {
      try {
        fn(event);
      } catch (err) {
        log.warn('run event listener failed', { runId: event.runId, error: (err as Error).message });
      }
    }
  };

  return {
    launch(scope, start) {
      return new Promise<string>((resolve, reject) => {
        let runId: string | undefined;
        const work = start((event) => {
          if (!runId && event.type === 'run') {
            runId = event.runId;
            active.set(runId, { work, scope: { accountId: scope.accountId } });
            resolve(runId);
          }
          publish(event);
        });
        work
          .then((view) => resolve(view.id))
          .catch((err: unknown) => {
            if (!runId) reject(err);
            else log.error('background run failed', { runId, error: (err as Error).message });
          })
          .finally(() => {
            if (runId) active.delete(runId);
          });
      });
    },
    subscribe(runId, listener) {
      const set = listeners.get(runId) ?? new Set<Listener>();
      listeners.set(runId, set);
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(runId);
      };
    },
    running: () => [...active].map(([runId, { scope }]) => ({ runId, scope })),
    async settled() {
      await Promise.allSettled([...active.values()].map((a) => a.work));
    },
  };
}
