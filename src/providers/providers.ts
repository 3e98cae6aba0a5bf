import type { AdapterOptions } from './adapters/adapter-options.js';
import type { ImageProvider, TextProvider } from './provider.types.js';

/** What a model in the registry is used for; a provider serves some of these. */
export type ServedKind = 'text' | 'image' | 'embedding';

/** How the API key travels: the header a provider reads it from. */
export type CredentialShape = 'bearer' | 'x-api-key' | 'x-goog-api-key' | 'api_token';

/** The adapter factories a provider module exports, loaded on first use (P11: `--help` loads none). */
export interface ProviderAdapters {
  text?: (options: AdapterOptions) => TextProvider;
  image?: (options: AdapterOptions) => ImageProvider;
}

/**
 * One vendor with its own config block (`providers.<id>`), key variables and adapters. Config schema,
 * environment overrides, the key store, the registry, `providers test`, help texts and the model
 * registry's "can this provider serve this type" rule all derive from PROVIDERS.
 */
export interface ProviderDescriptor {
  id: string;
  label: string;
  serves: readonly ServedKind[];
  /** Environment variables for the key and the base URL (e.g. OPENAI_API_KEY, OPENAI_BASE_URL). */
  keyEnv: string;
  baseUrlEnv: string;
  defaultBaseUrl: string;
  credential: CredentialShape;
  /** The adapters, imported lazily. */
  load(): Promise<ProviderAdapters>;
}

/** Every native provider. Adding one: a descriptor here plus its adapter file. */
export const PROVIDERS = [
  {
    id: 'openai',
    label: 'OpenAI',
    serves: ['text', 'image'],
    keyEnv: 'OPENAI_API_KEY',
    baseUrlEnv: 'OPENAI_BASE_URL',
    defaultBaseUrl: 'https://api.openai.com/v1',
    credential: 'bearer',
    load: async () => ({
      text: (await import('./adapters/openai-text.provider.js')).createOpenAiTextProvider,
      image: (await import('./adapters/openai-image.provider.js')).createOpenAiImageProvider,
    }),
  },
  {
    id: 'anthropic',
    label: 'Anthropic',
    serves: ['text'],
    keyEnv: 'ANTHROPIC_API_KEY',
    baseUrlEnv: 'ANTHROPIC_BASE_URL',
    defaultBaseUrl: 'https://api.anthropic.com',
    credential: 'x-api-key',
    load: async () => ({
      text: (await import('./adapters/anthropic-text.provider.js')).createAnthropicTextProvider,
    }),
  },
  {
    id: 'gemini',
    label: 'Google Gemini',
    serves: ['text', 'image'],
    keyEnv: 'GEMINI_API_KEY',
    baseUrlEnv: 'GEMINI_BASE_URL',
    defaultBaseUrl: 'https://generativelanguage.googleapis.com',
    credential: 'x-goog-api-key',
    load: async () => {
      const m = await import('./adapters/gemini.provider.js');
      return { text: m.createGeminiTextProvider, image: m.createGeminiImageProvider };
    },
  },
  {
    id: 'runware',
    label: 'Runware',
    serves: ['image'],
    keyEnv: 'RUNWARE_API_KEY',
    baseUrlEnv: 'RUNWARE_BASE_URL',
    defaultBaseUrl: 'https://api.runware.ai',
    credential: 'bearer',
    load: async () => ({
      image: (await import('./adapters/runware-image.provider.js')).createRunwareImageProvider,
    }),
  },
  {
    id: 'bria',
    label: 'Bria',
    serves: ['image'],
    keyEnv: 'BRIA_API_KEY',
    baseUrlEnv: 'BRIA_BASE_URL',
    defaultBaseUrl: 'https://engine.prod.bria-api.com',
    credential: 'api_token',
    load: async () => ({
      image: (await import('./adapters/bria-image.provider.js')).createBriaImageProvider,
    }),
  },
] as const satisfies readonly ProviderDescriptor[];

export type ProviderId = (typeof PROVIDERS)[number]['id'];

/** Ids of the native providers, in list order. */
export const PROVIDER_IDS = PROVIDERS.map((p) => p.id) as readonly ProviderId[];

/** What the sandbox serves (offline fakes for every model type the pipeline uses). */
const SANDBOX_SERVES: readonly ServedKind[] = ['text', 'image'];
/** Any other name is an OpenAI-compatible chat endpoint: text only. */
const COMPATIBLE_SERVES: readonly ServedKind[] = ['text'];

export function isProviderId(name: string): name is ProviderId {
  return (PROVIDER_IDS as readonly string[]).includes(name);
}

/** The descriptor of a native provider; undefined for sandbox and compatible endpoints. */
export function providerDescriptor(name: string): ProviderDescriptor | undefined {
  return PROVIDERS.find((p) => p.id === name);
}

/** The model types `name` can serve: a native provider's list, the sandbox's, or a compatible endpoint's (text). */
export function servedKinds(name: string): readonly ServedKind[] {
  if (name === 'sandbox') return SANDBOX_SERVES;
  return providerDescriptor(name)?.serves ?? COMPATIBLE_SERVES;
}

/** "openai, anthropic, gemini, runware, bria": for help texts and hints. */
export function providerIdList(): string {
  return PROVIDER_IDS.join(', ');
}
