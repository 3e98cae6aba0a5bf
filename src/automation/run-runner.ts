import PQueue from 'p-queue';
import { observeHolds } from '../ai/index.js';
import type { AutomationDeps } from './automation-deps.js';
import { Igny8Error, isIgny8Error } from '../errors/index.js';
import { withProviderNotices, type ProviderNotice } from '../providers/index.js';
import type { SiteScope } from '../tenancy/scope.js';
import { parseJson, toJson } from '../util/json.js';
import type { RunEvent, RunEventListener } from './run-events.js';
import type { RunOptions } from './run-options.schema.js';
import { assertStageModules } from './assert-stage-modules.js';
import { finishRun, type RunStop } from './finish-run.js';
import { assertRunOwned, runCancelledError, runOperationGuard } from './run-operation-guard.js';
import { deriveRunRecords } from './run-record.js';
import { recordItemFenced } from './record-item-fenced.js';
import {
  ledgerCreditsOfRun,
  recordedItemIds,
  recordRunItem,
  recordRunOperation,
} from './run-records.repository.js';
import { appendRunEvent, renewLease, runStatus, updateOwnedRun, type RunRow } from './run.repository.js';
import type { Stage, StageContext } from './stage-context.js';
import { STAGES, type StageResult } from './stages.js';
import { batchPollMs, stageBatching, type StageBatching } from './stage-batching.js';

export interface ExecuteRunInput {
  core: AutomationDeps;
  scope: SiteScope;
  run: RunRow;
  owner: string;
  stages: Record<number, Stage>;
  onEvent?: RunEventListener;
  /** How often to look for pause/cancel and renew the lease. */
  pollMs?: number;
  /** Aborted (Ctrl-C): take no new items, let those in flight finish, leave the run paused. */
  signal?: AbortSignal;
}

/** Codes that end an item because the run itself is over for this process, not because it failed. */
const NOT_A_FAILURE = new Set(['RUN_LEASE_LOST', 'RUN_CANCELLED', 'BATCH_PENDING']);

const STOP_CODES = new Set(['INSUFFICIENT_CREDITS', 'CREDIT_CAP_REACHED']);

/** Batch mode's passes over the stages; the last one waits for resubmitted batches in the stage. */
const MAX_PASSES = 4;

/**
 * Execute (or resume) a run we hold the lease of. Stages select rows by status, so a resumed run
 * picks up exactly what is left; items are processed with bounded concurrency; pause and cancel
 * take effect between items.
 */
