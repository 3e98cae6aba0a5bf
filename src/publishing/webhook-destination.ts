import fs from 'node:fs';
import { Igny8Error, isIgny8Error } from '../errors/index.js';
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
      let lastError = '';
      for (let attempt = 1; attempt <= attempts; attempt++) {
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
          if (res.ok) {
            const data = (await res.json().catch(() => ({}))) as { url?: string; id?: string | number };
            return {
              remoteId: String(data.id ?? job.marker),
              remoteUrl: typeof data.url === 'string' ? data.url : null,
              remoteStatus: job.status,
              warnings: [],
            };
          }
          lastError = `HTTP ${res.status}`;
          if (res.status !== 429 && res.status < 500) break;
          const ra = Number(res.headers.get('retry-after'));
          await sleep(
            Number.isFinite(ra) && ra > 0
              ? Math.min(ra * 1000, 30_000)
              : Math.min(500 * 2 ** attempt, 10_000) * Math.random(),
          );
        } catch (err) {
          // A refused address (server mode's URL guard) will be refused again: say so now.
          if (isIgny8Error(err) && err.code === 'URL_NOT_ALLOWED') throw err;
          lastError = (err as Error).message;
          await sleep(Math.min(500 * 2 ** attempt, 10_000) * Math.random());
        }
      }
      throw new Igny8Error(
        'PUBLISH_FAILED',
        `Webhook ${new URL(cfg.url).host} did not accept the article: ${lastError}`,
        {
          hint: 'Check that the receiver is up and answers 2xx; it can dedupe retries by the Idempotency-Key header.',
        },
      );
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
