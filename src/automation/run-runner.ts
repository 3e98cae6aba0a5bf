import PQueue from 'p-queue';
import type { Core } from '../core.js';
import { Igny8Error, isIgny8Error } from '../errors/index.js';
import { withProviderNotices, type ProviderNotice } from '../providers/index.js';
import type { SiteScope } from '../tenancy/scope.js';
import { parseJson, toJson } from '../util/json.js';
import { nowIso } from '../util/ids.js';
import type { RunEvent, RunEventListener } from './run-events.js';
import type { RunOptions } from './run-options.schema.js';
import { appendRunEvent, renewLease, runStatus, updateOwnedRun, type RunRow } from './run.repository.js';
import type { Stage, StageContext } from './stage-context.js';
import { emptyResults, STAGES, type StageResult } from './stages.js';

export interface ExecuteRunInput {
  core: Core;
  scope: SiteScope;
  run: RunRow;
  owner: string;
  stages: Record<number, Stage>;
  onEvent?: RunEventListener;
  /** How often to look for pause/cancel and renew the lease. */
  pollMs?: number;
}

const STOP_CODES = new Set(['INSUFFICIENT_CREDITS', 'CREDIT_CAP_REACHED', 'RUN_LEASE_LOST']);

/**
 * Execute (or resume) a run we hold the lease of. Stages select rows by status, so a resumed run
 * picks up exactly what is left; items are processed with bounded concurrency; pause and cancel
 * take effect between items.
 */
