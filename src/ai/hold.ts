import { Igny8Error } from '../errors/index.js';
import type { Scope } from '../tenancy/scope.js';
import type { AiEngineDeps } from './engine.types.js';
import { holdGuard, notifyHold } from './hold-observer.js';

export interface ActiveHold {
  /** The op id the hold lives under (the caller's, or a `~rN` retry of it). */
  opId: string;
  amount: number;
  /** A crashed run already settled this operation: settling again returns that first charge. */
  alreadySettled: boolean;
}

const MAX_RETRIES = 50;

/**
 * Reserve `amount` under `opId` before any provider call (INSUFFICIENT_CREDITS → no call). A replay
 * returns the existing hold; when that operation failed earlier (released or expired hold), the next
 * deterministic retry id `<opId>~r<n>` is used, so retrying a failed item works and a crash during a
 * retry still never charges twice.
 */
export async function reserveHold(
  deps: AiEngineDeps,
  scope: Scope,
  opId: string,
  amount: number,
  operation: string,
  options: { ttlMs?: number } = {},
): Promise<ActiveHold> {
  for (let n = 0; n < MAX_RETRIES; n++) {
    const id = n === 0 ? opId : `${opId}~r${n}`;
    const guard = holdGuard(id);
    // A guard that ran inside the committed reserve already recorded the hold where the observer
    // would (the run's operation, with the run row locked); a replay of an existing hold skips the
    // guard, so the observer hears of it.
    let guarded = false;
    const within = guard
      ? async (trx: Parameters<typeof guard>[0]) => {
          await guard(trx);
          guarded = true;
        }
      : undefined;
    const hold = await deps.credits.reserve(
      scope,
      { opId: id, amount: Math.max(1, amount), operation, ttlMs: options.ttlMs ?? deps.holdTtlMs },
      within ? { within } : {},
    );
    if (hold.status === 'held' || hold.status === 'settled') {
      // Recorded before the provider call; if that fails, free the hold rather than strand it.
      if (!guarded)
        await notifyHold(id).catch(async (err: unknown) => {
          if (hold.status === 'held') await deps.credits.release(scope, { opId: id }).catch(() => undefined);
          throw err;
        });
      return { opId: id, amount: hold.amount, alreadySettled: hold.status === 'settled' };
    }
  }
  throw new Igny8Error('CONFLICT', `Operation "${opId}" has failed ${MAX_RETRIES} times`, {
    action: { id: 'list_usage' },
  });
}

/** Free a hold after a failure, logging the failed usage; never masks the original error. */
export async function releaseQuietly(
  deps: AiEngineDeps,
  scope: Scope,
  hold: ActiveHold,
  usage: Parameters<AiEngineDeps['credits']['release']>[1]['usage'],
): Promise<void> {
  if (hold.alreadySettled) return;
  await deps.credits.release(scope, { opId: hold.opId, usage }).catch(() => undefined);
}
