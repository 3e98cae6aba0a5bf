/** Scale-out on PostgreSQL: the pg-boss run queue and `igny8 worker`. */
export {
  createJobQueue,
  requireJobQueue,
  workersNeedPostgres,
  RUN_QUEUE,
  type JobQueue,
  type JobQueueOptions,
  type RunJobData,
} from './job-queue.js';
export { startJobWorker, type JobWorker, type StartWorkerOptions, type WorkerSummary } from './job-worker.js';
export { WorkerOptionsSchema, type WorkerOptions, type WorkerOptionsInput } from './worker-options.schema.js';
export type { JobOutcome, WorkerEvent, WorkerEventListener } from './worker-events.js';
export { startHealthServer, type HealthServer } from './health-server.js';
