import type { Core } from '../core.js';
import type { SiteScope } from '../tenancy/scope.js';
import { nowIso } from '../util/ids.js';
import { parseJson } from '../util/json.js';
import type { ScheduleRunOptions } from './schedule.service.js';
import { finishSlotRow, type ScheduleRow, type SlotRow } from './schedules.repository.js';

export interface FireContext {
  core: Core;
  owner: string;
  /** Execute runs in this process (SQLite, `igny8 serve`); otherwise the job queue's workers do. */
  runInProcess: boolean;
  /** In-process runs, awaited on stop. */
  track(p: Promise<unknown>): void;
}

export type SlotOutcome =
  { status: 'started'; runId: string } | { status: 'skipped' | 'failed'; detail: string };

const ACTIVE = new Set(['queued', 'running', 'paused']);
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Hand a queued run to whoever executes runs: a worker through the queue, or this process. */
async function dispatch(ctx: FireContext, scope: SiteScope, runId: string): Promise<void> {
  if (ctx.core.jobs) {
    await ctx.core.jobs.enqueueRun(scope, runId);
    return;
  }
  if (ctx.runInProcess) ctx.track(ctx.core.automation.resume(scope, runId).catch(() => undefined));
}

/**
 * Fire a claimed run slot: start the schedule's run through the automation service (queued, then
 * dispatched), or record why it could not start. `claimedSince` is set when this process took the
 * slot over from a claimer that died: a run that claimer already started is adopted, not doubled.
 */
export async function fireRunSlot(
  ctx: FireContext,
  schedule: ScheduleRow,
  slot: SlotRow,
  claimedSince?: string,
): Promise<SlotOutcome> {
  const { core } = ctx;
  const scope: SiteScope = { accountId: schedule.account_id, siteId: schedule.site_id };
  const finish = async (outcome: SlotOutcome) => {
    await finishSlotRow(core.db, slot.id, ctx.owner, {
      status: outcome.status,
      run_id: outcome.status === 'started' ? outcome.runId : null,
      detail: outcome.status === 'started' ? null : outcome.detail,
      finished_at: nowIso(),
    });
    if (outcome.status !== 'started')
      await core.notify.notify(scope, {
        kind: 'schedule.slot_skipped',
        scheduleId: schedule.id,
        scheduleName: schedule.name,
        slotTime: slot.slot_time,
        reason: outcome.detail,
      });
    return outcome;
  };

  const recent = (await core.automation.list(scope, { siteId: scope.siteId, limit: 10 })).items;
  if (claimedSince) {
    const adopted = recent.find((r) => r.trigger === 'schedule' && r.createdAt >= claimedSince);
    if (adopted) {
      if (adopted.status === 'queued') await dispatch(ctx, scope, adopted.id);
      return finish({ status: 'started', runId: adopted.id });
    }
  }
  const active = recent.find((r) => ACTIVE.has(r.status));
  if (active)
    return finish({ status: 'skipped', detail: `run ${active.id} is still ${active.status} on the site` });

  const o = parseJson<ScheduleRunOptions>(schedule.options, {});
  if (o.refresh) return fireRefresh(ctx, scope, finish);
  try {
    const run = await core.automation.start(scope, {
      options: {
        ...(o.stages !== undefined ? { stages: o.stages } : {}),
        ...(o.maxItemsPerStage !== undefined ? { maxItemsPerStage: o.maxItemsPerStage } : {}),
        ...(o.maxCredits !== undefined ? { maxCredits: o.maxCredits } : {}),
        ...(o.autoApprove !== undefined ? { autoApprove: o.autoApprove } : {}),
        ...(o.minSeoScore !== undefined ? { minSeoScore: o.minSeoScore } : {}),
        ...(o.autoPublish !== undefined ? { autoPublish: o.autoPublish } : {}),
        ...(o.batch !== undefined ? { batch: o.batch } : {}),
      },
      trigger: 'schedule',
      detach: true,
    });
    const outcome = await finish({ status: 'started', runId: run.id });
    await dispatch(ctx, scope, run.id);
    return outcome;
  } catch (err) {
    return finish({ status: 'failed', detail: message(err) });
  }
}

/** A refresh schedule's slot: refresh the site's best candidate in place, or say why none was taken. */
async function fireRefresh(
  ctx: FireContext,
  scope: SiteScope,
  finish: (o: SlotOutcome) => Promise<SlotOutcome>,
): Promise<SlotOutcome> {
  try {
    const target = await ctx.core.refresh.pickTarget(scope);
    if (!target)
      return finish({
        status: 'skipped',
        detail:
          'no refresh candidate: no decaying or striking-distance page igny8 can fetch that was not refreshed in the last 28 days (import Search Console data and the site inventory)',
      });
    const { run } = await ctx.core.refresh.run(
      scope,
      { post: target.post },
      { trigger: 'schedule', detach: true },
    );
    const outcome = await finish({ status: 'started', runId: run.id });
    await dispatch(ctx, scope, run.id);
    return outcome;
  } catch (err) {
    return finish({ status: 'failed', detail: message(err) });
  }
}
