import { createHash } from 'node:crypto';
import type { AiModel } from '../../models/ai-model.schema.js';

/** One model's prices as a comparison used them (USD per 1M tokens, per image; credits). */
export interface PriceRow {
  /** "provider:modelId". */
  model: string;
  inputPrice: number | null;
  cachedInputPrice: number | null;
  cacheWritePrice: number | null;
  outputPrice: number | null;
  imagePrice: number | null;
  tokensPerCredit: number | null;
  creditsPerImage: number | null;
}

export interface PriceTable {
  /** A digest of `models`: two results with the same version were priced alike. */
  version: string;
  models: PriceRow[];
}

/**
 * The registry prices behind a result, each model once, sorted, with a version digest, so a stored
 * comparison says which prices made its figures (a CI job can tell a price change from a model change).
 * @example priceTable([textModel, imageModel]).version // "sha256:3f1c…" (16 hex digits)
 */
export function priceTable(models: AiModel[]): PriceTable {
  const rows = new Map<string, PriceRow>();
  for (const m of models) {
    const model = `${m.provider}:${m.modelId}`;
    rows.set(model, {
      model,
      inputPrice: m.inputPrice,
      cachedInputPrice: m.cachedInputPrice,
      cacheWritePrice: m.cacheWritePrice ?? null,
      outputPrice: m.outputPrice,
      imagePrice: m.imagePrice,
      tokensPerCredit: m.tokensPerCredit,
      creditsPerImage: m.creditsPerImage,
    });
  }
  const sorted = [...rows.values()].sort((a, b) => a.model.localeCompare(b.model));
  const digest = createHash('sha256').update(JSON.stringify(sorted)).digest('hex').slice(0, 16);
  return { version: `sha256:${digest}`, models: sorted };
}
