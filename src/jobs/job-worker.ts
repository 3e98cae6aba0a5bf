import type { Core } from '../core.js';
import { warmCore } from '../warm-core.js';
import { LEASE_MS, newLeaseOwner, renewLease } from '../automation/run.repository.js';
import type { Stage } from '../automation/stage-context.js';
import { parseInput } from '../errors/index.js';
import { createJobQueue, RUN_QUEUE, type RunJobData } from './job-queue.js';
import { findOrphanRuns, markDraining, releaseRun, WORKER_OWNER_PREFIX } from './run-claim.repository.js';
import { drainMarker, failJob, runJob, type WorkerContext, type WorkerSummary } from './run-job.js';
import type { RunJob } from './settle-owned-job.js';
import type { WorkerEvent, WorkerEventListener } from './worker-events.js';
import { WorkerOptionsSchema, type WorkerOptionsInput } from './worker-options.schema.js';

export type { WorkerSummary } from './run-job.js';

export interface StartWorkerOptions extends WorkerOptionsInput {
  onEvent?: WorkerEventListener;
  /** Stage implementations (tests, benchmarks); default: the seven pipeline stages. */
  stages?: Record<number, Stage>;
}

export interface JobWorker {
  id: string;
  /** Graceful stop: take no more jobs, let in-flight items finish, give unfinished runs back. */
  stop(): Promise<WorkerSummary>;
  /** Settles once the worker has stopped; rejects if its loop failed. */
  done: Promise<WorkerSummary>;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Start an `igny8 worker`: fetch "work on run X" jobs from pg-boss, take each run's lease (per-site
 * lock, per-account limit checked in the database) and execute it. Any number of workers on any
 * number of machines share the queue. A dead worker's runs are adopted once their lease expires
 * (at once when it died on this host); a stale worker can neither write its run nor settle a job
 * that was fetched again elsewhere. Parallelism is per run, plus each run's per-stage concurrency.
 * @example const w = await startJobWorker(core, { concurrency: 2 }); process.on('SIGTERM', () => void w.stop());
 */
export async function startJobWorker(core: Core, input: StartWorkerOptions = {}): Promise<JobWorker> {
  const { onEvent, stages: _stages, ...rest } = input;
  const options = parseInput(WorkerOptionsSchema, rest, 'worker options');
  const id = `${WORKER_OWNER_PREFIX}${newLeaseOwner()}`;
  const emit = (e: WorkerEvent) => {
    try {
      onEvent?.(e);
    } catch {
      // A listener's bug must not stop the worker.
    }
  };
  const queue = createJobQueue(core, {
    supervise: true,
    onError: (err) => emit({ type: 'worker', worker: id, status: 'error', reason: `queue: ${message(err)}` }),
  });
  let stopping = false;
  // A worker lives for hours: its services load now, not inside its first run.
  await warmCore(core);
  const ctx: WorkerContext = {
    core,
    boss: await queue.boss(),
    queue,
    options,
    stages: input.stages ?? (await import('../automation/stages/index.js')).PIPELINE_STAGES,
    id,
    summary: { worker: id, claimed: 0, finished: 0, released: 0, lost: 0, handedOn: 0, errors: 0 },
    active: new Map(),
    stopping: () => stopping,
    emit,
  };
  const handlers = new Set<Promise<void>>();
  let wake = () => {};
  const nap = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => wake(), ms);
      wake = () => {
        clearTimeout(timer);
        wake = () => {};
        resolve();
      };
    });

  function track(job: RunJob) {
    const p = runJob(ctx, job)
      .catch((err: unknown) => failJob(ctx, job, err))
      .finally(() => {
        handlers.delete(p);
        wake();
      });
    handlers.add(p);
  }

  async function loop(): Promise<void> {
    while (!stopping) {
      const free = options.concurrency - handlers.size;
      let jobs: RunJob[] = [];
      if (free > 0) {
        try {
          jobs = await ctx.boss.fetch<RunJobData>(RUN_QUEUE, { batchSize: free, includeMetadata: true });
        } catch (err) {
          emit({ type: 'worker', worker: id, status: 'error', reason: message(err) });
        }
      }
      for (const job of jobs) track(job);
      if (jobs.length === 0) await nap(options.pollMs);
    }
  }

  let sweeping = false;
  /** Re-enqueue runs no live process works on (lost jobs, dead or hung workers). */
  async function sweep(): Promise<void> {
    if (sweeping || stopping) return;
    sweeping = true;
    try {
      let enqueued = 0;
      for (const o of await findOrphanRuns(core.db)) {
        // Free a dead worker's lease first (compare-and-set on its owner), then wake a worker.
        if (o.status === 'running' && o.lease_owner) await releaseRun(core.db, o.id, o.lease_owner);
        if (await queue.enqueueRun({ accountId: o.account_id }, o.id)) enqueued += 1;
      }
      if (enqueued > 0) {
        emit({ type: 'sweep', worker: id, enqueued });
        wake();
      }
    } catch (err) {
      emit({ type: 'worker', worker: id, status: 'error', reason: `sweep: ${message(err)}` });
    } finally {
      sweeping = false;
    }
  }

  emit({
    type: 'worker',
    worker: id,
    status: 'started',
    concurrency: options.concurrency,
    maxRunsPerAccount: options.maxRunsPerAccount,
  });
  const sweeper = setInterval(() => void sweep(), options.sweepMs);
  await sweep();
  const looping = loop();

  let stopped: Promise<WorkerSummary> | undefined;
  /** Drain: move our leases to drain markers (runners start no new item), wait, hand the runs back. */
  function stop(): Promise<WorkerSummary> {
    stopped ??= (async () => {
      stopping = true;
      clearInterval(sweeper);
      wake();
      emit({ type: 'worker', worker: id, status: 'draining' });
      await Promise.all(
        [...ctx.active.values()].map((a) =>
          markDraining(core.db, a.runId, a.owner, drainMarker(a.owner)).catch(() => false),
        ),
      );
      // In-flight items may outlive a lease period: keep the markers alive until they finish.
      const keep = setInterval(() => {
        for (const a of ctx.active.values())
          void renewLease(core.db, a.runId, drainMarker(a.owner)).catch(() => undefined);
      }, LEASE_MS / 3);
      try {
        await looping;
        while (handlers.size > 0) await Promise.allSettled([...handlers]);
      } finally {
        clearInterval(keep);
        await queue.stop();
      }
      emit({ type: 'worker', worker: id, status: 'stopped' });
      return ctx.summary;
    })();
    return stopped;
  }

  const done = looping.then(
    () => stop(),
    async (err: unknown) => {
      await stop().catch(() => undefined);
      throw err;
    },
  );
  return { id, stop, done };
}
