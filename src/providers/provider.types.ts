/**
 * The two small interfaces every provider adapter implements. The AI layer only ever sees these.
 */
/** A PROVIDERS id (src/providers/providers.ts), "compatible" or "sandbox". */
export type ProviderKind = string;

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
  /** This message ends a stable prefix worth caching (Anthropic: a cache_control breakpoint). */
  cache?: boolean;
}

export interface Usage {
  /** Every input token, cached ones included (OpenAI's prompt_tokens; Anthropic's input + cache reads/writes). */
  tokensIn: number;
  tokensOut: number;
  /** Input tokens served from the provider's prompt cache (billed at the cached price); a subset of tokensIn. */
  tokensCached: number;
  /** Input tokens written to the provider's prompt cache (Anthropic's cache_creation_input_tokens); a subset of tokensIn. */
  tokensCacheWrite?: number;
  images: number;
}

/** What the usage sanity check made of a provider's figures (src/providers/usage-check.ts). */
export interface UsageCheck {
  /** The token figures are our tokenizer's count: the provider reported none, or implausible ones. */
  estimated: boolean;
  /** The provider's own figures when they were implausible and replaced. */
  reported?: { tokensIn: number; tokensOut: number; tokensCached: number };
  /** One line for the run log when the figures were replaced or estimated. */
  warning?: string;
}

export interface TextRequest {
  /** The provider's model id, e.g. "gpt-4o-mini". */
  model: string;
  messages: ChatMessage[];
  /** Ask for JSON matching this JSON Schema (OpenAI json_schema / Anthropic forced tool). */
  jsonSchema?: { name: string; schema: Record<string, unknown> };
  maxOutputTokens?: number;
  temperature?: number;
  signal?: AbortSignal;
  /** Free-form labels for logs and fakes (function name, item id). Never secrets. */
  meta?: Record<string, string>;
  /** Groups calls sharing a prompt prefix for the provider's cache routing (OpenAI prompt_cache_key). */
  cacheKey?: string;
}

export interface TextResponse {
  /** Raw text (JSON text when jsonSchema was given). */
  text: string;
  usage: Usage;
  provider: string;
  model: string;
  finishReason: 'stop' | 'length' | 'refusal' | 'content_filter' | 'other';
  /** Rate-limit state the provider reported with this response (feeds the throttle). */
  rateLimit?: RateLimitSnapshot;
  /** Set by the resilient wrapper when `usage` is not the provider's own figures (estimated or clamped). */
  usageCheck?: UsageCheck;
}

export interface ImageRequest {
  model: string;
  prompt: string;
  negativePrompt?: string;
  width: number;
  height: number;
  signal?: AbortSignal;
  meta?: Record<string, string>;
}

export interface ImageResponse {
  bytes: Buffer;
  mime: string;
  width: number;
  height: number;
  usage: Usage;
  provider: string;
  model: string;
  /** Cost the provider itself reported (Runware), in USD; absent when it reports none. */
  costUsd?: number;
  rateLimit?: RateLimitSnapshot;
}

export interface TextProvider {
  /** Registry name: "openai", "anthropic", "sandbox", or a compatible endpoint's configured name. */
  readonly name: string;
  readonly kind: ProviderKind;
  generateText(request: TextRequest): Promise<TextResponse>;
  /** A cheap authenticated call (list models) for `igny8 providers test`. */
  ping?(): Promise<void>;
  /** The provider's batch API (half price, answers within 24 h), when it has one. */
  readonly batch?: TextBatchApi;
}

/** One request of a batch, under an id unique within the batch (`^[a-zA-Z0-9_-]{1,64}$`). */
export interface BatchRequest {
  customId: string;
  request: TextRequest;
}

/** One request's outcome: an answer, a failure, or `retry` (expired or cancelled before it ran). */
export type BatchItemResult =
  | { kind: 'answer'; response: TextResponse }
  | { kind: 'error'; message: string; status?: number }
  | { kind: 'retry'; why: 'expired' | 'cancelled' };

export interface BatchPoll {
  /** `pending` until the provider is done with the batch; the other states are final. */
  state: 'pending' | 'ended' | 'expired' | 'cancelled' | 'failed';
  /** The provider's own word for it (OpenAI `finalizing`, Anthropic `in_progress`). */
  providerStatus: string;
  counts: { total: number; done: number; failed: number };
  /** Final states only: outcomes by custom id. A request missing here was never answered (resubmit it). */
  results?: Map<string, BatchItemResult>;
  /** Why the whole batch failed (state `failed`). */
  error?: string;
}

/** OpenAI's Batch API or Anthropic's Message Batches behind one shape. */
export interface TextBatchApi {
  /**
   * Submit the requests (one model) under our own batch key (OpenAI: the batch's metadata; Anthropic
   * has no metadata, see `findSubmitted`); returns the provider's batch id.
   */
  submit(requests: BatchRequest[], key: string): Promise<string>;
  /**
   * The provider's batches that may be the one submitted under `key` by a process that died before it
   * stored the answer, best first (OpenAI: the one whose metadata carries the key; Anthropic: batches
   * of the same size created since `since`, checked against the custom ids once their results arrive).
   */
  findSubmitted(key: string, hint: { since: Date; requests: number }): Promise<string[]>;
  /** The batch's state; once final, the outcomes of the requests named in `requests` (read with them). */
  poll(batchId: string, requests: ReadonlyMap<string, TextRequest>): Promise<BatchPoll>;
  cancel(batchId: string): Promise<void>;
}

export interface ImageProvider {
  readonly name: string;
  readonly kind: ProviderKind;
  generateImage(request: ImageRequest): Promise<ImageResponse>;
  ping?(): Promise<void>;
}

/** Why a provider call failed; decides retry and the error code. */
export type ProviderFailureReason =
  'rate_limit' | 'transient' | 'timeout' | 'auth' | 'bad_request' | 'refused' | 'invalid_output';

/**
 * What the registry needs to know about a model: which provider serves it and under which id.
 * `AiModel` from the model registry satisfies it.
 */
export interface ProviderModelRef {
  provider: string;
  modelId: string;
  type?: string;
}

/**
 * Rate-limit state parsed from response headers (OpenAI `x-ratelimit-*`, Anthropic
 * `anthropic-ratelimit-*`). Every field is optional: providers send what they send.
 */
export interface RateLimitSnapshot {
  requestsLimit?: number;
  requestsRemaining?: number;
  /** Milliseconds until the request window is full again. */
  requestsResetMs?: number;
  tokensLimit?: number;
  tokensRemaining?: number;
  tokensResetMs?: number;
}
