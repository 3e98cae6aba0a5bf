import { createStageBatcher, withBatchItem, type BatchProgress, type StageBatcher } from '../ai/index.js';
import { Igny8Error } from '../errors/index.js';
import type { Db } from '../db/index.js';
import type { SiteScope } from '../tenancy/scope.js';
import type { RunEvent } from './run-events.js';
import { appendRunEvent } from './run.repository.js';

/**
 * How often a waiting batch is polled: the run's own `batchPollSeconds`, else IGNY8_BATCH_POLL_MS
 * (milliseconds; tests and benches poll fast), else the config's `ai.batch.pollSeconds`, else 30 s.
 * @example batchPollMs({ runSeconds: 5 }) // 5000
 */
export function batchPollMs(
  from: { runSeconds?: number; configSeconds?: number; env?: NodeJS.ProcessEnv } = {},
): number {
  if (from.runSeconds !== undefined && from.runSeconds > 0) return Math.round(from.runSeconds * 1000);
  const env = Number((from.env ?? process.env).IGNY8_BATCH_POLL_MS);
  if (Number.isFinite(env) && env > 0) return env;
  if (from.configSeconds !== undefined && from.configSeconds > 0)
    return Math.round(from.configSeconds * 1000);
  return 30_000;
}

export interface StageBatching {
  /** Items in flight: all of them, so their requests share one batch. */
  concurrency: number;
  run<T>(itemId: string, fn: () => Promise<T>): Promise<T>;
  /** The run stopped (paused, cancelled, lost): waiting items let go; the batches stay with the provider. */
  stop(status: string): void;
}

/**
 * Batch mode for one stage (`igny8 run --batch`): every item of the stage runs at once and its text
 * calls go through the provider's batch API. Images have no batch API and stay synchronous.
 */
export function stageBatching(input: {
  db: Db;
  scope: SiteScope;
  runId: string;
  stage: { n: number; key: string };
  items: number;
  /** Milliseconds between polls of a waiting batch (batchPollMs). */
  pollMs: number;
  /** A later stage follows in this run: items whose requests are resubmitted wait in a later pass. */
  deferResubmits: boolean;
  log(level: 'info' | 'warn', message: string): void;
  emit(e: RunEvent): void;
}): StageBatching {
  // Each poll reaches the live stream (the progress line) and the run's log (`igny8 runs logs`).
  const onProgress = (p: BatchProgress) => {
    const message = `${p.provider} batch ${p.batchId}: ${p.status}, ${p.done}/${p.total} answered${p.failed ? `, ${p.failed} failed` : ''}`;
    input.emit({ type: 'batch', runId: input.runId, stage: input.stage.n, ...p, message });
    void appendRunEvent(input.db, input.scope, input.runId, {
      level: 'info',
      stage: input.stage.n,
      type: 'batch',
      message,
      data: p,
    }).catch(() => undefined);
  };
  let batcher: StageBatcher | null = null;
  const get = () =>
    (batcher ??= createStageBatcher({
      db: input.db,
      scope: input.scope,
      runId: input.runId,
      stage: input.stage.key,
      pollMs: input.pollMs,
      deferResubmits: input.deferResubmits,
      log: input.log,
      onProgress,
    }));
  if (input.stage.key === 'images') {
    input.log('info', 'Images have no batch API: this stage runs synchronously, at the full price');
  }
  return {
    concurrency: Math.max(1, input.items),
    run: (itemId, fn) => withBatchItem(get(), itemId, fn),
    stop(status) {
      // A cancelled run's batches are cancelled at the provider too; a paused one's are kept.
      if (status === 'cancelled') {
        batcher?.close(new Igny8Error('RUN_CANCELLED', `Run ${input.runId} was cancelled`), { cancel: true });
        return;
      }
      batcher?.close(
        new Igny8Error('BATCH_PENDING', 'The run stopped while this item waited in a provider batch', {
          hint: 'Resume the run (`igny8 runs resume`): it picks the batch up without resubmitting.',
        }),
      );
    },
  };
}
