import type { HoldGuard } from '../ai/index.js';
import type { Db } from '../db/index.js';
import { Igny8Error } from '../errors/index.js';
import type { Scope } from '../tenancy/scope.js';
import { recordRunOperation } from './run-records.repository.js';
import { lockedRunStatus } from './run.repository.js';

const cancelled = (runId: string) =>
  new Igny8Error('RUN_CANCELLED', `Run ${runId} was cancelled`, { action: { id: 'start_new_run' } });

/**
 * Tie each new hold to its run inside the hold's own transaction, with the run row locked: a cancel
 * (which updates that row, then releases the run's holds) either commits first — and the hold is
 * refused, never written — or waits for the hold to commit and then finds and releases it. No hold
 * of a cancelled run outlives the cancel call, however slow the machine (issue 11's cancel race).
 */
export function runOperationGuard(scope: Scope, runId: string, stage: number): HoldGuard {
  return async (opId: string, trx: Db) => {
    if ((await lockedRunStatus(trx, runId)) === 'cancelled') throw cancelled(runId);
    await recordRunOperation(trx, scope, runId, stage, opId);
  };
}

export { cancelled as runCancelledError };
