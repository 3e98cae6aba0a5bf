import type PgBoss from 'pg-boss';
import type { Db, DialectName } from '../db/index.js';
import { Igny8Error } from '../errors/index.js';
import type { Scope } from '../tenancy/scope.js';
import { bossExecutor, bossSchema } from './boss-db.js';

/** The pg-boss queue runs travel on. */
export const RUN_QUEUE = 'igny8-runs';

/** A job is "work on run X"; the run row (status, lease) is the truth, the job only wakes a worker. */
export interface RunJobData {
  accountId: string;
  runId: string;
}

export interface JobQueue {
  /**
   * Ask a worker to execute (or continue) a run. At most one job per run waits in the queue, so
   * enqueueing twice is harmless: the second call returns null.
   * @example await core.jobs?.enqueueRun(scope, run.id)
   */
  enqueueRun(scope: Scope, runId: string, options?: { afterMs?: number }): Promise<string | null>;
  /** The started pg-boss instance (workers fetch and settle jobs with it). */
  boss(): Promise<PgBoss>;
  /** Stop pg-boss's timers (maintenance, when supervising). The database pool is the core's. */
  stop(): Promise<void>;
}

export interface JobQueueOptions {
  /**
   * Run pg-boss's maintenance (expire, archive, purge) in this process: workers do, a CLI that only
   * enqueues does not.
   */
  supervise?: boolean;
  /** Told about pg-boss's background errors (maintenance hiccups); default: ignored. */
  onError?: (err: Error) => void;
}

/** The error for `igny8 worker` and `run --detach` on SQLite. */
export function workersNeedPostgres(): Igny8Error {
  return new Igny8Error(
    'WORKERS_NEED_POSTGRES',
    'Workers and detached runs need PostgreSQL; this project uses SQLite',
    {
      action: { id: 'use_postgres_for_workers' },
    },
  );
}

/**
 * The PostgreSQL job queue (pg-boss 10) that spreads runs over `igny8 worker` processes. pg-boss
 * uses the core's own pool and is started lazily, on the first enqueue or fetch.
 * @example const jobs = createJobQueue(core); await jobs.enqueueRun(scope, runId)
 */
export function createJobQueue(
  deps: { db: Db; dialect: DialectName },
  options: JobQueueOptions = {},
): JobQueue {
  if (deps.dialect !== 'postgres') throw workersNeedPostgres();
  let started: Promise<PgBoss> | undefined;
  let instance: PgBoss | undefined;

  async function start(): Promise<PgBoss> {
    const { default: Boss } = await import('pg-boss');
    const boss = new Boss({
      db: bossExecutor(deps.db),
      schema: await bossSchema(deps.db),
      migrate: true,
      supervise: options.supervise ?? false,
      schedule: false,
    });
    // pg-boss reports maintenance hiccups as events; without a listener Node would crash on them.
    boss.on('error', (err) => options.onError?.(err));
    await boss.start();
    await createRunQueue(boss);
    instance = boss;
    return boss;
  }

  function boss(): Promise<PgBoss> {
    started ??= start().catch((err: unknown) => {
      started = undefined;
      throw err;
    });
    return started;
  }

  return {
    boss,
    async enqueueRun(scope, runId, opts = {}) {
      const data: RunJobData = { accountId: scope.accountId, runId };
      return (await boss()).send(RUN_QUEUE, data, {
        singletonKey: runId,
        ...(opts.afterMs ? { startAfter: Math.max(0.001, opts.afterMs / 1000) } : {}),
      });
    },
    async stop() {
      if (!instance) return;
      const stopping = instance;
      instance = undefined;
      started = undefined;
      await stopping.stop({ graceful: false, close: false, wait: true });
    },
  };
}

/**
 * Create the run queue once per database. Several workers starting together (a deploy of several
 * machines) each call pg-boss's create_queue, whose partition DDL can deadlock against another's;
 * the loser retries, and by then the queue exists and the call is a no-op.
 */
async function createRunQueue(boss: PgBoss): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    if (await boss.getQueue(RUN_QUEUE)) return;
    try {
      await boss.createQueue(RUN_QUEUE, {
        name: RUN_QUEUE,
        // "short": at most one waiting job per singleton key (the run id); any number may be active.
        policy: 'short',
        retryLimit: 5,
        retryDelay: 5,
        retryBackoff: true,
        // The run lease, not the job expiry, detects a dead worker; this only tidies abandoned jobs.
        expireInSeconds: 60 * 60,
      });
      return;
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      // 40P01 deadlock_detected, 23505 a racing insert of the same queue row.
      if (attempt >= 5 || (code !== '40P01' && code !== '23505')) throw err;
      await new Promise((r) => setTimeout(r, 50 * attempt + Math.random() * 100));
    }
  }
}

/** The core's job queue, or the clear SQLite error. */
export function requireJobQueue(core: { jobs: JobQueue | null }): JobQueue {
  if (!core.jobs) throw workersNeedPostgres();
  return core.jobs;
}
