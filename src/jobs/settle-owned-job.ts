import type PgBoss from 'pg-boss';
import { RUN_QUEUE, type RunJobData } from './job-queue.js';

export type RunJob = PgBoss.JobWithMetadata<RunJobData>;

/**
 * Complete (or fail) a job only while it is still ours: active, and started when we fetched it. A
 * job that expired and was fetched again by another worker has a new start time, so a stale worker
 * cannot settle it. Returns whether it did.
 */
export async function settleOwnedJob(
  boss: PgBoss,
  job: RunJob,
  output: Record<string, unknown>,
  failed = false,
): Promise<boolean> {
  const now = await boss.getJobById<RunJobData>(RUN_QUEUE, job.id);
  if (!now || now.state !== 'active') return false;
  if (new Date(now.startedOn).getTime() !== new Date(job.startedOn).getTime()) return false;
  const r = failed
    ? await boss.fail(RUN_QUEUE, job.id, output)
    : await boss.complete(RUN_QUEUE, job.id, output);
  return (r as unknown as { affected?: number }).affected !== 0;
}
