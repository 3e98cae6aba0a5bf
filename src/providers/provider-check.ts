import type { Igny8Config } from '../config/index.js';
import { maskSecret } from '../config/index.js';
import type { Scope } from '../tenancy/scope.js';
import { isProviderError, redactSecrets } from './provider-error.js';
import { createProviderRegistry, type ProviderKeyResolver } from './provider-registry.js';
import { servedKinds } from './providers.js';

/** The key store's listing, as `igny8 providers list` shows it (already masked). */
export interface ProviderKeyLister extends ProviderKeyResolver {
  list(
    scope: Scope,
  ): Promise<
    Array<{ provider: string; name: string; masked: string; source: string; baseUrl?: string | null }>
  >;
}

export interface ProviderCheck {
  provider: string;
  status: 'ok' | 'auth_failed' | 'unreachable' | 'error' | 'not_configured';
  /** The key as "sk-…1234"; never the key. */
  masked: string | null;
  source: string | null;
  baseUrl: string | null;
  /** What went wrong (redacted), when not ok. */
  message?: string;
}

/** Image-only providers are pinged through their image adapter; everything else through text. */
const imageOnly = (provider: string) => !servedKinds(provider).includes('text');

/**
 * Ping each configured provider (or just `provider`) with its resolved key: one cheap authenticated
 * call, no retries. Never throws for a failing provider: the failure is the result.
 */
export async function checkProviders(options: {
  config: Igny8Config;
  keys: ProviderKeyLister;
  scope: Scope;
  provider?: string;
  fetch?: typeof fetch;
}): Promise<ProviderCheck[]> {
  const { config, keys, scope } = options;
  const names = options.provider
    ? [options.provider]
    : [
        ...new Set([
          ...(await keys.list(scope)).map((k) => k.provider),
          ...Object.keys(config.providers.compatible),
        ]),
      ].filter((n) => n !== 'sandbox');
  const registry = createProviderRegistry({ config, keys, scope, fetch: options.fetch });
  const results: ProviderCheck[] = [];
  for (const provider of names) {
    const resolved = await keys.resolve(scope, provider);
    const base = {
      provider,
      masked: resolved?.key ? maskSecret(resolved.key) : null,
      source: resolved?.source ?? (config.providers.compatible[provider] ? 'config' : null),
      baseUrl: resolved?.baseUrl ?? config.providers.compatible[provider]?.baseUrl ?? null,
    };
    try {
      const model = { provider, modelId: 'ping' };
      const p = imageOnly(provider) ? await registry.image(model) : await registry.text(model);
      await p.ping?.();
      results.push({ ...base, status: 'ok' });
    } catch (err) {
      const message = redactSecrets(err instanceof Error ? err.message : String(err), [resolved?.key]);
      const status: ProviderCheck['status'] = !isProviderError(err)
        ? (err as { code?: string }).code === 'PROVIDER_NOT_CONFIGURED'
          ? 'not_configured'
          : 'error'
        : err.reason === 'auth'
          ? 'auth_failed'
          : err.unreachable || err.reason === 'timeout'
            ? 'unreachable'
            : 'error';
      results.push({ ...base, status, message });
    }
  }
  return results;
}
