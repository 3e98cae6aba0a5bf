import { z } from 'zod';
import type { AiModel } from '../models/index.js';

/** How a profile picks a model of a type from the registry. */
type Pick = 'cheapest' | 'default' | 'strongest';

/**
 * The cost profiles, in one list: each chooses the text model, the image model and the inline
 * images per article from the registry. `standard` is the configured defaults.
 */
export const COST_PROFILES = [
  {
    key: 'economy',
    label: 'Economy',
    description:
      'the cheapest text model of your text provider, the cheapest image model you can use, 1 inline image',
    text: 'cheapest',
    image: 'cheapest',
    maxImages: 1,
  },
  {
    key: 'standard',
    label: 'Standard',
    description: 'the default text and image models, 2 inline images',
    text: 'default',
    image: 'default',
    maxImages: 2,
  },
  {
    key: 'premium',
    label: 'Premium',
    description:
      'the highest-tier text model of your text provider, the highest-tier image model you can use, 3 inline images',
    text: 'strongest',
    image: 'strongest',
    maxImages: 3,
  },
] as const satisfies ReadonlyArray<{
  key: string;
  label: string;
  description: string;
  text: Pick;
  image: Pick;
  maxImages: number;
}>;

export const COST_PROFILE_KEYS = ['economy', 'standard', 'premium'] as const;
export type CostProfileKey = (typeof COST_PROFILE_KEYS)[number];
export const CostProfileSchema = z
  .enum(COST_PROFILE_KEYS)
  .describe('Cost profile: economy, standard or premium (models and image counts from the registry).');

export const costProfile = (key: CostProfileKey) => COST_PROFILES.find((p) => p.key === key)!;

/** What a profile resolves to: registry refs and the inline images per article. */
export interface ProfileChoice {
  profile: CostProfileKey;
  textModel: string;
  imageModel: string;
  maxImages: number;
}

const TIER_RANK: Record<string, number> = { basic: 1, standard: 2, quality: 3, premium: 4 };
const ref = (m: AiModel) => `${m.provider}:${m.modelId}`;
/** An article reads about as many tokens as it writes: in + out price ranks text models. */
const textPrice = (m: AiModel) => (m.inputPrice ?? 0) + (m.outputPrice ?? 0);
const imagePrice = (m: AiModel) => m.imagePrice ?? 0;

function choose(how: Pick, fallback: AiModel, candidates: AiModel[], price: (m: AiModel) => number): AiModel {
  // No key configured: the sandbox answers whatever is chosen, so keep the default.
  if (how === 'default' || fallback.provider === 'sandbox' || candidates.length === 0) return fallback;
  const sorted = [...candidates].sort((a, b) => {
    if (how === 'strongest') {
      const tier = (TIER_RANK[b.tier ?? ''] ?? 0) - (TIER_RANK[a.tier ?? ''] ?? 0);
      if (tier !== 0) return tier;
      // Within the top tier the default wins, then the dearer model.
      if (a.isDefault !== b.isDefault) return a.isDefault ? -1 : 1;
      return price(b) - price(a) || ref(a).localeCompare(ref(b));
    }
    return price(a) - price(b) || ref(a).localeCompare(ref(b));
  });
  return sorted[0]!;
}

/**
 * Pure: the models and image count a profile uses. Text models stay with the default text model's
 * provider (same key, same behaviour); image models come from any provider in `usableImageModels`
 * (those whose provider has a key).
 * @example pickProfile('economy', registry, { text: gpt51, image: dalle3 }, registry) // gpt-5-nano, gpt-image-1-mini, 1
 */
export function pickProfile(
  key: CostProfileKey,
  models: AiModel[],
  defaults: { text: AiModel; image: AiModel },
  usableImageModels: AiModel[],
): ProfileChoice {
  const p = costProfile(key);
  const live = (m: AiModel) => m.active && m.provider !== 'sandbox';
  const texts = models.filter((m) => live(m) && m.type === 'text' && m.provider === defaults.text.provider);
  const images = usableImageModels.filter((m) => live(m) && m.type === 'image');
  return {
    profile: key,
    textModel: ref(choose(p.text, defaults.text, texts, textPrice)),
    imageModel: ref(choose(p.image, defaults.image, images, imagePrice)),
    maxImages: p.maxImages,
  };
}
