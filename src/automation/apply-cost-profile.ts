import { Igny8Error } from '../errors/index.js';
import type { SiteScope } from '../tenancy/scope.js';
import type { AutomationDeps } from './automation-deps.js';
import { pickProfile, type CostProfileKey, type ProfileChoice } from './cost-profiles.js';
import type { RunOptionsInput } from './run-options.schema.js';
import { siteCostProfile } from './site-cost-profile.js';

/** The models and image count `key` chooses for this site, from the registry and the keys configured. */
export async function profileChoice(
  core: AutomationDeps,
  scope: SiteScope,
  key: CostProfileKey,
): Promise<ProfileChoice> {
  if (!core.models)
    throw new Igny8Error('INTERNAL', 'Cost profiles need the model registry in the automation deps');
  const [text, image, models] = await Promise.all([
    core.ai.resolveModel(scope, 'generate_content'),
    core.ai.resolveModel(scope, 'generate_images'),
    core.models.list(),
  ]);
  // Image models whose provider has a key: the profile never picks one the sandbox would stand in for.
  const usable = [];
  for (const m of models.filter((x) => x.type === 'image' && x.active && x.provider !== 'sandbox')) {
    const r = await core.ai.resolveModel(scope, 'generate_images', `${m.provider}:${m.modelId}`);
    if (!r.fallback) usable.push(m);
  }
  return pickProfile(key, models, { text: text.model, image: image.model }, usable);
}

/**
 * The run options with the cost profile applied: the one asked for, else the site's setting. The
 * profile sets the models and the inline images unless the options name them; no profile changes nothing.
 */
export async function applyCostProfile(
  core: AutomationDeps,
  scope: SiteScope,
  input: RunOptionsInput,
): Promise<RunOptionsInput> {
  const key = input.profile ?? (await siteCostProfile(core.db, scope));
  if (!key) return input;
  const choice = await profileChoice(core, scope, key);
  return {
    ...input,
    profile: key,
    textModel: input.textModel ?? choice.textModel,
    imageModel: input.imageModel ?? choice.imageModel,
    maxImages: input.maxImages ?? choice.maxImages,
  };
}
