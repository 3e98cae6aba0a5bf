import type { Igny8Config } from '../config/index.js';
import { Igny8Error } from '../errors/index.js';
import type { Scope } from '../tenancy/scope.js';
import type { AdapterOptions } from './adapters/adapter-options.js';
import { createCompatibleTextProvider } from './adapters/compatible-text.provider.js';
import type { ImageProvider, ProviderModelRef, TextProvider } from './provider.types.js';
import {
  isProviderId,
  PROVIDERS,
  providerDescriptor,
  type ProviderAdapters,
  type ProviderId,
} from './providers.js';
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

interface Endpoint {
  name: string;
  /** A PROVIDERS id, or "compatible". */
  kind: ProviderId | 'compatible';
  apiKey: string;
  baseUrl?: string;
}

/** Raw adapters, one per (kind, endpoint, key hash): SDK clients are reused across registries. */
const adapterCache = new Map<string, TextProvider | ImageProvider>();

/** Every native provider's adapters by id, once imported. */
const loadedAdapters = new Map<string, ProviderAdapters>();
let loadingAdapters: Promise<void> | undefined;

/** Import every native provider's adapter module (small: each imports its SDK on its first call). */
function loadAdapters(): Promise<void> {
  loadingAdapters ??= Promise.all(
    PROVIDERS.map(async (p) => void loadedAdapters.set(p.id, await p.load())),
  ).then(() => undefined);
  return loadingAdapters;
}
// Started with this module, as the static imports it replaces were: once loaded, a provider call
// awaits nothing more than the key lookup, so concurrent calls keep the order they were made in.
void loadAdapters().catch(() => undefined);

/** The adapters of native provider `id`; waits only when the import has not finished yet. */
async function adaptersOf(id: string): Promise<ProviderAdapters> {
  if (loadedAdapters.size < PROVIDERS.length) await loadAdapters();
  return loadedAdapters.get(id) ?? {};
}

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
    // An explicitly configured compatible endpoint keeps its name (e.g. a "gemini" set up before the
    // native Gemini adapter existed), so adding a native provider changes no one's routing.
    if (isProviderId(provider) && !config.providers.compatible[provider]) {
      const cfg = config.providers[provider];
      const apiKey = stored?.key ?? cfg.apiKey;
      if (!apiKey) return null;
      const baseUrl = stored?.baseUrl ?? cfg.baseUrl ?? providerDescriptor(provider)!.defaultBaseUrl;
      return { name: provider, kind: provider, apiKey, baseUrl };
    }
    const cfg = config.providers.compatible[provider];
    const baseUrl = stored?.baseUrl ?? cfg?.baseUrl;
    if (!baseUrl) return null;
    const apiKey =
      stored?.key ?? cfg?.apiKey ?? (cfg?.apiKeyEnv ? process.env[cfg.apiKeyEnv] : undefined) ?? '';
    return { name: provider, kind: 'compatible', apiKey, baseUrl };
  }

  function adapter<T>(type: 'text' | 'image', ep: Endpoint, build: (o: AdapterOptions) => T): T {
    // Same key, same client: the cache id names everything that shapes the adapter.
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
    const known = providerDescriptor(model.provider);
    throw notConfigured(
      model.provider,
      known ? 'no API key configured' : 'unknown provider (not a compatible endpoint in the config)',
      known
        ? `Run \`igny8 providers set-key ${model.provider}\` or set ${known.keyEnv}.`
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
      const build =
        ep.kind === 'compatible'
          ? (o: AdapterOptions) => createCompatibleTextProvider({ ...o, baseUrl: ep.baseUrl! })
          : (loadedAdapters.get(ep.kind) ?? (await adaptersOf(ep.kind))).text;
      if (!build)
        throw notConfigured(
          ep.name,
          'serves images only',
          'Pick a text model (`igny8 models list --type text`).',
        );
      const inner = adapter('text', ep, build);
      return resilientTextProvider(inner, resilience(ep));
    },
    async image(model) {
      if (model.provider === 'sandbox') {
        const s = sandbox();
        if (!s?.image) throw notConfigured('sandbox', 'no sandbox image provider registered', SANDBOX_HINT);
        return s.image(model);
      }
      const ep = await required(model);
      const build =
        ep.kind === 'compatible'
          ? undefined
          : (loadedAdapters.get(ep.kind) ?? (await adaptersOf(ep.kind))).image;
      if (!build)
        throw notConfigured(
          ep.name,
          'serves text only',
          'Pick an image model (`igny8 models list --type image`).',
        );
      const inner = adapter('image', ep, build);
      return resilientImageProvider(inner, resilience(ep));
    },
    async has(providerName) {
      if (providerName === 'sandbox') return Boolean(sandbox());
      return (await endpoint(providerName)) !== null;
    },
  };
}
