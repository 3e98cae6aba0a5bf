import { AsyncLocalStorage } from 'node:async_hooks';
import type { StageBatcher } from './stage-batcher.js';

export interface BatchItemContext {
  batcher: StageBatcher;
  itemId: string;
}

const current = new AsyncLocalStorage<BatchItemContext>();

/**
 * Run one item of a batched stage: the text calls the AI engine makes inside `fn` go to the
 * provider's batch API through `batcher` (without threading it through every stage and AI function).
 * @example await withBatchItem(batcher, item.id, () => stage.process(ctx, item))
 */
export async function withBatchItem<T>(
  batcher: StageBatcher,
  itemId: string,
  fn: () => Promise<T>,
): Promise<T> {
  batcher.enter();
  try {
    return await current.run({ batcher, itemId }, fn);
  } finally {
    batcher.leave();
  }
}

/** The batched item the current call belongs to, if any. */
export function currentBatchItem(): BatchItemContext | undefined {
  return current.getStore();
}
