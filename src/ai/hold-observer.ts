import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db } from '../db/index.js';

/** Told the op id of every hold reserved (or found again) inside `observeHolds`. */
export type HoldObserver = (opId: string) => Promise<void>;

/**
 * Runs inside the transaction that writes a new hold, before it is written: what it writes commits
 * with the hold, and throwing refuses the hold. Automation ties the hold to its run there, so a
 * cancel either sees the hold (and releases it) or the hold is never written.
 */
export type HoldGuard = (opId: string, trx: Db) => Promise<void>;

interface Observers {
  observer: HoldObserver;
  guard?: HoldGuard;
}

const current = new AsyncLocalStorage<Observers>();

/**
 * Run `fn` so that each credit hold the AI engine reserves inside it is reported to `observer`
 * before any provider call (and, when new, passed through `guard` inside its own transaction).
 * Automation uses it to tie ledger op ids (retries `~rN` included) to the run that spent them,
 * without threading a run id through every AI function.
 * @example await observeHolds((opId) => recordOp(runId, opId), () => stage.process(ctx, item))
 */
export function observeHolds<T>(observer: HoldObserver, fn: () => Promise<T>, guard?: HoldGuard): Promise<T> {
  return current.run({ observer, ...(guard ? { guard } : {}) }, fn);
}

/** Report a hold to the observer of the current call, if any. */
export async function notifyHold(opId: string): Promise<void> {
  await current.getStore()?.observer(opId);
}

/** The guard of the current call for a hold about to be written under `opId`, if any. */
export function holdGuard(opId: string): ((trx: Db) => Promise<void>) | undefined {
  const guard = current.getStore()?.guard;
  return guard ? (trx) => guard(opId, trx) : undefined;
}
