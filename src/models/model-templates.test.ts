import { describe, expect, it } from 'vitest';
import { loadModelTemplates } from './model-templates.js';

describe('templates/models.json', () => {
  const models = loadModelTemplates();
  const byKey = new Map(models.map((m) => [`${m.provider}:${m.modelId}`, m]));

  it('carries the seed system rows with their prices and credit rates', () => {
    expect(byKey.get('openai:gpt-4o-mini')).toMatchObject({
      inputPrice: 0.15,
      outputPrice: 0.6,
      tokensPerCredit: 10_000,
    });
    expect(byKey.get('openai:gpt-4o')).toMatchObject({
      inputPrice: 2.5,
      outputPrice: 10,
      tokensPerCredit: 1000,
    });
    expect(byKey.get('openai:gpt-5.1')).toMatchObject({
      inputPrice: 1.25,
      outputPrice: 10,
      tokensPerCredit: 1000,
      isDefault: true,
    });
    expect(byKey.get('runware:runware:97@1')).toMatchObject({
      imagePrice: 0.012,
      creditsPerImage: 1,
      tier: 'basic',
    });
    expect(byKey.get('openai:dall-e-3')).toMatchObject({
      imagePrice: 0.04,
      creditsPerImage: 5,
      isDefault: true,
    });
    expect(byKey.get('runware:google:4@2')).toMatchObject({
      imagePrice: 0.14,
      creditsPerImage: 15,
      tier: 'premium',
    });
    expect(byKey.has('openai:gpt-image-1')).toBe(true);
    expect(byKey.has('bria:2.3')).toBe(true);
    expect(byKey.has('bria:2.3-fast')).toBe(true);
  });

  it('covers every vendor, text and image, and the sandbox', () => {
    const providers = (type: string) => new Set(models.filter((m) => m.type === type).map((m) => m.provider));
    expect([...providers('text')].sort()).toEqual(['anthropic', 'gemini', 'openai', 'sandbox']);
    expect([...providers('image')].sort()).toEqual(['bria', 'gemini', 'openai', 'runware', 'sandbox']);
    const claude = models
      .filter((m) => m.provider === 'anthropic')
      .map((m) => m.modelId)
      .join(' ');
    for (const family of ['sonnet', 'opus', 'haiku']) expect(claude).toContain(family);
    expect(byKey.get('sandbox:sandbox-text')).toMatchObject({
      type: 'text',
      tokensPerCredit: 1000,
      inputPrice: 0,
      outputPrice: 0,
    });
    expect(byKey.get('sandbox:sandbox-image')).toMatchObject({
      type: 'image',
      creditsPerImage: 1,
      imagePrice: 0,
    });
  });

  it('has exactly one default text and one default image model', () => {
    expect(
      models
        .filter((m) => m.isDefault)
        .map((m) => m.type)
        .sort(),
    ).toEqual(['image', 'text']);
  });

  it('gives every text model limits and every image model sizes', () => {
    for (const m of models) {
      if (m.type === 'text') {
        expect(m.contextWindow, m.modelId).toBeGreaterThan(0);
        expect(m.maxOutput, m.modelId).toBeGreaterThan(0);
        expect(m.capabilities, m.modelId).toContain('json_schema');
      } else {
        expect(m.sizes?.length, m.modelId).toBeGreaterThan(0);
      }
      expect(m.tier, m.modelId).toBeTruthy();
    }
  });
});
