import type { Igny8Config } from '../config/index.js';
import { Igny8Error } from '../errors/index.js';
import type { Scope } from '../tenancy/scope.js';
import type { AdapterOptions } from './adapters/adapter-options.js';
import { createAnthropicTextProvider } from './adapters/anthropic-text.provider.js';
import { createBriaImageProvider } from './adapters/bria-image.provider.js';
import { createCompatibleTextProvider } from './adapters/compatible-text.provider.js';
import { createOpenAiImageProvider } from './adapters/openai-image.provider.js';
import { createOpenAiTextProvider } from './adapters/openai-text.provider.js';
import { createRunwareImageProvider } from './adapters/runware-image.provider.js';
import type { ImageProvider, ProviderKind, ProviderModelRef, TextProvider } from './provider.types.js';
import { resilientImageProvider, resilientTextProvider } from './resilient-provider.js';
import type { ProviderNoticeListener } from './provider-notices.js';
import type { RetryEvent } from './retry.js';
import { hashProviderKey, throttleFor } from './throttle.js';

/** The part of core.providerKeys the registry needs (src/providers/credentials implements it). */
export interface ProviderKeyResolver {
  resolve(
    scope: Scope,
    provider: string,
    name?: string,
  ): Promise<{ key: string; baseUrl?: string | null; source: string } | null>;
}

/** Offline providers for provider "sandbox"; the AI layer registers them (src/providers/sandbox*). */
export interface SandboxFactory {
  text?(model: ProviderModelRef): TextProvider;
  image?(model: ProviderModelRef): ImageProvider;
}

export interface ProviderRegistryOptions {
  config: Igny8Config;
  keys: ProviderKeyResolver;
  scope: Scope;
  /** Overrides the registered sandbox for this registry. */
  sandbox?: SandboxFactory;
  /** Told about every retry (the AI layer logs it; tests record planned delays). */
  onRetry?: (event: RetryEvent & { provider: string }) => void;
  /** Told about long waits and corrected usage (withProviderNotices reaches the same events by context). */
  onNotice?: ProviderNoticeListener;
  /** Jitter source (tests make backoff deterministic). */
  rand?: () => number;
  fetch?: typeof fetch;
}

export interface ProviderRegistry {
  /** The text provider serving `model`, wrapped with retry + throttle. PROVIDER_NOT_CONFIGURED when no key. */
  text(model: ProviderModelRef): Promise<TextProvider>;
  /** The image provider serving `model`, wrapped with retry + throttle. PROVIDER_NOT_CONFIGURED when no key. */
  image(model: ProviderModelRef): Promise<ImageProvider>;
  /** Whether `providerName` can be called (a key or keyless endpoint is configured; sandbox when registered). */
  has(providerName: string): Promise<boolean>;
}

/** How the core hands registries out: one per scope (the scope decides whose keys are used). */
export type ProviderRegistryFactory = (scope: Scope) => ProviderRegistry;

let registeredSandbox: SandboxFactory | undefined;

/** Register the sandbox providers used for models whose provider is "sandbox". */
export function registerSandbox(factory: SandboxFactory | undefined): void {
  registeredSandbox = factory;
}
/** Alias of registerSandbox. */
export const registerSandboxFactory = registerSandbox;

const KEYED = ['openai', 'anthropic', 'runware', 'bria'] as const;
type KeyedKind = (typeof KEYED)[number];

interface Endpoint {
  name: string;
  kind: Exclude<ProviderKind, 'sandbox'>;
  apiKey: string;
  baseUrl?: string;
}

/** Raw adapters, one per (kind, endpoint, key hash): SDK clients are reused across registries. */
const adapterCache = new Map<string, TextProvider | ImageProvider>();

/** Drop cached adapters (tests; after a key changes the hash changes anyway). */
export function resetProviderCache(): void {
  adapterCache.clear();
}

const SANDBOX_HINT = 'Register one with registerSandbox() or pass `sandbox` to createProviderRegistry().';

function notConfigured(provider: string, why: string, hint: string): Igny8Error {
  return new Igny8Error('PROVIDER_NOT_CONFIGURED', `${provider}: ${why}`, { hint });
}

/**
 * Build the per-scope provider registry: keys come from the key store (database, then config and
 * environment), adapters are cached per key, and every call goes through our retry policy and the
 * key's shared throttle.
 * @example const p = await createProviderRegistry({ config, keys, scope }).text(model); await p.generateText(req)
 */
