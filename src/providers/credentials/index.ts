export {
  createProviderKeyStore,
  type KeySource,
  type ProviderKeyInfo,
  type ProviderKeyStore,
  type ResolvedProviderKey,
} from './provider-key-store.service.js';
export {
  KEYED_PROVIDERS,
  SetProviderKeyInputSchema,
  type KeyedProvider,
  type SetProviderKeyInput,
} from './provider-key.schema.js';
