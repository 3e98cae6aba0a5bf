import type { AutomationDeps } from './automation-deps.js';
import type { SiteScope } from '../tenancy/scope.js';
import { nowIso } from '../util/ids.js';
import { requeueRunningTasks, resetGeneratingImages } from '../writer/index.js';
import { openHoldsOfRun } from './run-records.repository.js';

/**
 * What a cancel owes at once, whether or not a live process still runs the items: every hold the
 * run reserved is released (its credits are available again, and a late settle is refused, so a
 * cancelled item is never charged), and items caught mid-flight go back to their waiting state, so
 * nothing stays `running` or `generating` for a process that is gone.
 */
export async function releaseRun(
  core: AutomationDeps,
  scope: SiteScope,
  runId: string,
  sectorId?: string,
): Promise<{ holdsReleased: number; itemsReset: number }> {
  // Every hold of the run was tied to it in the hold's own transaction with the run row locked
  // (runOperationGuard): one reserved before the cancel committed is visible here, and none can be
  // written after it.
  const released = await releaseOpenHolds(core, scope, runId);
  const now = nowIso();
  const [t, i] = await Promise.all([
    requeueRunningTasks(core.db, scope, sectorId, now),
    resetGeneratingImages(core.db, scope, sectorId, now),
  ]);
  return { holdsReleased: released, itemsReset: t + i };
}

async function releaseOpenHolds(core: AutomationDeps, scope: SiteScope, runId: string): Promise<number> {
  const ops = await openHoldsOfRun(core.db, scope, runId);
  for (const opId of ops) await core.credits.release(scope, { opId }).catch(() => undefined);
  return ops.length;
}
