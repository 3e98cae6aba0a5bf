import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AiModel } from './ai-model.schema.js';
import { cacheSavingsUsd, imageCredits, textCredits, usageCredits, usageUsd } from './pricing.js';

function model(overrides: Partial<AiModel>): AiModel {
  return {
    id: 'm',
    provider: 'openai',
    modelId: 'test',
    displayName: 'Test',
    type: 'text',
    inputPrice: null,
    cachedInputPrice: null,
    outputPrice: null,
    imagePrice: null,
    tokensPerCredit: null,
    creditsPerImage: null,
    contextWindow: null,
    maxOutput: null,
    sizes: [],
    capabilities: [],
    tier: null,
    active: true,
    isDefault: false,
    ...overrides,
  };
}

const mini = model({
  modelId: 'gpt-4o-mini',
  inputPrice: 0.15,
  cachedInputPrice: 0.075,
  outputPrice: 0.6,
  tokensPerCredit: 10_000,
});
const dalle = model({
  modelId: 'dall-e-3',
  type: 'image',
  imagePrice: 0.04,
  creditsPerImage: 5,
  sizes: ['1024x1024'],
});

describe('textCredits', () => {
  it('rounds tokens up to whole credits', () => {
    expect(textCredits(mini, 0)).toBe(0);
    expect(textCredits(mini, 1)).toBe(1);
    expect(textCredits(mini, 10_000)).toBe(1);
    expect(textCredits(mini, 10_001)).toBe(2);
    expect(textCredits(mini, 25_000)).toBe(3);
  });

  it('never charges below the minimum', () => {
    expect(textCredits(mini, 100, 3)).toBe(3);
    expect(textCredits(mini, 50_000, 3)).toBe(5);
  });

  it('is ceil(tokens / rate), monotonic, and at least the minimum', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 0, max: 20 }),
        (tokens, rate, minimum) => {
          const m = model({ tokensPerCredit: rate });
          const credits = textCredits(m, tokens, minimum);
          expect(credits).toBeGreaterThanOrEqual(minimum);
          expect(credits * rate).toBeGreaterThanOrEqual(tokens);
          if (credits > minimum) expect((credits - 1) * rate).toBeLessThan(tokens);
          expect(textCredits(m, tokens + 1, minimum)).toBeGreaterThanOrEqual(credits);
        },
      ),
    );
  });

  it('refuses a model without a rate and bad token counts', () => {
    expect(() => textCredits(model({}), 10)).toThrow(/tokens-per-credit/);
    expect(() => textCredits(mini, -1)).toThrow(/≥ 0/);
    expect(() => textCredits(mini, Number.NaN)).toThrow();
  });
});

describe('imageCredits', () => {
  it('charges creditsPerImage for each image', () => {
    expect(imageCredits(dalle, 1)).toBe(5);
    expect(imageCredits(dalle, 3)).toBe(15);
    expect(imageCredits(dalle, 0)).toBe(0);
    expect(imageCredits(model({ type: 'image', creditsPerImage: 0 }), 4)).toBe(0);
  });

  it('refuses a model without a rate', () => {
    expect(() => imageCredits(model({ type: 'image' }), 1)).toThrow(/credits-per-image/);
  });
});

describe('usageCredits', () => {
  it('counts input and output tokens for text, images for image models', () => {
    const usage = { tokensIn: 6000, tokensOut: 4500, tokensCached: 2000, images: 0 };
    expect(usageCredits(mini, usage)).toBe(2);
    expect(usageCredits(mini, usage, 4)).toBe(4);
    expect(usageCredits(dalle, { tokensIn: 0, tokensOut: 0, tokensCached: 0, images: 2 })).toBe(10);
  });
});

describe('usageUsd', () => {
  it('prices uncached input, cached input, output and images separately', () => {
    // 1M in of which 400k cached, 100k out: 0.6M×0.15 + 0.4M×0.075 + 0.1M×0.6 per 1M
    const usd = usageUsd(mini, { tokensIn: 1_000_000, tokensOut: 100_000, tokensCached: 400_000, images: 0 });
    expect(usd).toBeCloseTo(0.09 + 0.03 + 0.06, 9);
    expect(usageUsd(dalle, { tokensIn: 0, tokensOut: 0, tokensCached: 0, images: 3 })).toBeCloseTo(0.12, 9);
  });

  it('falls back to the input price for cached tokens and to 0 for missing prices', () => {
    const noCache = model({ inputPrice: 2, outputPrice: 8, tokensPerCredit: 1000 });
    expect(
      usageUsd(noCache, { tokensIn: 500_000, tokensOut: 0, tokensCached: 500_000, images: 0 }),
    ).toBeCloseTo(1, 9);
    expect(usageUsd(model({}), { tokensIn: 10, tokensOut: 10, tokensCached: 0, images: 1 })).toBe(0);
  });

  it('never counts more cached tokens than input tokens, and never goes negative', () => {
    fc.assert(
      fc.property(
        fc.nat(5_000_000),
        fc.nat(5_000_000),
        fc.nat(5_000_000),
        fc.nat(10),
        (tokensIn, tokensOut, tokensCached, images) => {
          const usd = usageUsd(mini, { tokensIn, tokensOut, tokensCached, images });
          const ceiling = usageUsd(mini, { tokensIn, tokensOut, tokensCached: 0, images });
          expect(usd).toBeGreaterThanOrEqual(0);
          expect(usd).toBeLessThanOrEqual(ceiling + 1e-9);
        },
      ),
    );
  });
});

describe('prompt cache pricing', () => {
  const sonnet = model({
    inputPrice: 3,
    cachedInputPrice: 0.3,
    cacheWritePrice: 3.75,
    outputPrice: 15,
    tokensPerCredit: 650,
  });

  it('prices cache writes at the write price and reads at the read price, and says what caching saved', () => {
    // 1M in: 200k read, 500k written, 300k plain; no output.
    const usage = {
      tokensIn: 1_000_000,
      tokensOut: 0,
      tokensCached: 200_000,
      tokensCacheWrite: 500_000,
      images: 0,
    };
    expect(usageUsd(sonnet, usage)).toBeCloseTo(0.9 + 0.06 + 1.875, 9);
    // Uncached it would cost 3.00: reads save 0.54, writes cost 0.375 more.
    expect(cacheSavingsUsd(sonnet, usage)).toBeCloseTo(0.54 - 0.375, 9);
  });

  it('prices writes at the input price when the model has no write price (OpenAI), saving nothing on them', () => {
    const usage = {
      tokensIn: 1_000_000,
      tokensOut: 0,
      tokensCached: 0,
      tokensCacheWrite: 1_000_000,
      images: 0,
    };
    expect(usageUsd(mini, usage)).toBeCloseTo(0.15, 9);
    expect(cacheSavingsUsd(mini, usage)).toBe(0);
  });
});
