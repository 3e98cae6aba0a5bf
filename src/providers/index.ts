/** Provider adapters, our retry policy and throttle, and the per-scope provider registry. */
export type * from './provider.types.js';
export {
  ProviderError,
  REASON_CODES,
  isProviderError,
  redactSecrets,
  type ProviderErrorOptions,
} from './provider-error.js';
export { classifyProviderError, reasonForStatus, type ClassifyContext } from './classify-error.js';
export {
  parseRateLimitHeaders,
  parseRetryAfter,
  parseDurationMs,
  type HeadersLike,
} from './rate-limit-headers.js';
export {
  planRetry,
  withRetry,
  type RetryPolicy,
  type RetryFailure,
  type RetryPlan,
  type RetryEvent,
  type AttemptContext,
  type WithRetryOptions,
} from './retry.js';
export {
  createThrottle,
  throttleFor,
  resetThrottles,
  hashProviderKey,
  type Throttle,
  type ThrottleLimits,
  type ThrottleLease,
  type ThrottleState,
  type ThrottleClock,
  type ThrottleWait,
} from './throttle.js';
export {
  resilientTextProvider,
  resilientImageProvider,
  estimateRequestTokens,
  type ResilienceOptions,
} from './resilient-provider.js';
export {
  withProviderNotices,
  emitProviderNotice,
  setProviderNoticeFallback,
  WAIT_NOTICE_MS,
  type ProviderNotice,
  type ProviderNoticeListener,
  type ProviderWaitReason,
} from './provider-notices.js';
export { checkUsage, usageBounds } from './usage-check.js';
export { countTokens } from './count-tokens.js';
export {
  createProviderRegistry,
  registerSandbox,
  registerSandboxFactory,
  resetProviderCache,
  type ProviderRegistry,
  type ProviderRegistryOptions,
  type ProviderKeyResolver,
  type SandboxFactory,
} from './provider-registry.js';
export type { ProviderRegistryFactory } from './provider-registry.js';
export { checkProviders, type ProviderCheck, type ProviderKeyLister } from './provider-check.js';
export type { AdapterOptions } from './adapters/adapter-options.js';
export {
  createOpenAiTextProvider,
  resetJsonSchemaMemory,
  type OpenAiTextOptions,
} from './adapters/openai-text.provider.js';
export { createOpenAiImageProvider } from './adapters/openai-image.provider.js';
export { createAnthropicTextProvider } from './adapters/anthropic-text.provider.js';
export { createCompatibleTextProvider } from './adapters/compatible-text.provider.js';
export { createRunwareImageProvider } from './adapters/runware-image.provider.js';
export { createBriaImageProvider } from './adapters/bria-image.provider.js';
export {
  createGeminiTextProvider,
  createGeminiImageProvider,
  geminiBody,
  imagenAspectRatio,
} from './adapters/gemini.provider.js';
export {
  PROVIDERS,
  PROVIDER_IDS,
  isProviderId,
  providerDescriptor,
  servedKinds,
  type ProviderDescriptor,
  type ProviderId,
  type ServedKind,
  type CredentialShape,
  type ProviderAdapters,
} from './providers.js';
export { BATCH_PRICE_FACTOR, batchPriceFactor } from './batch-pricing.js';
export type { BatchItemResult, BatchPoll, BatchRequest, TextBatchApi } from './provider.types.js';
