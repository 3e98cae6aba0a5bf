import { ProviderError } from './provider-error.js';
import { redactSecrets } from './provider-error.js';
import type { ProviderFailureReason } from './provider.types.js';
import { parseRateLimitHeaders, parseRetryAfter, type HeadersLike } from './rate-limit-headers.js';

export interface ClassifyContext {
  provider: string;
  /** Values that must never appear in the message (the API key). */
  secrets: ReadonlyArray<string | undefined>;
  now?: number;
}

interface HttpishError {
  name: string;
  message: string;
  status?: unknown;
  headers?: HeadersLike;
  error?: unknown;
  code?: unknown;
  cause?: unknown;
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Map an HTTP status to a failure reason (see issue 3: 429 rate, 5xx transient, 401/403 auth, …). */
export function reasonForStatus(status: number, errorCode?: string): ProviderFailureReason {
  if (status === 429) return errorCode === 'insufficient_quota' ? 'auth' : 'rate_limit';
  if (status === 401 || status === 402 || status === 403) return 'auth';
  if (status === 408) return 'timeout';
  if (status === 409 || status >= 500) return 'transient';
  return 'bad_request';
}

function networkCode(err: unknown, depth = 0): string | undefined {
  if (!err || typeof err !== 'object' || depth > 4) return undefined;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
  return networkCode((err as { cause?: unknown }).cause, depth + 1);
}

function bodyErrorCode(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as { code?: unknown; type?: unknown; error?: { code?: unknown; type?: unknown } };
  const code = b.code ?? b.error?.code ?? b.type ?? b.error?.type;
  return typeof code === 'string' ? code : undefined;
}

/** The provider's own words from an error body: OpenAI `{ error: { message } }`, Anthropic `{ error: { message } }`. */
function bodyMessage(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as { message?: unknown; error?: { message?: unknown } };
  const m = b.error?.message ?? b.message;
  return typeof m === 'string' ? m : undefined;
}

function clip(text: string, max = 300): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

/**
 * Turn whatever an SDK call or fetch threw into a classified, redacted ProviderError.
 * Works by shape, not class, so both SDKs and the REST adapters share it.
 */
export function classifyProviderError(err: unknown, ctx: ClassifyContext): ProviderError {
  if (err instanceof ProviderError) return err;
  const e = (err instanceof Error ? err : new Error(String(err))) as HttpishError;
  const kind = (e as { constructor?: { name?: string } }).constructor?.name ?? e.name;
  const say = (what: string) => clip(`${ctx.provider}: ${redactSecrets(what, ctx.secrets)}`);
  const base = { provider: ctx.provider };

  if (kind === 'APIUserAbortError' || e.name === 'AbortError') {
    return new ProviderError('timeout', say('request aborted before the provider answered'), base);
  }
  if (kind === 'APIConnectionTimeoutError' || e.name === 'TimeoutError') {
    return new ProviderError('timeout', say('request timed out'), base);
  }
  if (typeof e.status === 'number') {
    const status = e.status;
    const code = bodyErrorCode(e.error);
    const reason = reasonForStatus(status, code);
    const retryAfterMs = parseRetryAfter(e.headers, ctx.now);
    const words = bodyMessage(e.error);
    return new ProviderError(reason, say(words ? `${status} ${words}` : e.message || `HTTP ${status}`), {
      ...base,
      status,
      retryAfterMs,
      rateLimit: parseRateLimitHeaders(e.headers, ctx.now),
      details: code ? { providerCode: redactSecrets(code, ctx.secrets) } : undefined,
    });
  }
  const net = networkCode(e);
  if (kind === 'APIConnectionError' || net || (e.name === 'TypeError' && /fetch failed/i.test(e.message))) {
    return new ProviderError('transient', say(`connection failed${net ? ` (${net})` : ''}`), {
      ...base,
      unreachable: true,
      details: net ? { network: net } : undefined,
    });
  }
  if (e.name === 'SyntaxError' || kind === 'OpenAIError' || kind === 'AnthropicError') {
    return new ProviderError('invalid_output', say(`unreadable response (${e.message})`), {
      ...base,
      unparseable: true,
    });
  }
  return new ProviderError('transient', say(e.message || 'unknown failure'), base);
}
