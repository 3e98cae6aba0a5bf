import type { RunEvent } from '../automation/index.js';

/** What happened to one queue job: claimed and executed, or handed on and why. */
export type JobOutcome =
  'claimed' | 'finished' | 'busy' | 'deferred' | 'skipped' | 'released' | 'lost' | 'error';

/**
 * Typed progress of a worker (the CLI prints them, or writes them as NDJSON). Run events carry the
 * worker id so interleaved runs can be told apart.
 */
export type WorkerEvent =
  | {
      type: 'worker';
      worker: string;
      status: 'started' | 'draining' | 'stopped' | 'error';
      concurrency?: number;
      maxRunsPerAccount?: number;
      reason?: string;
    }
  | {
      type: 'job';
      worker: string;
      jobId: string;
      runId: string;
      accountId: string;
      status: JobOutcome;
      siteId?: string;
      runStatus?: string;
      reason?: string;
    }
  | { type: 'sweep'; worker: string; enqueued: number }
  | (RunEvent & { worker: string });

export type WorkerEventListener = (event: WorkerEvent) => void;
