import fs from 'node:fs';
import { Igny8Error, isIgny8Error } from '../errors/index.js';
import { parseRetryAfter } from '../util/retry-after.js';
import { backoffCeiling, retryLoop, type RetryDecision } from '../util/retry.js';
import type { Destination, PublishJob, PublishOutcome } from './destination.types.js';
import { signWebhook } from './sign-webhook.js';
import type { FetchLike } from './url-guard.js';

export { signWebhook };

export interface WebhookDestinationConfig {
  url: string;
  /** Include images as base64 in the payload (default: metadata only). */
  includeImages?: boolean;
  timeoutMs?: number;
  maxAttempts?: number;
}

function payload(job: PublishJob, includeImages: boolean) {
  const c = job.content;
  return {
    event: 'content.publish',
    marker: job.marker,
    status: job.status,
    scheduled_at: job.scheduledAt?.toISOString() ?? null,
    content: {
      id: c.id,
      title: c.title,
      slug: c.slug,
      html: c.html,
      excerpt: c.excerpt,
      meta_title: c.metaTitle,
      meta_description: c.metaDescription,
      focus_keyword: c.focusKeyword,
      keywords: c.keywords,
      seo_score: c.seoScore,
    },
    images: job.images
      .filter((i) => i.status === 'done')
      .map((i) => ({
        id: i.id,
        role: i.role,
        position: i.position,
        alt: i.alt,
        mime: i.mime,
        width: i.width,
        height: i.height,
        sha256: i.sha256,
        ...(includeImages && i.absolutePath && fs.existsSync(i.absolutePath)
          ? { base64: fs.readFileSync(i.absolutePath).toString('base64') }
          : {}),
      })),
  };
}

/**
 * Pure: after `attempt` of `maxAttempts` failed (with an HTTP `status`, or none for a network error),
 * retry and when? Other 4xx answers will not change; a receiver's Retry-After is honoured up to 30 s.
 * @example planWebhookRetry(1, 4, 503, 2000) // { retry: true, delayMs: 2000 }
 */
export function planWebhookRetry(
  attempt: number,
  maxAttempts: number,
  status: number | undefined,
  retryAfterMs: number | undefined,
  rand: () => number = Math.random,
): RetryDecision {
  if (attempt >= maxAttempts) return { retry: false, delayMs: 0 };
  if (status !== undefined && status !== 429 && status < 500) return { retry: false, delayMs: 0 };
  if (status !== undefined && retryAfterMs !== undefined && retryAfterMs > 0) {
    return { retry: true, delayMs: Math.min(retryAfterMs, 30_000) };
  }
  return { retry: true, delayMs: backoffCeiling(attempt + 1, 500, 10_000) * rand() };
}

/**
 * POST a signed JSON payload. The marker doubles as `Idempotency-Key`, so a receiver that stores it
 * ignores our retries. 429/5xx/network errors are retried with backoff; the receiver may answer
 * `{ "url": "…", "id": "…" }` with where the post went live.
 */
export function createWebhookDestination(
  cfg: WebhookDestinationConfig,
  secret: string,
  fetchImpl: FetchLike = (input, init) => fetch(input, init),
): Destination {
  const attempts = cfg.maxAttempts ?? 4;
  return {
    kind: 'webhook',
    async publish(job): Promise<PublishOutcome> {
      const body = JSON.stringify(payload(job, Boolean(cfg.includeImages)));
      type Failure = { message: string; status?: number; retryAfterMs?: number };
      return retryLoop<PublishOutcome, Failure, RetryDecision>({
        attempt: async () => {
          const timestamp = String(Math.floor(Date.now() / 1000));
          try {
            const res = await fetchImpl(cfg.url, {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                'user-agent': 'igny8-webhook/1',
                'idempotency-key': job.marker,
                'x-igny8-timestamp': timestamp,
                'x-igny8-signature': signWebhook(secret, timestamp, body),
              },
              body,
              signal: AbortSignal.timeout(cfg.timeoutMs ?? 15_000),
              redirect: 'error',
            });
            if (!res.ok) {
              const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
              return {
                ok: false,
                failure: { message: `HTTP ${res.status}`, status: res.status, retryAfterMs },
              };
            }
            const data = (await res.json().catch(() => ({}))) as { url?: string; id?: string | number };
            return {
              ok: true,
              value: {
                remoteId: String(data.id ?? job.marker),
                remoteUrl: typeof data.url === 'string' ? data.url : null,
                remoteStatus: job.status,
                warnings: [],
              },
            };
          } catch (err) {
            // A refused address (server mode's URL guard) will be refused again: say so now.
            if (isIgny8Error(err) && err.code === 'URL_NOT_ALLOWED') throw err;
            return { ok: false, failure: { message: (err as Error).message } };
          }
        },
        decide: (attempt, f) => planWebhookRetry(attempt, attempts, f.status, f.retryAfterMs),
        giveUp: (f) => {
          throw new Igny8Error(
            'PUBLISH_FAILED',
            `Webhook ${new URL(cfg.url).host} did not accept the article: ${f.message}`,
            {
              hint: 'Check that the receiver is up and answers 2xx; it can dedupe retries by the Idempotency-Key header.',
            },
          );
        },
      });
    },
    async test() {
      try {
        const res = await fetchImpl(cfg.url, { method: 'HEAD', signal: AbortSignal.timeout(5_000) });
        return {
          ok: res.status < 500,
          checks: [{ name: 'reachable', ok: res.status < 500, detail: `HTTP ${res.status}` }],
        };
      } catch (err) {
        return { ok: false, checks: [{ name: 'reachable', ok: false, detail: (err as Error).message }] };
      }
    },
  };
}
