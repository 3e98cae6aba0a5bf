import type { AutomationDeps } from './automation-deps.js';
import { runFinishedEvent } from '../notifications/notify-event.js';
import type { SiteScope } from '../tenancy/scope.js';
import { nowIso } from '../util/ids.js';
import { toJson } from '../util/json.js';
import type { RunEvent } from './run-events.js';
import { releaseRun } from './release-run.js';
import { deriveRunRecords } from './run-record.js';
import { appendRunEvent, runStatus, type RunRow } from './run.repository.js';
import { resultsByNumber, type StageResult } from './stages.js';

/** Why a run stopped before finishing its stages (none: it completed). */
export interface RunStop {
  status: RunRow['status'];
  error?: string;
  code?: string;
}

/**
 * The end of an executed run: its final status (a cancel that landed late still wins), the record
 * derived from the ledger and the item outcomes, the closing log line, the summary event and the
 * notification. A run that lost its lease is left to its new owner before this is called.
 */
export async function finishRun(input: {
  core: AutomationDeps;
  scope: SiteScope;
  run: RunRow;
  sectorId?: string;
  results: Record<string, StageResult>;
  stop: RunStop | null;
  /** Saves the counters (and the patch) under the run's lease; refreshes creditsUsed. */
  persist(patch: Partial<RunRow>): Promise<unknown>;
  creditsUsed(): number;
  emit(e: RunEvent): void;
}): Promise<RunRow['status']> {
  const { core, scope, run, results, stop, persist, emit } = input;
  const db = core.db;
  // A cancel that landed after the last poll still wins: never write "completed" over it.
  const cancelledMeanwhile = (await runStatus(db, run.id)) === 'cancelled';
  const final: RunRow['status'] = cancelledMeanwhile ? 'cancelled' : (stop?.status ?? 'completed');
  if (final === 'cancelled') await releaseRun(core, scope, run.id, input.sectorId).catch(() => undefined);
  // The final record is the derived one: what the ledger charged and what the items became.
  const record = (await deriveRunRecords(db, scope, [{ ...run, results: toJson(results) }])).get(run.id)!;
  for (const [k, v] of Object.entries(record.results)) results[k] = { ...v, failures: results[k]!.failures };
  await persist({
    status: final,
    error: stop?.error ?? null,
    lease_owner: null,
    lease_expires_at: null,
    finished_at: final === 'paused' ? null : nowIso(),
  });
  const failed = Object.values(results).reduce((n, r) => n + r.failed, 0);
  await appendRunEvent(db, scope, run.id, {
    level: final === 'failed' ? 'error' : 'info',
    stage: null,
    type: 'log',
    message: `Run ${final}: ${input.creditsUsed()} credits, ${failed} failed item(s)${stop?.error ? ` (${stop.error})` : ''}`,
  }).catch(() => undefined);
  emit({
    type: 'summary',
    runId: run.id,
    status: final,
    creditsUsed: input.creditsUsed(),
    failed,
    results: resultsByNumber(results),
    error: stop?.error,
    ...(stop?.code ? { code: stop.code } : {}),
  });
  // The bell and the account's channels hear how it ended (notify never throws).
  const event = runFinishedEvent({
    id: run.id,
    siteId: run.site_id,
    status: final,
    error: stop?.error ?? null,
    creditsUsed: input.creditsUsed(),
    trigger: run.trigger,
    results,
  });
  if (event) await core.notify?.notify(scope, event);
  return final;
}
