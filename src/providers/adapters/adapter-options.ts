import type { ProviderKind } from '../provider.types.js';

/** What every adapter is built from. The key lives only in the SDK client / request headers. */
export interface AdapterOptions {
  /** Registry name ("openai", "anthropic", or a compatible endpoint's configured name). */
  name: string;
  apiKey: string;
  /** API base URL; each adapter documents its default. */
  baseUrl?: string;
  /** Backstop timeout for one HTTP request (our retry layer aborts earlier via the attempt signal). */
  timeoutMs?: number;
  /** fetch implementation (tests, proxies). */
  fetch?: typeof fetch;
}

export interface AdapterIdentity {
  name: string;
  kind: ProviderKind;
}

/** Token counts from text length when a provider reports none (≈4 characters per token). */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
