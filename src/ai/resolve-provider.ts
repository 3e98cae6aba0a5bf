import { Igny8Error, isIgny8Error } from '../errors/index.js';
import type { AiModel } from '../models/index.js';
import type { ImageProvider, TextProvider } from '../providers/provider.types.js';
import { SANDBOX_IMAGE_MODEL, SANDBOX_TEXT_MODEL, sandboxProviders } from '../providers/sandbox/index.js';
import type { Scope } from '../tenancy/scope.js';
import type { AiFunctionName } from './ai-function.js';
import type { AiEngineDeps } from './engine.types.js';

export interface ResolvedModel {
  /** The model that answers and is metered. */
  model: AiModel;
  /** The model the registry/config asked for (differs from `model` after a fallback). */
  requested: AiModel;
  sandbox: boolean;
  /** True when the requested provider has no key and the sandbox stands in. */
  fallback: boolean;
}

/** The registry's sandbox model of a type, or the built-in one when the registry was never seeded. */
async function sandboxModel(deps: AiEngineDeps, type: 'text' | 'image'): Promise<AiModel> {
  const ref = type === 'text' ? 'sandbox:sandbox-text' : 'sandbox:sandbox-image';
  try {
    return await deps.models.get(ref);
  } catch (err) {
    if (isIgny8Error(err) && err.code === 'MODEL_NOT_FOUND')
      return type === 'text' ? SANDBOX_TEXT_MODEL : SANDBOX_IMAGE_MODEL;
    throw err;
  }
}

/**
 * Which model answers `name` for this scope: `override` (a registry ref a run's cost profile chose)
 * or the configured one, or the sandbox when its provider has no key.
 */
export async function resolveModel(
  deps: AiEngineDeps,
  scope: Scope,
  name: AiFunctionName,
  type: 'text' | 'image',
  override?: string,
): Promise<ResolvedModel> {
  const requested = override ? await deps.models.get(override) : await deps.models.modelFor(name, type);
  if (requested.type !== type) {
    throw new Igny8Error(
      'VALIDATION_FAILED',
      `${override} is a ${requested.type} model; ${name} needs a ${type} model`,
      {
        hint: 'Pick a model of the right type (igny8 models list).',
      },
    );
  }
  if (requested.provider === 'sandbox')
    return { model: requested, requested, sandbox: true, fallback: false };
  if (deps.sandboxFallback === false || (await deps.providers(scope).has(requested.provider))) {
    return { model: requested, requested, sandbox: false, fallback: false };
  }
  return { model: await sandboxModel(deps, type), requested, sandbox: true, fallback: true };
}

/** The provider adapter for a resolved model (PROVIDER_NOT_CONFIGURED when there is no key and no fallback). */
export async function textProviderFor(
  deps: AiEngineDeps,
  scope: Scope,
  r: ResolvedModel,
): Promise<TextProvider> {
  if (r.sandbox) return (deps.sandbox ?? sandboxProviders).text!(r.model);
  return deps.providers(scope).text(r.model);
}

export async function imageProviderFor(
  deps: AiEngineDeps,
  scope: Scope,
  r: ResolvedModel,
): Promise<ImageProvider> {
  if (r.sandbox) return (deps.sandbox ?? sandboxProviders).image!(r.model);
  return deps.providers(scope).image(r.model);
}
