import { randomBytes } from 'node:crypto';
import type { Core } from '../core.js';
import { executeRun } from '../automation/run-runner.js';
import { findRun, type RunRow } from '../automation/run.repository.js';
import type { Stage } from '../automation/stage-context.js';
import type { JobQueue } from './job-queue.js';
import { claimRun, releaseRun, WORKER_OWNER_PREFIX, type ClaimStatus } from './run-claim.repository.js';
import { settleOwnedJob, type RunJob } from './settle-owned-job.js';
import type { JobOutcome, WorkerEvent } from './worker-events.js';
import type { WorkerOptions } from './worker-options.schema.js';
import type PgBoss from 'pg-boss';

export interface WorkerSummary {
  worker: string;
  /** Runs this worker took the lease of. */
  claimed: number;
  /** Runs it carried to completed, failed, paused or cancelled. */
  finished: number;
  /** Runs it gave back to the queue on shutdown. */
  released: number;
  /** Runs another process took over (our lease had expired). */
  lost: number;
  /** Jobs passed on without work: run busy elsewhere, account at its limit, or nothing to do. */
  handedOn: number;
  errors: number;
}

/** A run this worker executes: the lease owner it claimed it with. */
export interface ActiveRun {
  runId: string;
  owner: string;
}

/** What handling one job needs from its worker. */
export interface WorkerContext {
  core: Core;
  boss: PgBoss;
  queue: JobQueue;
  options: WorkerOptions;
  stages: Record<number, Stage>;
  id: string;
  summary: WorkerSummary;
  /** Runs in flight, by job id; the drain marks their leases. */
  active: Map<string, ActiveRun>;
  stopping(): boolean;
  emit(event: WorkerEvent): void;
}

/** The lease owner a draining worker moves a run's lease to (still a worker owner, for the sweeper). */
export const drainMarker = (owner: string) =>
  `${WORKER_OWNER_PREFIX}drain:${owner.slice(WORKER_OWNER_PREFIX.length)}`;

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

function reporter(ctx: WorkerContext, job: RunJob) {
  return (status: JobOutcome, extra: { siteId?: string; runStatus?: string; reason?: string } = {}) =>
    ctx.emit({
      type: 'job',
      worker: ctx.id,
      jobId: job.id,
      runId: job.data.runId,
      accountId: job.data.accountId,
      status,
      ...extra,
    });
}

/** Pass a job on without working on it, saying why. */
async function handOn(ctx: WorkerContext, job: RunJob, why: ClaimStatus | 'stopping', run?: RunRow) {
  const report = reporter(ctx, job);
  const scope = { accountId: job.data.accountId };
  if (why === 'limit' || why === 'stopping')
    await ctx.queue.enqueueRun(scope, job.data.runId, { afterMs: why === 'limit' ? ctx.options.deferMs : 0 });
  await settleOwnedJob(ctx.boss, job, { outcome: why });
  ctx.summary.handedOn += 1;
  if (why === 'limit')
    report('deferred', { reason: `account at its limit of ${ctx.options.maxRunsPerAccount} running runs` });
  else if (why === 'gone') report('skipped', { reason: run ? `run is ${run.status}` : 'run not found' });
  else if (why === 'stopping') report('released', { reason: 'worker stopping' });
  else report('busy', { reason: 'another live process holds the run' });
}

/**
 * Handle one "work on run X" job: claim the run (lease, per-account limit), execute it, then settle
 * the job — completed, handed back (drained), or left to the process that took the run over.
 */
export async function runJob(ctx: WorkerContext, job: RunJob): Promise<void> {
  const { accountId, runId } = job.data;
  if (ctx.stopping()) return handOn(ctx, job, 'stopping');
  if ([...ctx.active.values()].some((a) => a.runId === runId)) return handOn(ctx, job, 'busy');
  const owner = `${ctx.id}/${randomBytes(3).toString('hex')}`;
  const claim = await claimRun(ctx.core.db, { accountId }, runId, owner, ctx.options.maxRunsPerAccount);
  if (claim.status !== 'claimed' || !claim.run) return handOn(ctx, job, claim.status, claim.run);
  if (ctx.stopping()) {
    await releaseRun(ctx.core.db, runId, owner);
    return handOn(ctx, job, 'stopping', claim.run);
  }
  ctx.active.set(job.id, { runId, owner });
  try {
    await execute(ctx, job, owner, claim.run);
  } finally {
    ctx.active.delete(job.id);
  }
}

async function execute(ctx: WorkerContext, job: RunJob, owner: string, row: RunRow): Promise<void> {
  const { core, summary } = ctx;
  const report = reporter(ctx, job);
  const scope = { accountId: row.account_id, siteId: row.site_id };
  summary.claimed += 1;
  report('claimed', { siteId: row.site_id });
  let status: RunRow['status'];
  try {
    status = await executeRun({
      core,
      scope,
      run: row,
      owner,
      stages: ctx.stages,
      onEvent: (e) => ctx.emit({ ...e, worker: ctx.id }),
    });
  } catch (err) {
    // executeRun records item and stage failures itself; landing here means the database failed.
    await releaseRun(core.db, row.id, owner).catch(() => undefined);
    summary.errors += 1;
    report('error', { reason: message(err) });
    await settleOwnedJob(ctx.boss, job, { outcome: 'error', error: message(err) }, true).catch(() => false);
    return;
  }
  // The run row says what really happened, whatever the runner believed at its end.
  const after = await findRun(core.db, scope, row.id);
  if (after?.lease_owner === drainMarker(owner)) {
    await releaseRun(core.db, row.id, drainMarker(owner));
    await ctx.queue.enqueueRun(scope, row.id);
    summary.released += 1;
    await settleOwnedJob(ctx.boss, job, { outcome: 'released' });
    return report('released', { siteId: row.site_id, reason: 'worker stopping' });
  }
  if (status === 'running' || (after?.lease_owner && after.lease_owner !== owner)) {
    // Our lease ran out. If nobody has taken the run yet, hand it straight back to the queue.
    if (await releaseRun(core.db, row.id, owner)) await ctx.queue.enqueueRun(scope, row.id);
    summary.lost += 1;
    await settleOwnedJob(ctx.boss, job, { outcome: 'lost' });
    return report('lost', {
      siteId: row.site_id,
      reason: 'the run lease was lost; another worker continues it',
    });
  }
  summary.finished += 1;
  await settleOwnedJob(ctx.boss, job, { outcome: 'finished', runStatus: status });
  report('finished', { siteId: row.site_id, runStatus: status });
}

/** Report and fail a job whose handling threw. */
export async function failJob(ctx: WorkerContext, job: RunJob, err: unknown): Promise<void> {
  ctx.summary.errors += 1;
  reporter(ctx, job)('error', { reason: message(err) });
  await settleOwnedJob(ctx.boss, job, { outcome: 'error', error: message(err) }, true).catch(() => false);
}
