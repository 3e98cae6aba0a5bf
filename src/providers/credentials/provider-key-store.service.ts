import { ENV_OVERRIDES, maskSecret, type Igny8Config } from '../../config/index.js';
import { transaction, type Db } from '../../db/index.js';
import { Igny8Error, isIgny8Error, parseInput } from '../../errors/index.js';
import type { SecretBox } from '../../secrets/index.js';
import type { Scope } from '../../tenancy/scope.js';
import { newId, nowIso } from '../../util/ids.js';
import { isProviderId, providerIdList } from '../providers.js';
import * as repo from './provider-credentials.repository.js';
import {
  KEYED_PROVIDERS,
  SetProviderKeyInputSchema,
  type KeyedProvider,
  type SetProviderKeyInput,
} from './provider-key.schema.js';

export type KeySource = 'database' | 'environment' | 'config';

export interface ProviderKeyInfo {
  provider: string;
  name: string;
  /** Never the key: "sk-…1234", "••••" for short keys, "(none)" for a keyless endpoint. */
  masked: string;
  source: KeySource;
  baseUrl?: string;
  /** Whether resolve() picks this entry (a stored key shadows the environment's). */
  inUse: boolean;
}

export interface ResolvedProviderKey {
  /** Empty for a configured OpenAI-compatible endpoint that needs no key (Ollama, vLLM). */
  key: string;
  baseUrl?: string;
  source: KeySource;
}

export interface ProviderKeyStore {
  set(scope: Scope, input: SetProviderKeyInput): Promise<{ provider: string; name: string; last4: string }>;
  list(scope: Scope): Promise<ProviderKeyInfo[]>;
  remove(scope: Scope, provider: string, name?: string): Promise<void>;
  /** The account's stored key first, then the config/environment key (for name "default"). */
  resolve(scope: Scope, provider: string, name?: string): Promise<ResolvedProviderKey | null>;
}

/**
 * Provider API keys: stored per account, encrypted with the master key; the config and
 * environment (OPENAI_API_KEY, compatible endpoints' apiKeyEnv, …) are the fallback.
 * @example await store.set(scope, { provider: 'openai', key }); await store.resolve(scope, 'openai');
 */
export function createProviderKeyStore(
  db: Db,
  secrets: SecretBox,
  config: Pick<Igny8Config, 'providers'>,
  env: NodeJS.ProcessEnv = process.env,
): ProviderKeyStore {
  // A configured compatible endpoint of the same name wins over the native provider (provider-registry.ts).
  const isKeyed = (p: string): p is KeyedProvider => isProviderId(p) && !config.providers.compatible[p];

  /** The key the config (with environment overrides applied) gives a provider, if any. */
  const fallback = (provider: string): (ResolvedProviderKey & { keyless?: boolean }) | null => {
    if (isKeyed(provider)) {
      const block = config.providers[provider];
      if (!block.apiKey) return null;
      const envName = ENV_OVERRIDES.find((o) => o.path.join('.') === `providers.${provider}.apiKey`)?.env;
      const source: KeySource = envName && env[envName] === block.apiKey ? 'environment' : 'config';
      return { key: block.apiKey, source, ...(block.baseUrl ? { baseUrl: block.baseUrl } : {}) };
    }
    const endpoint = config.providers.compatible[provider];
    if (!endpoint) return null;
    if (endpoint.apiKey) return { key: endpoint.apiKey, baseUrl: endpoint.baseUrl, source: 'config' };
    const fromEnv = endpoint.apiKeyEnv ? env[endpoint.apiKeyEnv] : undefined;
    if (fromEnv) return { key: fromEnv, baseUrl: endpoint.baseUrl, source: 'environment' };
    return { key: '', baseUrl: endpoint.baseUrl, source: 'config', keyless: true };
  };

  const configuredBaseUrl = (provider: string): string | undefined =>
    isKeyed(provider) ? config.providers[provider].baseUrl : config.providers.compatible[provider]?.baseUrl;

  const maskStored = (row: repo.ProviderCredentialRow): string => {
    try {
      return maskSecret(secrets.decrypt(row.secret_enc));
    } catch (err) {
      // Listing must still work when the master key is gone; the tail alone is safe to show.
      if (isIgny8Error(err)) return row.last4 ? `…${row.last4}` : '••••';
      throw err;
    }
  };

  return {
    async set(scope, input) {
      const v = parseInput(SetProviderKeyInputSchema, input, 'provider key');
      if (v.provider === 'sandbox') {
        throw new Igny8Error('VALIDATION_FAILED', 'The sandbox provider needs no key', {
          hint: `Set a key for ${providerIdList()} or a configured compatible endpoint.`,
        });
      }
      if (!isKeyed(v.provider) && !config.providers.compatible[v.provider] && !v.baseUrl) {
        throw new Igny8Error('PROVIDER_NOT_CONFIGURED', `Unknown provider "${v.provider}"`, {
          hint: `Add providers.compatible.${v.provider} = { baseUrl } to the config, or pass --base-url.`,
        });
      }
      const last4 = v.key.length > 8 ? v.key.slice(-4) : '';
      await transaction(db, (trx) =>
        repo.upsertCredentialRow(trx, scope, {
          id: newId(),
          provider: v.provider,
          name: v.name,
          secret_enc: secrets.encrypt(v.key),
          last4,
          base_url: v.baseUrl ?? null,
          now: nowIso(),
        }),
      );
      return { provider: v.provider, name: v.name, last4 };
    },

    async list(scope) {
      const rows = await repo.listCredentialRows(db, scope);
      const out: ProviderKeyInfo[] = rows.map((row) => ({
        provider: row.provider,
        name: row.name,
        masked: maskStored(row),
        source: 'database',
        ...((row.base_url ?? configuredBaseUrl(row.provider))
          ? { baseUrl: (row.base_url ?? configuredBaseUrl(row.provider))! }
          : {}),
        inUse: true,
      }));
      const providers = [...new Set([...KEYED_PROVIDERS, ...Object.keys(config.providers.compatible)])];
      for (const provider of providers) {
        const f = fallback(provider);
        if (!f) continue;
        out.push({
          provider,
          name: 'default',
          masked: f.keyless ? '(none)' : maskSecret(f.key),
          source: f.source,
          ...(f.baseUrl ? { baseUrl: f.baseUrl } : {}),
          inUse: !rows.some((r) => r.provider === provider && r.name === 'default'),
        });
      }
      return out.sort((a, b) => a.provider.localeCompare(b.provider) || a.name.localeCompare(b.name));
    },

    async remove(scope, provider, name = 'default') {
      const removed = await transaction(db, (trx) => repo.deleteCredentialRow(trx, scope, provider, name));
      if (removed > 0) return;
      const f = name === 'default' ? fallback(provider) : null;
      throw new Igny8Error('NOT_FOUND', `No stored key "${name}" for ${provider}`, {
        hint:
          f && !f.keyless
            ? `The ${provider} key in use comes from the ${f.source}; remove it there.`
            : 'List keys with `igny8 providers list`.',
      });
    },

    async resolve(scope, provider, name = 'default') {
      const row = await repo.findCredentialRow(db, scope, provider, name);
      if (row) {
        const baseUrl = row.base_url ?? configuredBaseUrl(provider);
        return { key: secrets.decrypt(row.secret_enc), source: 'database', ...(baseUrl ? { baseUrl } : {}) };
      }
      if (name !== 'default') return null;
      const f = fallback(provider);
      if (!f) return null;
      return { key: f.key, source: f.source, ...(f.baseUrl ? { baseUrl: f.baseUrl } : {}) };
    },
  };
}
