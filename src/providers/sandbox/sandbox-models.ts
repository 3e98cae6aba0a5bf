import type { AiModel } from '../../models/index.js';

/**
 * The sandbox models as templates/models.json seeds them; used when the registry has no sandbox
 * rows yet (an unseeded database) and the engine falls back to the sandbox.
 */
export const SANDBOX_TEXT_MODEL: AiModel = {
  id: 'sandbox:sandbox-text',
  provider: 'sandbox',
  modelId: 'sandbox-text',
  displayName: 'Sandbox text (offline, deterministic)',
  type: 'text',
  inputPrice: 0,
  cachedInputPrice: 0,
  outputPrice: 0,
  imagePrice: null,
  tokensPerCredit: 1000,
  creditsPerImage: null,
  contextWindow: 128_000,
  maxOutput: 16_384,
  sizes: [],
  capabilities: ['json_schema', 'streaming'],
  tier: 'sandbox',
  active: true,
  isDefault: false,
};

export const SANDBOX_IMAGE_MODEL: AiModel = {
  ...SANDBOX_TEXT_MODEL,
  id: 'sandbox:sandbox-image',
  modelId: 'sandbox-image',
  displayName: 'Sandbox image (offline placeholder)',
  type: 'image',
  inputPrice: null,
  cachedInputPrice: null,
  outputPrice: null,
  imagePrice: 0,
  tokensPerCredit: null,
  creditsPerImage: 1,
  contextWindow: null,
  maxOutput: null,
  sizes: ['1024x1024', '1344x768', '768x1344', '1792x1024', '1024x1792', '1536x1024', '1024x1536'],
  capabilities: [],
};
