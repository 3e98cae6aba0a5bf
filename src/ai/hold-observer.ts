import { AsyncLocalStorage } from 'node:async_hooks';

/** Told the op id of every hold reserved (or found again) inside `observeHolds`. */
export type HoldObserver = (opId: string) => Promise<void>;

const current = new AsyncLocalStorage<HoldObserver>();

/**
 * Run `fn` so that each credit hold the AI engine reserves inside it is reported to `observer`
 * before any provider call. Automation uses it to tie ledger op ids (retries `~rN` included) to
 * the run that spent them, without threading a run id through every AI function.
 * @example await observeHolds((opId) => recordOp(runId, opId), () => stage.process(ctx, item))
 */
export function observeHolds<T>(observer: HoldObserver, fn: () => Promise<T>): Promise<T> {
  return current.run(observer, fn);
}

/** Report a hold to the observer of the current call, if any. */
export async function notifyHold(opId: string): Promise<void> {
  await current.getStore()?.(opId);
}
