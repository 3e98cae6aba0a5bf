import type { ProviderKind } from './provider.types.js';

/**
 * What a batched call costs against the registry's price, per provider kind: OpenAI's Batch API
 * and Anthropic's Message Batches both bill half. The one place the discount lives; holds, charges
 * and the usage log's USD all read it.
 */
export const BATCH_PRICE_FACTOR: Partial<Record<ProviderKind, number>> = {
  openai: 0.5,
  anthropic: 0.5,
};

/** The factor for a provider kind (1 when it has no batch API). */
export function batchPriceFactor(kind: ProviderKind): number {
  return BATCH_PRICE_FACTOR[kind] ?? 1;
}
