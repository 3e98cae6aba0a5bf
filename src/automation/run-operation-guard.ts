import type { HoldGuard } from '../ai/index.js';
import type { Db } from '../db/index.js';
import { Igny8Error } from '../errors/index.js';
import type { Scope } from '../tenancy/scope.js';
import { recordRunOperation } from './run-records.repository.js';
import { lockedRunOwner, lockedRunStatus } from './run.repository.js';

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

/**
 * The fence every save of a run's item passes: on PostgreSQL the run row stays locked until the save
 * commits, so a takeover waits for it (or the save sees the new owner); SQLite's BEGIN IMMEDIATE
 * serializes writers. A cancelled run or a lost lease saves nothing.
 */
export async function assertRunOwned(trx: Db, runId: string, owner: string): Promise<void> {
  const row = await lockedRunOwner(trx, runId);
  if (row?.status === 'cancelled') {
    throw new Igny8Error('RUN_CANCELLED', `Run ${runId} was cancelled`, {
      hint: 'Nothing is saved for items still in flight.',
    });
  }
  if (row?.lease_owner !== owner) {
    throw new Igny8Error('RUN_LEASE_LOST', `Run ${runId} is now held by another process`, {
      hint: 'Nothing to do: the other process continues it.',
    });
  }
}

export { cancelled as runCancelledError };