export function createProviderRegistry(options: ProviderRegistryOptions): ProviderRegistry {
  const { config, keys, scope } = options;
  const sandbox = () => options.sandbox ?? registeredSandbox;

  async function endpoint(provider: string): Promise<Endpoint | null> {
    const stored = await keys.resolve(scope, provider);
    if ((KEYED as readonly string[]).includes(provider)) {
      const cfg = config.providers[provider as KeyedKind];
      const apiKey = stored?.key ?? cfg.apiKey;
      if (!apiKey) return null;
      return { name: provider, kind: provider as KeyedKind, apiKey, baseUrl: stored?.baseUrl ?? cfg.baseUrl };
    }
    const cfg = config.providers.compatible[provider];
    const baseUrl = stored?.baseUrl ?? cfg?.baseUrl;
    if (!baseUrl) return null;
    const apiKey =
      stored?.key ?? cfg?.apiKey ?? (cfg?.apiKeyEnv ? process.env[cfg.apiKeyEnv] : undefined) ?? '';
    return { name: provider, kind: 'compatible', apiKey, baseUrl };
  }

  function adapter<T>(type: 'text' | 'image', ep: Endpoint, build: (o: AdapterOptions) => T): T {
    const id = [type, ep.kind, ep.name, ep.baseUrl ?? '', hashProviderKey(ep.apiKey)].join('|');
    let cached = adapterCache.get(id) as T | undefined;
    if (!cached) {
      cached = build({
        name: ep.name,
        apiKey: ep.apiKey,
        baseUrl: ep.baseUrl,
        timeoutMs: config.providers.retry.attemptTimeoutMs + 1000,
        fetch: options.fetch,
      });
      adapterCache.set(id, cached as TextProvider | ImageProvider);
    }
    return cached;
  }

  const resilience = (ep: Endpoint) => ({
    policy: config.providers.retry,
    throttle: throttleFor(ep.name, ep.apiKey, config.providers.throttle),
    secrets: [ep.apiKey],
    onRetry: options.onRetry,
    onNotice: options.onNotice,
    rand: options.rand,
  });

  async function required(model: ProviderModelRef): Promise<Endpoint> {
    const ep = await endpoint(model.provider);
    if (ep) return ep;
    const known = (KEYED as readonly string[]).includes(model.provider);
    throw notConfigured(
      model.provider,
      known ? 'no API key configured' : 'unknown provider (not a compatible endpoint in the config)',
      known
        ? `Run \`igny8 providers set-key ${model.provider}\` or set ${model.provider.toUpperCase()}_API_KEY.`
        : `Add providers.compatible.${model.provider}.baseUrl to the config, or use \`igny8 providers set-key ${model.provider} --base-url <url>\`.`,
    );
  }

  return {
    async text(model) {
      if (model.provider === 'sandbox') {
        const s = sandbox();
        if (!s?.text) throw notConfigured('sandbox', 'no sandbox text provider registered', SANDBOX_HINT);
        return s.text(model);
      }
      const ep = await required(model);
      let inner: TextProvider;
      if (ep.kind === 'openai') inner = adapter('text', ep, createOpenAiTextProvider);
      else if (ep.kind === 'anthropic') inner = adapter('text', ep, createAnthropicTextProvider);
      else if (ep.kind === 'compatible')
        inner = adapter('text', ep, (o) => createCompatibleTextProvider({ ...o, baseUrl: ep.baseUrl! }));
      else
        throw notConfigured(
          ep.name,
          'serves images only',
          'Pick a text model (`igny8 models list --type text`).',
        );
      return resilientTextProvider(inner, resilience(ep));
    },
    async image(model) {
      if (model.provider === 'sandbox') {
        const s = sandbox();
        if (!s?.image) throw notConfigured('sandbox', 'no sandbox image provider registered', SANDBOX_HINT);
        return s.image(model);
      }
      const ep = await required(model);
      let inner: ImageProvider;
      if (ep.kind === 'openai') inner = adapter('image', ep, createOpenAiImageProvider);
      else if (ep.kind === 'runware') inner = adapter('image', ep, createRunwareImageProvider);
      else if (ep.kind === 'bria') inner = adapter('image', ep, createBriaImageProvider);
      else
        throw notConfigured(
          ep.name,
          'serves text only',
          'Pick an image model (`igny8 models list --type image`).',
        );
      return resilientImageProvider(inner, resilience(ep));
    },
    async has(providerName) {
      if (providerName === 'sandbox') return Boolean(sandbox());
      return (await endpoint(providerName)) !== null;
    },
  };
}
