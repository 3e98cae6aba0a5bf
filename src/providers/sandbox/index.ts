/** The sandbox provider: offline, deterministic, clearly labelled output for demos and CI. */
import type { SandboxFactory } from '../provider-registry.js';
import { createSandboxImageProvider } from './sandbox-image.provider.js';
import { createSandboxTextProvider } from './sandbox-text.provider.js';

export { createSandboxImageProvider } from './sandbox-image.provider.js';
export { createSandboxTextProvider } from './sandbox-text.provider.js';
export { sandboxRespond, type SandboxRespondRequest } from './sandbox-respond.js';
export { SANDBOX_IMAGE_MODEL, SANDBOX_TEXT_MODEL } from './sandbox-models.js';
export { SANDBOX_LABEL } from './article-meta.js';
export { sandboxPng } from './sandbox-png.js';

/** The factory the provider registry uses for models whose provider is "sandbox". */
export const sandboxProviders: SandboxFactory = {
  text: (model) => createSandboxTextProvider(model),
  image: (model) => createSandboxImageProvider(model),
};
