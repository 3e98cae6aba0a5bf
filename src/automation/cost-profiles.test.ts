import { describe, expect, it } from 'vitest';
import type { AiModel } from '../models/index.js';
import { loadModelTemplates } from '../models/model-templates.js';
import { COST_PROFILES, COST_PROFILE_KEYS, pickProfile } from './cost-profiles.js';

const registry: AiModel[] = loadModelTemplates().map((t, i) => ({
  id: `m${i}`,
  displayName: t.modelId,
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
  ...t,
  isDefault: t.isDefault ?? false,
  active: true,
}));
const byRef = (ref: string) => registry.find((m) => `${m.provider}:${m.modelId}` === ref)!;
const openAiImages = registry.filter((m) => m.type === 'image' && m.provider === 'openai');

describe('cost profiles', () => {
  it('are one list of three, standard being the defaults with two inline images', () => {
    expect(COST_PROFILES.map((p) => p.key)).toEqual([...COST_PROFILE_KEYS]);
    expect(COST_PROFILES.find((p) => p.key === 'standard')).toMatchObject({
      text: 'default',
      image: 'default',
      maxImages: 2,
    });
  });

  it('choose from the registry: economy the cheapest, premium the highest tier, within usable providers', () => {
    const defaults = { text: byRef('openai:gpt-5.1'), image: byRef('openai:dall-e-3') };
    expect(pickProfile('economy', registry, defaults, openAiImages)).toEqual({
      profile: 'economy',
      textModel: 'openai:gpt-5-nano',
      imageModel: 'openai:gpt-image-1-mini',
      maxImages: 1,
    });
    expect(pickProfile('standard', registry, defaults, openAiImages)).toMatchObject({
      textModel: 'openai:gpt-5.1',
      imageModel: 'openai:dall-e-3',
      maxImages: 2,
    });
    // OpenAI's top tier is "quality" for text and images, where the default wins.
    expect(pickProfile('premium', registry, defaults, openAiImages)).toMatchObject({
      textModel: 'openai:gpt-5.1',
      imageModel: 'openai:dall-e-3',
      maxImages: 3,
    });
    // With a Runware key too, premium images come from its premium tier, economy stays the cheapest.
    const withRunware = [...openAiImages, ...registry.filter((m) => m.provider === 'runware')];
    expect(pickProfile('premium', registry, defaults, withRunware).imageModel).toBe('runware:google:4@2');
    expect(pickProfile('economy', registry, defaults, withRunware).imageModel).toBe(
      'openai:gpt-image-1-mini',
    );
  });

  it('keep text models with the default text provider', () => {
    const defaults = { text: byRef('anthropic:claude-sonnet-4-5'), image: byRef('openai:dall-e-3') };
    expect(pickProfile('economy', registry, defaults, openAiImages).textModel).toBe(
      'anthropic:claude-haiku-4-5',
    );
    expect(pickProfile('premium', registry, defaults, openAiImages).textModel).toBe(
      'anthropic:claude-opus-4-5',
    );
  });

  it('keep the sandbox when no provider has a key', () => {
    const defaults = { text: byRef('sandbox:sandbox-text'), image: byRef('sandbox:sandbox-image') };
    expect(pickProfile('economy', registry, defaults, [])).toMatchObject({
      textModel: 'sandbox:sandbox-text',
      imageModel: 'sandbox:sandbox-image',
    });
  });
});
