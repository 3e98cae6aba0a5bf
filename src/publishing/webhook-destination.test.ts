import { describe, expect, it } from 'vitest';
import type { PublishJob } from './destination.types.js';
import { createWebhookDestination, planWebhookRetry } from './webhook-destination.js';

const job = {
  recordId: 'r1',
  marker: 'igny8-m1',
  content: { id: 'c1', title: 'T', slug: 't', html: '<p>x</p>' },
  images: [],
  status: 'publish',
  scheduledAt: null,
  remoteId: null,
  remoteMedia: {},
  saveMedia: async () => undefined,
} as unknown as PublishJob;

describe('planWebhookRetry', () => {
  it('retries 429/5xx and network errors, honours Retry-After up to 30 s, stops on other 4xx', () => {
    expect(planWebhookRetry(1, 4, 503, 2000)).toEqual({ retry: true, delayMs: 2000 });
    expect(planWebhookRetry(1, 4, 429, 120_000)).toEqual({ retry: true, delayMs: 30_000 });
    expect(planWebhookRetry(1, 4, 400, undefined).retry).toBe(false);
    expect(planWebhookRetry(4, 4, 503, undefined).retry).toBe(false);
    expect(planWebhookRetry(2, 4, undefined, undefined, () => 1)).toEqual({ retry: true, delayMs: 2000 });
    expect(planWebhookRetry(9, 99, 500, 0, () => 1)).toEqual({ retry: true, delayMs: 10_000 });
  });
});

describe('webhook destination retries (through the shared loop)', () => {
  it('waits the Retry-After of a 503, then records the live URL', async () => {
    const seen: number[] = [];
    const started = Date.now();
    const dest = createWebhookDestination({ url: 'http://hook.test/in' }, 's', async () => {
      seen.push(Date.now() - started);
      return seen.length === 1
        ? new Response('busy', { status: 503, headers: { 'retry-after': '0.2' } })
        : Response.json({ id: 7, url: 'https://site.test/t' });
    });
    const out = await dest.publish(job);
    expect(out).toMatchObject({ remoteId: '7', remoteUrl: 'https://site.test/t' });
    expect(seen).toHaveLength(2);
    expect(seen[1]! - seen[0]!).toBeGreaterThanOrEqual(190);
  });

  it('a 400 fails at once with PUBLISH_FAILED naming the status', async () => {
    let calls = 0;
    const dest = createWebhookDestination({ url: 'http://hook.test/in' }, 's', async () => {
      calls++;
      return new Response('no', { status: 400 });
    });
    await expect(dest.publish(job)).rejects.toMatchObject({ code: 'PUBLISH_FAILED', message: /HTTP 400/ });
    expect(calls).toBe(1);
  });

  it('stops after maxAttempts without a wait after the last one', async () => {
    let calls = 0;
    const dest = createWebhookDestination({ url: 'http://hook.test/in', maxAttempts: 2 }, 's', async () => {
      calls++;
      return new Response('down', { status: 500, headers: { 'retry-after': '0.05' } });
    });
    const started = Date.now();
    await expect(dest.publish(job)).rejects.toMatchObject({ code: 'PUBLISH_FAILED', message: /HTTP 500/ });
    expect(calls).toBe(2);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
