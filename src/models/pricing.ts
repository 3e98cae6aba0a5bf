import { Igny8Error } from '../errors/index.js';
import type { Usage } from '../providers/provider.types.js';
import type { AiModel } from './ai-model.schema.js';

type ModelRates = Pick<
  AiModel,
  | 'provider'
  | 'modelId'
  | 'type'
  | 'inputPrice'
  | 'cachedInputPrice'
  | 'cacheWritePrice'
  | 'outputPrice'
  | 'imagePrice'
  | 'tokensPerCredit'
  | 'creditsPerImage'
>;

const ref = (m: ModelRates) => `${m.provider}:${m.modelId}`;

function count(value: number, what: string): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new Igny8Error('VALIDATION_FAILED', `${what} must be a finite number ≥ 0 (got ${value})`);
  }
  return value;
}

/**
 * Credits for `tokens` text tokens: ceil(tokens ÷ tokensPerCredit), never below `minimum`.
 * @example textCredits(gpt4oMini, 25_000) // 3 with 10,000 tokens per credit
 */
export function textCredits(model: ModelRates, tokens: number, minimum = 0): number {
  const rate = model.tokensPerCredit;
  if (!rate || rate <= 0) {
    throw new Igny8Error('VALIDATION_FAILED', `Model ${ref(model)} has no tokens-per-credit rate`, {
      action: { id: 'set_model_rate', params: { ref: ref(model), rate: 'tokens-per-credit' } },
    });
  }
  const credits = Math.ceil(count(tokens, 'tokens') / rate);
  return Math.max(credits, Math.ceil(count(minimum, 'minimum')));
}

/**
 * Credits for `images` images: creditsPerImage × images.
 * @example imageCredits(dallE3, 2) // 10 with 5 credits per image
 */
export function imageCredits(model: ModelRates, images: number): number {
  const rate = model.creditsPerImage;
  if (rate === null || rate === undefined || rate < 0) {
    throw new Igny8Error('VALIDATION_FAILED', `Model ${ref(model)} has no credits-per-image rate`, {
      action: { id: 'set_model_rate', params: { ref: ref(model), rate: 'credits-per-image' } },
    });
  }
  return rate * Math.ceil(count(images, 'images'));
}

/**
 * Credits a call's usage costs: image models by image, other models by every token in and out
 * (cached input included, as the seed system counts), with a per-function minimum.
 */
export function usageCredits(model: ModelRates, usage: Usage, minimum = 0): number {
  if (model.type === 'image') return Math.max(imageCredits(model, usage.images), minimum);
  return textCredits(model, usage.tokensIn + usage.tokensOut, minimum);
}

/**
 * What a call cost in USD from the registry's prices: uncached input, cached input (at the cached
 * price, or the input price when the model has none), input written to the cache (at the cache write
 * price, or the input price), output, and images. Missing prices count as 0.
 */
export function usageUsd(model: ModelRates, usage: Usage): number {
  const tokensIn = count(usage.tokensIn, 'tokensIn');
  const cached = Math.min(count(usage.tokensCached, 'tokensCached'), tokensIn);
  const written = Math.min(count(usage.tokensCacheWrite ?? 0, 'tokensCacheWrite'), tokensIn - cached);
  const perToken = (pricePer1M: number | null | undefined) => (pricePer1M ?? 0) / 1_000_000;
  const usd =
    (tokensIn - cached - written) * perToken(model.inputPrice) +
    cached * perToken(model.cachedInputPrice ?? model.inputPrice) +
    written * perToken(model.cacheWritePrice ?? model.inputPrice) +
    count(usage.tokensOut, 'tokensOut') * perToken(model.outputPrice) +
    count(usage.images, 'images') * (model.imagePrice ?? 0);
  return nanodollars(usd);
}

// Nanodollar rounding removes float noise (0.1 + 0.2) without hiding the cost of a tiny call.
const nanodollars = (usd: number) => Math.round(usd * 1e9) / 1e9;

/**
 * USD prompt caching saved on a call: its cost with every input token at the input price, minus its
 * cost as billed (cache reads cheaper, cache writes dearer). Negative when a write was not read again.
 * @example cacheSavingsUsd(gpt51, { tokensIn: 2000, tokensCached: 1024, tokensOut: 0, images: 0 }) // 0.001152
 */
export function cacheSavingsUsd(model: ModelRates, usage: Usage): number {
  const uncached = { ...usage, tokensCached: 0, tokensCacheWrite: 0 };
  return nanodollars(usageUsd(model, uncached) - usageUsd(model, usage));
}
