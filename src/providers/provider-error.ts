import type { ErrorCode } from '../errors/index.js';
import { Igny8Error } from '../errors/index.js';
import type { ProviderFailureReason, RateLimitSnapshot } from './provider.types.js';

/** The catalog code each failure reason is reported under. */
export const REASON_CODES: Record<ProviderFailureReason, ErrorCode> = {
  rate_limit: 'PROVIDER_RATE_LIMIT',
  transient: 'PROVIDER_TRANSIENT',
  timeout: 'PROVIDER_TIMEOUT',
  auth: 'PROVIDER_AUTH',
  bad_request: 'PROVIDER_BAD_REQUEST',
  refused: 'PROVIDER_REFUSED',
  invalid_output: 'PROVIDER_INVALID_OUTPUT',
};

const HINTS: Record<ProviderFailureReason, string> = {
  rate_limit: 'The provider is rate limiting this key; lower providers.throttle limits or try again later.',
  transient: 'The provider had a temporary problem; try again.',
  timeout: 'Raise providers.retry.attemptTimeoutMs or deadlineMs if calls are legitimately slow.',
  auth: 'Check the key with `igny8 providers test` and set a new one with `igny8 providers set-key`.',
  bad_request: 'Check the model id and its settings (`igny8 models list`).',
  refused: 'The model declined this request; rephrase the input or use another model.',
  invalid_output: 'The provider sent a response igny8 could not read; try again or use another model.',
};

export interface ProviderErrorOptions {
  provider: string;
  status?: number;
  retryAfterMs?: number;
  attempts?: number;
  /** The response body could not be parsed at all (transport-level invalid output). */
  unparseable?: boolean;
  /** No HTTP response: connection refused, reset, DNS failure. */
  unreachable?: boolean;
  rateLimit?: RateLimitSnapshot;
  details?: Record<string, unknown>;
  hint?: string;
}

/**
 * A classified provider failure. Its message and details are already redacted: they never carry
 * the API key. `attempts` is filled in by withRetry.
 * @example throw new ProviderError('rate_limit', 'openai: 429 Too Many Requests', { provider: 'openai', retryAfterMs: 2000 })
 */
export class ProviderError extends Igny8Error {
  readonly reason: ProviderFailureReason;
  readonly provider: string;
  readonly providerStatus: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly unparseable: boolean;
  readonly unreachable: boolean;
  readonly rateLimit: RateLimitSnapshot | undefined;
  attempts: number;

  constructor(reason: ProviderFailureReason, message: string, options: ProviderErrorOptions) {
    super(REASON_CODES[reason], message, {
      hint: options.hint ?? HINTS[reason],
      details: {
        ...options.details,
        provider: options.provider,
        reason,
        ...(options.status !== undefined ? { status: options.status } : {}),
        ...(options.retryAfterMs !== undefined ? { retryAfterMs: options.retryAfterMs } : {}),
      },
    });
    this.reason = reason;
    this.provider = options.provider;
    this.providerStatus = options.status;
    this.retryAfterMs = options.retryAfterMs;
    this.unparseable = options.unparseable ?? false;
    this.unreachable = options.unreachable ?? false;
    this.rateLimit = options.rateLimit;
    this.attempts = options.attempts ?? 1;
  }

  /** The same failure with other details (attempts, wait) — keeps it immutable for callers that held it. */
  with(patch: Partial<ProviderErrorOptions> & { message?: string }): ProviderError {
    const next = new ProviderError(this.reason, patch.message ?? this.message, {
      provider: this.provider,
      status: this.providerStatus,
      retryAfterMs: this.retryAfterMs,
      unparseable: this.unparseable,
      unreachable: this.unreachable,
      rateLimit: this.rateLimit,
      hint: this.hint,
      attempts: this.attempts,
      ...patch,
      details: { ...this.details, ...patch.details },
    });
    return next;
  }
}

export function isProviderError(err: unknown): err is ProviderError {
  return err instanceof ProviderError;
}

/**
 * Remove every secret from a text: the exact values, and anything shaped like a bearer token or
 * key prefix, so a provider that echoes the key back cannot leak it through us.
 */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out
    .replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, '$1[redacted]')
    .replace(/\b(sk|rk|pk)-[A-Za-z0-9_-]{8,}/g, '$1-[redacted]');
}
