import { describe, expect, it } from 'vitest';
import type { AiModel } from '../../models/ai-model.schema.js';
import { priceTable } from './price-table.js';

const model = (provider: string, modelId: string, prices: Partial<AiModel> = {}): AiModel =>
  ({
    provider,
    modelId,
    inputPrice: 1.25,
    cachedInputPrice: 0.125,
    cacheWritePrice: null,
    outputPrice: 10,
    imagePrice: null,
    tokensPerCredit: 1000,
    creditsPerImage: null,
    ...prices,
  }) as AiModel;

describe('priceTable', () => {
  it('lists each model once, sorted, under a version that changes only with the prices', () => {
    const a = model('openai', 'gpt-5.1');
    const b = model('openai', 'dall-e-3', { imagePrice: 0.04, creditsPerImage: 4 });
    const t = priceTable([a, b, a]);
    expect(t.models.map((m) => m.model)).toEqual(['openai:dall-e-3', 'openai:gpt-5.1']);
    expect(t.version).toMatch(/^sha256:[0-9a-f]{16}$/);
    // Order and repeats do not matter; a price does.
    expect(priceTable([b, a]).version).toBe(t.version);
    expect(priceTable([a, { ...b, imagePrice: 0.05 }]).version).not.toBe(t.version);
  });
});
