import { parseJson, toJson } from '../util/json.js';
import type { AddModelInputSchema, AiModel, UpdateModelInputSchema } from './ai-model.schema.js';
import type { AiModelRow } from './models.repository.js';

/** Rows are not domain objects: these map ai_models rows to AiModel and back. */
export function toModel(row: AiModelRow): AiModel {
  return {
    id: row.id,
    provider: row.provider,
    modelId: row.model_id,
    displayName: row.display_name,
    type: row.type,
    inputPrice: row.input_price,
    cachedInputPrice: row.cached_input_price,
    cacheWritePrice: row.cache_write_price,
    outputPrice: row.output_price,
    imagePrice: row.image_price,
    tokensPerCredit: row.tokens_per_credit,
    creditsPerImage: row.credits_per_image,
    contextWindow: row.context_window,
    maxOutput: row.max_output,
    sizes: parseJson<string[]>(row.sizes, []),
    capabilities: parseJson<string[]>(row.capabilities, []),
    tier: row.tier,
    active: Boolean(row.active),
    isDefault: Boolean(row.is_default),
  };
}

export type NewModel = ReturnType<typeof AddModelInputSchema.parse> & { id: string };

export function toRow(m: NewModel, now: string): AiModelRow {
  return {
    id: m.id,
    provider: m.provider,
    model_id: m.modelId,
    display_name: m.displayName ?? m.modelId,
    type: m.type,
    input_price: m.inputPrice ?? null,
    cached_input_price: m.cachedInputPrice ?? null,
    cache_write_price: m.cacheWritePrice ?? null,
    output_price: m.outputPrice ?? null,
    image_price: m.imagePrice ?? null,
    tokens_per_credit: m.tokensPerCredit ?? null,
    credits_per_image: m.creditsPerImage ?? null,
    context_window: m.contextWindow ?? null,
    max_output: m.maxOutput ?? null,
    sizes: toJson(m.sizes ?? []),
    capabilities: toJson(m.capabilities ?? []),
    tier: m.tier ?? null,
    active: m.active ? 1 : 0,
    is_default: m.isDefault ? 1 : 0,
    created_at: now,
    updated_at: now,
  };
}

export function patchToColumns(p: ReturnType<typeof UpdateModelInputSchema.parse>): Partial<AiModelRow> {
  const cols: Partial<AiModelRow> = {};
  if (p.displayName !== undefined) cols.display_name = p.displayName;
  if (p.inputPrice !== undefined) cols.input_price = p.inputPrice;
  if (p.cachedInputPrice !== undefined) cols.cached_input_price = p.cachedInputPrice;
  if (p.cacheWritePrice !== undefined) cols.cache_write_price = p.cacheWritePrice;
  if (p.outputPrice !== undefined) cols.output_price = p.outputPrice;
  if (p.imagePrice !== undefined) cols.image_price = p.imagePrice;
  if (p.tokensPerCredit !== undefined) cols.tokens_per_credit = p.tokensPerCredit;
  if (p.creditsPerImage !== undefined) cols.credits_per_image = p.creditsPerImage;
  if (p.contextWindow !== undefined) cols.context_window = p.contextWindow;
  if (p.maxOutput !== undefined) cols.max_output = p.maxOutput;
  if (p.sizes !== undefined) cols.sizes = toJson(p.sizes);
  if (p.capabilities !== undefined) cols.capabilities = toJson(p.capabilities);
  if (p.tier !== undefined) cols.tier = p.tier;
  return cols;
}
