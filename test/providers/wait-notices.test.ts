import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../src/config/index.js';
import {
  createProviderRegistry,
  ProviderError,
  resetProviderCache,
  resetThrottles,
  withProviderNotices,
  type ProviderNotice,
} from '../../src/providers/index.js';
import { createFakeProviderServer, type FakeProviderServer } from '../../src/testing/index.js';

const KEY = 'sk-waits-0123456789abcdef';
let fake: FakeProviderServer;
beforeAll(async () => {
  resetProviderCache();
  resetThrottles();
  fake = await createFakeProviderServer({ seed: 3 });
});
afterAll(async () => fake.close());

/**
 * Issue 11, "silent waits": a retry-after above the cap paused every call on the key for the cap
 * (30 s by default) with no word. The pause is now announced to every caller it holds: what it waits
 * for and until when.
 */
describe('a 429 with a retry-after above the cap', () => {
  it('fails that call, and announces the key-wide pause to the next caller', async () => {
    const notices: ProviderNotice[] = [];
    const config = ConfigSchema.parse({
      providers: {
        openai: { apiKey: KEY, baseUrl: `${fake.url}/v1` },
        retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 50, retryAfterCapMs: 6_000 },
      },
    });
    const registry = createProviderRegistry({
      config,
      keys: { resolve: async () => null },
      scope: { accountId: 'acct-waits' },
      onNotice: (n) => notices.push(n),
    });
    const text = await registry.text({ provider: 'openai', modelId: 'gpt-4o-mini' });
    const ask = (item: string) =>
      text.generateText({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'A title about espresso.' }],
        meta: { fn: 'generate_ideas', item },
      });

    fake.setFaults({ rate429: 1, retryAfterS: 60 });
    const first = await ask('first').catch((e: unknown) => e);
    expect(first).toBeInstanceOf(ProviderError);
    expect((first as ProviderError).reason).toBe('rate_limit');

    fake.setFaults({});
    const seen: ProviderNotice[] = [];
    const started = Date.now();
    const res = await withProviderNotices(
      (n) => seen.push(n),
      () => ask('second'),
    );
    expect(res.text).toContain('[fake gpt-4o-mini]');
    expect(Date.now() - started).toBeGreaterThanOrEqual(5_500);

    // Announced at once (before the wait), to the call's context and to the registry's listener.
    expect(seen).toHaveLength(1);
    expect(notices).toEqual(seen);
    const wait = seen[0]!;
    if (wait.type !== 'wait') throw new Error('expected a wait notice');
    expect(wait).toMatchObject({ provider: 'openai', reason: 'throttle' });
    expect(wait.waitMs).toBeGreaterThan(5_000);
    expect(wait.waitMs).toBeLessThanOrEqual(6_000);
    expect(Date.parse(wait.until!) - started).toBeGreaterThan(5_000);
    expect(wait.message).toMatch(
      /^generate_ideas \(second\): waiting for openai's rate limit \(it answered 429 with retry-after\) until \d\d:\d\d:\d\d UTC$/,
    );
    expect(wait.message).not.toContain(KEY);
  }, 30_000);
});