export async function executeRun(input: ExecuteRunInput): Promise<RunRow['status']> {
  const { core, scope, run, owner } = input;
  const db = core.db;
  const options = parseJson<RunOptions>(run.options, {} as RunOptions);
  // The record so far comes from the ledger and the item outcomes, never from the counters a killed
  // process last saved: a resumed or taken-over run continues from the truth.
  const derived = (await deriveRunRecords(db, scope, [run])).get(run.id)!;
  const results: Record<string, StageResult> = derived.results;
  let creditsUsed = derived.creditsUsed;
  // Credits reserved by items in flight count against the cap until they settle.
  let inFlight = 0;
  let stop: RunStop | null = null;
  // Batch mode: the current stage's batching; a stop lets its waiting items go (their batches stay).
  let batching: StageBatching | null = null;
  const letBatchGo = () => {
    if (stop && stop.status !== 'completed' && stop.status !== 'failed') batching?.stop(stop.status);
  };
  const emit = (e: RunEvent) => input.onEvent?.(e);
  const emitStage = (def: (typeof STAGES)[number], status: 'start' | 'done' | 'stopped') =>
    emit({
      type: 'stage',
      runId: run.id,
      stage: def.n,
      key: def.key,
      label: def.label,
      status,
      total: results[def.key]!.total,
    });

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
  // `igny8 runs logs` reads these; the live stream carries the same facts as stage/summary events.
  const note = (stage: number | null, message: string) =>
    void appendRunEvent(db, scope, run.id, { level: 'info', stage, type: 'log', message }).catch(
      () => undefined,
    );

  const ctx: StageContext = {
    core,
    scope,
    runId: run.id,
    options,
    assertOwned: (trx) => assertRunOwned(trx, run.id, owner),
    beforeSave: (trx) => assertRunOwned(trx, run.id, owner),
    log: (level, message) => log(level, null, message),
  };
  // Every hold is tied to the run in its own transaction (runOperationGuard); a hold found again on a
  // replay is tied here, and refused (so released) when the run was cancelled meanwhile.
  const recordOperation = async (stageN: number, opId: string) => {
    await recordRunOperation(db, scope, run.id, stageN, opId);
    if ((await runStatus(db, run.id)) === 'cancelled') throw runCancelledError(run.id);
  };
  const onAbort = () => {
    stop ??= { status: 'paused', error: 'interrupted' };
    letBatchGo();
  };
  if (input.signal?.aborted) onAbort();
  input.signal?.addEventListener('abort', onAbort, { once: true });

  // Heartbeat: renew the lease and notice pause/cancel requests from other processes.
  const poll = setInterval(() => {
    void (async () => {
      const status = await runStatus(db, run.id);
      if (status === 'paused' || status === 'cancelled') stop ??= { status };
      else if (!(await renewLease(db, run.id, owner))) stop ??= { status: 'running', error: 'lease lost' };
      letBatchGo();
    })().catch(() => undefined);
  }, input.pollMs ?? 1_000);

  // The sweeper: holds left by killed processes expire here, so their credits become available again.
  await core.credits.expireHolds().catch(() => 0);

  const persist = async (patch: Partial<RunRow> = {}) => {
    // The cap and the saved figure follow the ledger (another process may have charged for this run).
    creditsUsed = await ledgerCreditsOfRun(db, scope, run.id);
    return updateOwnedRun(db, run.id, owner, {
      results: toJson(results),
      credits_used: creditsUsed,
      ...patch,
    });
  };
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

  const lastStage = Math.max(...options.stages);
  try {
    // Batch mode: the requests a batch left unanswered go out again in a new batch, and their items
    // wait for it in a later pass while the run goes on with the answered ones, so stage N+1 starts
    // on what stage N finished. A later pass takes only items this run has no outcome for.
    let from = 0;
    for (let pass = 1; !stop; pass++) {
      const deferred = new Map<number, number>();
      for (const def of STAGES) {
        const res = results[def.key]!;
        if (!options.stages.includes(def.n)) {
          res.status = 'skipped';
          continue;
        }
        if (pass === 1 ? res.status === 'done' : def.n < from) continue;
        if (stop) break;
        const stage = input.stages[def.n];
        if (!stage) throw new Igny8Error('INTERNAL', `No implementation for stage ${def.n}`);
        // A module switched off since the run started stops it here, before the stage does any work.
        await assertStageModules(db, scope, [def.n]);
        const selected = await stage.select(
          ctx,
          // The cap counts items; stage 1's figures count keywords, so its cap is not reduced by them.
          options.maxItemsPerStage
            ? Math.max(0, options.maxItemsPerStage - (def.n === 1 ? 0 : res.done))
            : undefined,
        );
        const seen = pass > 1 ? await recordedItemIds(db, scope, run.id, def.n) : new Set<string>();
        const items = selected.filter((it) => !seen.has(it.id));
        const waiting = new Set<string>();
        res.status = 'running';
        res.total = res.done + res.failed + items.reduce((n, it) => n + (it.units ?? 1), 0);
        await persist({ current_stage: def.n });
        note(def.n, `Stage ${def.n} (${def.label}) started: ${items.length} item(s) to process`);
        emitStage(def, 'start');
        // A stage that serializes its items (stage 1) keeps doing so; batching needs them all in flight.
        batching =
          options.batch && !stage.concurrency
            ? stageBatching({
                db,
                scope,
                runId: run.id,
                stage: def,
                items: items.length,
                pollMs: batchPollMs({
                  runSeconds: options.batchPollSeconds,
                  configSeconds: core.batchPollSeconds,
                }),
                deferResubmits: pass < MAX_PASSES && def.n < lastStage,
                log: (level, message) => log(level, def.n, message),
                emit,
              })
            : null;
        const queue = new PQueue({
          concurrency: batching?.concurrency ?? stage.concurrency?.(ctx) ?? options.concurrency,
        });
        const processItem = (itemCtx: StageContext, item: (typeof items)[number]) =>
          batching ? batching.run(item.id, () => stage.process(itemCtx, item)) : stage.process(itemCtx, item);
        for (const item of items) {
          void queue.add(async () => {
            if (stop) return;
            const estimate = stage.estimateItem?.(ctx, item) ?? 0;
            if (options.maxCredits !== undefined && creditsUsed + inFlight + estimate > options.maxCredits) {
              stop ??= {
                status: 'completed',
                error: `credit cap of ${options.maxCredits} reached`,
                code: 'CREDIT_CAP_REACHED',
              };
              log('warn', def.n, `Stopping: the run's credit cap of ${options.maxCredits} would be exceeded`);
              return;
            }
            inFlight += estimate;
            // The item counts as done in the same transaction that saves its result.
            const itemCtx: StageContext = {
              ...ctx,
              async beforeSave(trx) {
                await ctx.assertOwned(trx);
                await recordRunItem(trx, scope, run.id, {
                  stage: def.n,
                  itemId: item.id,
                  status: 'done',
                  units: item.units,
                });
              },
            };
            try {
              const outcome = await withProviderNotices(onNotice(def.n), () =>
                observeHolds(
                  (opId) => recordOperation(def.n, opId),
                  () => processItem(itemCtx, item),
                  runOperationGuard(scope, run.id, def.n),
                ),
              );
              // The save already recorded the item as done (fenced); this adds what it created. Fenced
              // too, so a process that lost the run after its save writes nothing more.
              await recordItemFenced(db, scope, run.id, owner, {
                stage: def.n,
                itemId: item.id,
                status: 'done',
                units: item.units,
                created: outcome.created,
              }).catch((e: unknown) => {
                if (!(isIgny8Error(e) && NOT_A_FAILURE.has(e.code))) throw e;
              });
              res.done += item.units ?? 1;
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
              // A cancel or takeover ends items in flight; they are not the item's failure.
              // A cancel releases the item's hold, so its settle fails before the poll has noticed.
              if (NOT_A_FAILURE.has(code) || (await runStatus(db, run.id)) === 'cancelled') {
                if (code === 'RUN_LEASE_LOST') stop ??= { status: 'running', error: reason };
                // Its request waits in a resubmitted batch: a later pass picks it up.
                if (code === 'BATCH_PENDING' && !stop) waiting.add(item.id);
                return;
              }
              // Fenced like a save: a process that lost the run (stalled, then resumed) records nothing.
              const recorded = await recordItemFenced(db, scope, run.id, owner, {
                stage: def.n,
                itemId: item.id,
                status: 'failed',
                units: item.units,
                code,
                reason,
              }).then(
                () => true,
                (e: unknown) => {
                  if (isIgny8Error(e) && NOT_A_FAILURE.has(e.code)) return e.code;
                  throw e;
                },
              );
              if (recorded !== true) {
                if (recorded === 'RUN_LEASE_LOST') stop ??= { status: 'running', error: reason };
                return;
              }
              res.failed += item.units ?? 1;
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
              if (STOP_CODES.has(code)) stop ??= { status: 'failed', error: reason, code };
            } finally {
              inFlight -= estimate;
            }
            persistSoon();
          });
        }
        await queue.onIdle();
        await persisting;
        if (waiting.size > 0 && !stop) {
          deferred.set(def.n, waiting.size);
          await persist();
          log(
            'info',
            def.n,
            `Stage ${def.n}: ${waiting.size} item(s) wait in a resubmitted batch; the run goes on with the ${res.done} done and comes back for them`,
          );
          continue;
        }
        res.status = stop ? 'stopped' : 'done';
        await persist();
        note(def.n, `Stage ${def.n} ${res.status}: ${res.done} done, ${res.failed} failed`);
        emitStage(def, stop ? 'stopped' : 'done');
      }
      if (deferred.size === 0) break;
      from = Math.min(...deferred.keys());
    }
  } catch (err) {
    stop = {
      status: 'failed',
      error: err instanceof Error ? err.message : String(err),
      code: isIgny8Error(err) ? err.code : 'INTERNAL',
    };
    log('error', null, `Run failed: ${stop.error}`);
  } finally {
    clearInterval(poll);
    input.signal?.removeEventListener('abort', onAbort);
  }

  // A paused or cancelled run keeps what it did; a lost lease leaves the row to its new owner.
  if (stop?.error === 'lease lost' || stop?.status === 'running') return 'running';
  return finishRun({
    core,
    scope,
    run,
    sectorId: options.sectorId,
    results,
    stop,
    persist,
    creditsUsed: () => creditsUsed,
    emit,
  });
}