export async function executeRun(input: ExecuteRunInput): Promise<RunRow['status']> {
  const { core, scope, run, owner } = input;
  const db = core.db;
  const options = parseJson<RunOptions>(run.options, {} as RunOptions);
  const results: Record<string, StageResult> = { ...emptyResults(), ...parseJson(run.results, {}) };
  let creditsUsed = run.credits_used;
  let stop: { status: RunRow['status']; error?: string } | null = null;
  const emit = (e: RunEvent) => input.onEvent?.(e);

  const log = (level: 'info' | 'warn' | 'error', stage: number | null, message: string, data?: unknown) => {
    emit({ type: 'log', runId: run.id, level, stage, message });
    void appendRunEvent(db, scope, run.id, { level, stage, type: 'log', message, data }).catch(
      () => undefined,
    );
  };

  // Provider waits over 5 s and corrected usage reach the run's events and log: nothing stalls silently.
  // Claimed (true): the run reported it, so the CLI's fallback printer does not repeat it.
  const onNotice = (stage: number) => (n: ProviderNotice) => {
    if (n.type === 'usage') {
      log('warn', stage, n.message);
      return true;
    }
    const { reason, provider, until, message } = n;
    emit({ type: 'wait', runId: run.id, stage, reason, provider, ...(until ? { until } : {}), message });
    void appendRunEvent(db, scope, run.id, {
      level: 'info',
      stage,
      type: 'wait',
      message,
      data: { reason, provider, until },
    }).catch(() => undefined);
    return true;
  };

  const ctx: StageContext = {
    core,
    scope,
    runId: run.id,
    options,
    async assertOwned(trx) {
      const row = await trx
        .selectFrom('automation_runs')
        .select('lease_owner')
        .where('id', '=', run.id)
        .executeTakeFirst();
      if (row?.lease_owner !== owner) {
        throw new Igny8Error('RUN_LEASE_LOST', `Run ${run.id} is now held by another process`, {
          hint: 'Nothing to do: the other process continues it.',
        });
      }
    },
    log: (level, message) => log(level, null, message),
  };

  // Heartbeat: renew the lease and notice pause/cancel requests from other processes.
  const poll = setInterval(() => {
    void (async () => {
      const status = await runStatus(db, run.id);
      if (status === 'paused' || status === 'cancelled') stop ??= { status };
      else if (!(await renewLease(db, run.id, owner))) stop ??= { status: 'running', error: 'lease lost' };
    })().catch(() => undefined);
  }, input.pollMs ?? 1_000);

  // The sweeper: holds left by killed processes expire here, so their credits become available again.
  await core.credits.expireHolds().catch(() => 0);

  const persist = (patch: Partial<RunRow> = {}) =>
    updateOwnedRun(db, run.id, owner, { results: toJson(results), credits_used: creditsUsed, ...patch });
  // Counters also reach the database during a stage (at most once a second), so a dashboard or
  // `igny8 runs show` in another process sees progress, not only stage boundaries.
  let lastPersist = Date.now();
  let persisting: Promise<unknown> | null = null;
  const persistSoon = () => {
    if (persisting || Date.now() - lastPersist < 1_000) return;
    lastPersist = Date.now();
    persisting = persist()
      .catch(() => undefined)
      .finally(() => (persisting = null));
  };

  try {
    for (const def of STAGES) {
      const res = results[String(def.n)]!;
      if (!options.stages.includes(def.n)) {
        res.status = 'skipped';
        continue;
      }
      if (res.status === 'done') continue;
      if (stop) break;
      const stage = input.stages[def.n];
      if (!stage) throw new Igny8Error('INTERNAL', `No implementation for stage ${def.n}`);
      const items = await stage.select(
        ctx,
        options.maxItemsPerStage ? Math.max(0, options.maxItemsPerStage - res.done) : undefined,
      );
      res.status = 'running';
      res.total = res.done + res.failed + items.length;
      await persist({ current_stage: def.n });
      emit({
        type: 'stage',
        runId: run.id,
        stage: def.n,
        key: def.key,
        label: def.label,
        status: 'start',
        total: res.total,
      });
      const queue = new PQueue({ concurrency: stage.concurrency?.(ctx) ?? options.concurrency });
      for (const item of items) {
        void queue.add(async () => {
          if (stop) return;
          const estimate = stage.estimateItem?.(ctx, item) ?? 0;
          if (options.maxCredits !== undefined && creditsUsed + estimate > options.maxCredits) {
            stop ??= { status: 'completed', error: `credit cap of ${options.maxCredits} reached` };
            log('warn', def.n, `Stopping: the run's credit cap of ${options.maxCredits} would be exceeded`);
            return;
          }
          try {
            const outcome = await withProviderNotices(onNotice(def.n), () => stage.process(ctx, item));
            res.done += 1;
            res.credits += outcome.credits;
            res.created += outcome.created;
            creditsUsed += outcome.credits;
            emit({
              type: 'item',
              runId: run.id,
              stage: def.n,
              item: item.id,
              status: 'done',
              credits: outcome.credits,
              done: res.done,
              failed: res.failed,
              total: res.total,
              creditsUsed,
            });
          } catch (err) {
            const code = isIgny8Error(err) ? err.code : 'INTERNAL';
            const reason = err instanceof Error ? err.message : String(err);
            res.failed += 1;
            if (res.failures.length < 200) res.failures.push({ item: item.id, reason, code });
            emit({
              type: 'item',
              runId: run.id,
              stage: def.n,
              item: item.id,
              status: 'failed',
              reason,
              code,
              credits: 0,
              done: res.done,
              failed: res.failed,
              total: res.total,
              creditsUsed,
            });
            log('warn', def.n, `${item.label}: ${reason}`, { item: item.id, code });
            if (STOP_CODES.has(code))
              stop ??= { status: code === 'RUN_LEASE_LOST' ? 'running' : 'failed', error: reason };
          }
          persistSoon();
        });
      }
      await queue.onIdle();
      await persisting;
      res.status = stop ? 'stopped' : 'done';
      await persist();
      emit({
        type: 'stage',
        runId: run.id,
        stage: def.n,
        key: def.key,
        label: def.label,
        status: stop ? 'stopped' : 'done',
        total: res.total,
      });
    }
  } catch (err) {
    stop = { status: 'failed', error: err instanceof Error ? err.message : String(err) };
    log('error', null, `Run failed: ${stop.error}`);
  } finally {
    clearInterval(poll);
  }

  // A paused or cancelled run keeps what it did; a lost lease leaves the row to its new owner.
  const final: RunRow['status'] = stop?.status ?? 'completed';
  if (stop?.error === 'lease lost' || stop?.status === 'running') return 'running';
  await persist({
    status: final === 'running' ? 'completed' : final,
    error: stop?.error ?? null,
    lease_owner: null,
    lease_expires_at: null,
    finished_at: final === 'paused' ? null : nowIso(),
  });
  emit({ type: 'summary', runId: run.id, status: final, creditsUsed, results, error: stop?.error });
  return final;
}
