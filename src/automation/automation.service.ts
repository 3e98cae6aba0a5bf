import type { AutomationDeps } from './automation-deps.js';
import { Igny8Error, parseInput } from '../errors/index.js';
import type { Scope, SiteScope } from '../tenancy/scope.js';
import { parseJson } from '../util/json.js';
import { applyCostProfile } from './apply-cost-profile.js';
import { compareProfiles, type CompareInput } from './compare-profiles.js';
import { COST_PROFILES } from './cost-profiles.js';
import { runCost, type RunCost } from './run-cost.js';
import { usageByStageOfRun } from './run-records.repository.js';
import { siteCostProfile } from './site-cost-profile.js';
import { estimateRun, type RunEstimate } from './estimate-run.js';
import type { RunEventListener } from './run-events.js';
import { RunOptionsSchema, type RunOptions, type RunOptionsInput } from './run-options.schema.js';
import { executeRun } from './run-runner.js';
import {
  acquireLease,
  findActiveRun,
  findRun,
  insertRun,
  isLocalOwnerDead,
  takeOverLease,
  listRunEvents,
  listRuns,
  newLeaseOwner,
  setRunStatus,
  type RunRow,
} from './run.repository.js';
import { assertStageModules } from './assert-stage-modules.js';
import { releaseRun } from './release-run.js';
import { deriveRunRecords } from './run-record.js';
import { retryableTasks, stageCounts } from './stage-counts.js';
import { sectorsWithNewKeywords } from './stages/stage-1-cluster.js';
import type { Stage } from './stage-context.js';
import { emptyResults, resultsByNumber, resultsFromJson, type StageResult } from './stages.js';

export interface StartRunInput {
  options?: RunOptionsInput;
  trigger?: RunRow['trigger'];
  /** Start even when the balance is under estimate + 20% (the credit cap still applies). */
  force?: boolean;
  onEvent?: RunEventListener;
  /** Enqueue only (a worker executes it). */
  detach?: boolean;
  /** Abort (Ctrl-C): finish the items in flight and leave the run paused, resumable. */
  signal?: AbortSignal;
}

