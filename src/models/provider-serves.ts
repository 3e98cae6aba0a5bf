import { Igny8Error } from '../errors/index.js';
import { PROVIDER_IDS, servedKinds } from '../providers/providers.js';
import type { ModelType } from './ai-model.schema.js';

/**
 * PROVIDER_CANNOT_SERVE_TYPE unless `provider` can serve a `type` model (PROVIDERS' `serves`; the
 * sandbox serves text and images; a compatible endpoint serves text). A model that can never run is
 * refused when it would be enabled, not when a run reaches it.
 */
export function assertProviderServes(model: { provider: string; modelId: string; type: ModelType }): void {
  const served = servedKinds(model.provider);
  if (served.includes(model.type)) return;
  const serving = [...PROVIDER_IDS, 'sandbox'].filter((p) => servedKinds(p).includes(model.type));
  throw new Igny8Error(
    'PROVIDER_CANNOT_SERVE_TYPE',
    `${model.provider}:${model.modelId} is ${model.type === 'text' ? 'a' : 'an'} ${model.type} model, but ${model.provider} serves ${served.join(' and ')} only`,
    {
      hint: serving.length
        ? `Use a provider that serves ${model.type} models (${serving.join(', ')}), or change the type.`
        : `No provider serves ${model.type} models yet; add it inactive.`,
      fields: { provider: [`cannot serve ${model.type} models`], type: [`not served by ${model.provider}`] },
      details: { provider: model.provider, type: model.type, serves: served },
    },
  );
}