export interface RunView {
  id: string;
  siteId: string;
  status: RunRow['status'];
  trigger: RunRow['trigger'];
  options: RunOptions;
  /** Per stage, keyed by stage number as clients read it (saved by stage key: resultsByNumber). */
  results: Record<string, StageResult>;
  estimateCredits: number;
  creditsUsed: number;
  currentStage: number | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** The view of a row as saved; `runViews` gives the one derived from the ledger (what callers see). */
export function toRunView(row: RunRow): RunView {
  return {
    id: row.id,
    siteId: row.site_id,
    status: row.status,
    trigger: row.trigger,
    options: parseJson(row.options, {} as RunOptions),
    results: resultsByNumber(resultsFromJson(parseJson(row.results, {}))),
    estimateCredits: row.estimate_credits,
    creditsUsed: row.credits_used,
    currentStage: row.current_stage,
    error: row.error,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

/** Views whose credits and stage counts are the ledger's and the items' (one query each for a page). */
async function runViews(core: AutomationDeps, scope: Scope, rows: RunRow[]): Promise<RunView[]> {
  const derived = await deriveRunRecords(core.db, scope, rows);
  return rows.map((row) => {
    const d = derived.get(row.id)!;
    return { ...toRunView(row), creditsUsed: d.creditsUsed, results: resultsByNumber(d.results) };
  });
}

async function runView(core: AutomationDeps, scope: Scope, runId: string): Promise<RunView> {
  const row = await findRun(core.db, scope, runId);
  if (!row) throw new Igny8Error('RUN_NOT_FOUND', `No run ${runId}`, { action: { id: 'list_runs' } });
  return (await runViews(core, scope, [row]))[0]!;
}

/**
 * How many clusters stage 1 will make with local clustering: the same deterministic plan, run
 * without writing (fast: 100,000 keywords in about two seconds), so the estimate is not a guess.
 */
async function projectLocalClusters(
  core: AutomationDeps,
  scope: SiteScope,
  sectorId?: string,
): Promise<number> {
  let clusters = 0;
  for (const sector of await sectorsWithNewKeywords(core.db, scope, sectorId)) {
    const plan = await core.planner.clusterLocal({ ...scope, sectorId: sector }, { dryRun: true });
    clusters += plan.clusters.length;
  }
  return clusters;
}

export function createAutomationService(core: AutomationDeps, stages: () => Promise<Record<number, Stage>>) {
  async function estimate(
    scope: SiteScope,
    input: RunOptionsInput = {},
  ): Promise<RunEstimate & { balance: number; enough: boolean }> {
    const options = parseInput(RunOptionsSchema, await applyCostProfile(core, scope, input), 'run options');
    const counts = await stageCounts(core.db, scope, options.sectorId);
    if (options.clusterMethod === 'local' && options.stages.includes(1) && counts.newKeywords > 0)
      counts.projectedClusters = await projectLocalClusters(core, scope, options.sectorId);
    // Price the models that will really answer: the sandbox's when a provider has no key.
    const [text, image] = await Promise.all([
      core.ai.resolveModel(scope, 'generate_content', options.textModel),
      core.ai.resolveModel(scope, 'generate_images', options.imageModel),
    ]);
    const est = estimateRun(counts, options, { text: text.model, image: image.model });
    const balance = await core.credits.balance(scope);
    return { ...est, balance: balance.available, enough: balance.available >= est.required };
  }

  async function run(
    scope: SiteScope,
    owner: string,
    row: RunRow,
    resumed: boolean,
    onEvent?: RunEventListener,
    signal?: AbortSignal,
  ): Promise<RunView> {
    onEvent?.({ type: 'run', runId: row.id, siteId: row.site_id, status: 'running', resumed });
    await executeRun({ core, scope, run: row, owner, stages: await stages(), onEvent, signal });
    return runView(core, scope, row.id);
  }

  /** The estimate under each cost profile, side by side (`igny8 run --dry-run`). */
  async function estimateProfiles(scope: SiteScope, input: RunOptionsInput = {}) {
    const out = [];
    for (const p of COST_PROFILES) {
      // The profile's own image count and models, unless the options name them.
      const est = await estimate(scope, { ...input, profile: p.key });
      out.push({ profile: p.key, label: p.label, ...est });
    }
    return out;
  }

  return {
    estimate,
    estimateProfiles,
    /** The same sample of ideas written under each profile: cost per article beside the quality checks. */
    compare: (scope: SiteScope, input: CompareInput) => compareProfiles(core, scope, input),
    /** The site's costProfile setting, or undefined. */
    siteProfile: (scope: SiteScope) => siteCostProfile(core.db, scope),

    /**
     * Start a run for the site, or resume the one a crashed process left behind. Refuses when the
     * balance is under the estimate + 20%, and when another live process holds the site's run.
     */
    async start(scope: SiteScope, input: StartRunInput = {}): Promise<RunView> {
      const options = parseInput(
        RunOptionsSchema,
        await applyCostProfile(core, scope, input.options ?? {}),
        'run options',
      );
      await assertStageModules(core.db, scope, options.stages);
      const owner = newLeaseOwner();
      const active = await findActiveRun(core.db, scope);
      if (active) {
        if (active.status === 'paused') {
          throw new Igny8Error('RUN_ALREADY_ACTIVE', `Run ${active.id} is paused on this site`, {
            action: { id: 'resume_or_cancel_run', params: { runId: active.id } },
          });
        }
        const took =
          (await acquireLease(core.db, scope, active.id, owner, ['running', 'queued'])) ||
          (isLocalOwnerDead(active.lease_owner) &&
            (await takeOverLease(core.db, scope, active.id, active.lease_owner, owner)));
        if (!took) {
          throw new Igny8Error('RUN_ALREADY_ACTIVE', `Run ${active.id} is in progress on this site`, {
            action: { id: 'follow_run', params: { runId: active.id } },
          });
        }
        return run(
          scope,
          owner,
          (await findRun(core.db, scope, active.id))!,
          true,
          input.onEvent,
          input.signal,
        );
      }
      const est = await estimate(scope, options);
      // An empty run would be recorded as "completed" and tell CI that work was done. A detached run
      // is queued for later, when earlier work (or an import) may have given it something to do.
      if (
        !input.detach &&
        est.stages.every((st) => st.items === 0) &&
        !(
          options.stages.includes(4) &&
          (await retryableTasks(core.db, scope, options.maxAttempts, options.sectorId))
        )
      ) {
        throw new Igny8Error(
          'NOTHING_TO_DO',
          'Nothing to do: no stage of this run has anything waiting on this site',
          {
            hint: 'Import keywords first; then the run clusters them and writes articles.',
            details: { stages: options.stages },
          },
        );
      }
      if (!est.enough && !input.force) {
        throw new Igny8Error(
          'INSUFFICIENT_CREDITS',
          `This run needs about ${est.total.credits} credits (+20% buffer = ${est.required}); ${est.balance} are available`,
          {
            action: { id: 'shrink_run_or_grant_credits' },
            details: { required: est.required, available: est.balance },
          },
        );
      }
      let row: RunRow;
      try {
        row = await insertRun(core.db, scope, {
          trigger: input.trigger ?? 'cli',
          status: input.detach ? 'queued' : 'running',
          options,
          results: emptyResults(),
          estimateCredits: est.total.credits,
          creditCap: options.maxCredits ?? null,
          leaseOwner: input.detach ? null : owner,
        });
      } catch {
        throw new Igny8Error('RUN_ALREADY_ACTIVE', 'Another run started on this site a moment ago', {
          action: { id: 'list_runs' },
        });
      }
      input.onEvent?.({
        type: 'run',
        runId: row.id,
        siteId: row.site_id,
        status: row.status,
        resumed: false,
        estimate: est,
      });
      if (input.detach) return toRunView(row);
      await executeRun({
        core,
        scope,
        run: row,
        owner,
        stages: await stages(),
        onEvent: input.onEvent,
        signal: input.signal,
      });
      return runView(core, scope, row.id);
    },

    /** Continue a paused run (or one whose process died) in this process. */
    async resume(
      scope: Scope,
      runId: string,
      onEvent?: RunEventListener,
      signal?: AbortSignal,
    ): Promise<RunView> {
      const row = await findRun(core.db, scope, runId);
      if (!row)
        throw new Igny8Error('RUN_NOT_FOUND', `No run ${runId}`, {
          action: { id: 'list_runs' },
        });
      await assertStageModules(core.db, scope, toRunView(row).options.stages ?? []);
      const owner = newLeaseOwner();
      const took =
        (await acquireLease(core.db, scope, runId, owner, ['paused', 'running', 'queued'])) ||
        (row.status !== 'paused' &&
          isLocalOwnerDead(row.lease_owner) &&
          (await takeOverLease(core.db, scope, runId, row.lease_owner, owner)));
      if (!took) {
        throw new Igny8Error(
          'INVALID_STATE',
          `Run ${runId} is ${row.status}${row.status === 'running' ? ' in another live process' : ''}`,
          {
            hint:
              row.status === 'running'
                ? 'Wait for it, or pause it first.'
                : 'Only paused or interrupted runs can be resumed.',
          },
        );
      }
      return run(
        { accountId: scope.accountId, siteId: row.site_id },
        owner,
        (await findRun(core.db, scope, runId))!,
        true,
        onEvent,
        signal,
      );
    },

    async pause(scope: Scope, runId: string): Promise<RunView> {
      return transition(scope, runId, ['running', 'queued'], 'paused');
    },

    /** Cancel: the run's holds are released and its in-flight items reset now, not when a runner notices. */
    async cancel(scope: Scope, runId: string): Promise<RunView> {
      const view = await transition(scope, runId, ['running', 'queued', 'paused'], 'cancelled');
      await releaseRun(
        core,
        { accountId: scope.accountId, siteId: view.siteId },
        runId,
        view.options.sectorId,
      );
      return runView(core, scope, runId);
    },

    async list(scope: Scope, opts: { siteId?: string; limit?: number; offset?: number } = {}) {
      const { items, total } = await listRuns(core.db, scope, opts);
      return { items: await runViews(core, scope, items), total };
    },

    async get(scope: Scope, runId: string): Promise<RunView> {
      return runView(core, scope, runId);
    },

    /** What a run cost per stage and per article, and what prompt caching saved (`runs show --cost`). */
    async cost(scope: Scope, runId: string): Promise<RunCost> {
      const run = await this.get(scope, runId);
      // Stage 4 writes the articles (found by number: results are keyed by stage number or name).
      const articles = Object.values(run.results).find((r) => r.stage === 4)?.done ?? 0;
      return runCost(run.id, await usageByStageOfRun(core.db, scope, run.id), articles);
    },

    async logs(scope: Scope, runId: string, opts: { afterSeq?: number; limit?: number } = {}) {
      await this.get(scope, runId);
      const rows = await listRunEvents(core.db, scope, runId, opts);
      return rows.map((r) => ({
        seq: r.seq,
        level: r.level,
        stage: r.stage,
        type: r.type,
        message: r.message,
        data: parseJson(r.data, null),
        createdAt: r.created_at,
      }));
    },

    stageCounts: (scope: SiteScope, sectorId?: string) => stageCounts(core.db, scope, sectorId),
  };

  async function transition(
    scope: Scope,
    runId: string,
    from: RunRow['status'][],
    to: RunRow['status'],
  ): Promise<RunView> {
    const row = await findRun(core.db, scope, runId);
    if (!row) throw new Igny8Error('RUN_NOT_FOUND', `No run ${runId}`, { action: { id: 'list_runs' } });
    // A paused/cancelled run without a live owner is settled here; a live runner notices within a second.
    const extra =
      to === 'cancelled' && row.status === 'paused'
        ? { finished_at: new Date().toISOString(), lease_owner: null, lease_expires_at: null }
        : {};
    if (!(await setRunStatus(core.db, scope, runId, from, to, extra))) {
      throw new Igny8Error(
        'INVALID_STATE',
        `Run ${runId} is ${row.status}; it cannot be ${to === 'paused' ? 'paused' : 'cancelled'}`,
        {
          action: { id: 'show_run', params: { runId } },
        },
      );
    }
    return runView(core, scope, runId);
  }
}

export type AutomationService = ReturnType<typeof createAutomationService>;
