import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigSchema, type Igny8ConfigInput } from '../../src/config/index.js';
import type { ProviderError } from '../../src/providers/index.js';
import {
  createProviderRegistry,
  registerSandbox,
  resetProviderCache,
  resetThrottles,
  throttleFor,
  type ProviderKeyResolver,
  type RetryEvent,
  type TextProvider,
} from '../../src/providers/index.js';
import { createFakeProviderServer, type FakeProviderServer } from '../../src/testing/index.js';

const OPENAI_KEY = 'sk-registry-openai-0123456789';
const scope = { accountId: 'acct-r' };
let fake: FakeProviderServer;

const keysFrom = (map: Record<string, string>): ProviderKeyResolver => ({
  resolve: async (_s, p) => (map[p] !== undefined ? { key: map[p], source: 'database' } : null),
});

function configWith(extra: Igny8ConfigInput['providers'] = {}) {
  return ConfigSchema.parse({
    providers: {
      openai: { baseUrl: `${fake.url}/v1` },
      anthropic: { baseUrl: fake.url },
      runware: { baseUrl: fake.url },
      retry: {
        maxAttempts: 3,
        baseDelayMs: 1,
        maxDelayMs: 5,
        retryAfterCapMs: 10_000,
        attemptTimeoutMs: 2000,
      },
      ...extra,
    },
  });
}

const ask = (p: TextProvider) => p.generateText({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });

beforeAll(async () => {
  fake = await createFakeProviderServer({ seed: 3 });
});
afterAll(async () => fake.close());
beforeEach(() => {
  resetProviderCache();
  resetThrottles();
  fake.setFaults({});
  fake.setLimits(undefined);
  fake.resetStats();
});
afterEach(() => registerSandbox(undefined));

describe('createProviderRegistry', () => {
  it('throws PROVIDER_NOT_CONFIGURED with a hint when a provider has no key, and has() says so', async () => {
    const reg = createProviderRegistry({ config: configWith(), keys: keysFrom({}), scope });
    const err = (await reg.text({ provider: 'openai', modelId: 'gpt-4o-mini' }).catch((e: unknown) => e)) as {
      code: string;
      hint: string;
    };
    expect(err.code).toBe('PROVIDER_NOT_CONFIGURED');
    expect(err.hint).toContain('igny8 providers set-key openai');
    expect(await reg.has('openai')).toBe(false);
    const unknown = (await reg.text({ provider: 'mystery', modelId: 'x' }).catch((e: unknown) => e)) as {
      code: string;
    };
    expect(unknown.code).toBe('PROVIDER_NOT_CONFIGURED');
  });

  it('builds a working, retrying provider from the resolved key', async () => {
    const reg = createProviderRegistry({
      config: configWith(),
      keys: keysFrom({ openai: OPENAI_KEY }),
      scope,
    });
    expect(await reg.has('openai')).toBe(true);
    const p = await reg.text({ provider: 'openai', modelId: 'gpt-4o-mini' });
    expect((await ask(p)).text).toContain('[fake m]');
  });

  it('refuses a text model on an image-only provider and vice versa', async () => {
    const reg = createProviderRegistry({
      config: configWith(),
      keys: keysFrom({ runware: 'rw-0123456789', anthropic: 'sk-ant-0123456789' }),
      scope,
    });
    await expect(reg.text({ provider: 'runware', modelId: 'r' })).rejects.toMatchObject({
      code: 'PROVIDER_NOT_CONFIGURED',
    });
    await expect(reg.image({ provider: 'anthropic', modelId: 'c' })).rejects.toMatchObject({
      code: 'PROVIDER_NOT_CONFIGURED',
    });
  });

  it('serves provider "sandbox" from the registered factory, or from the options', async () => {
    const fakeText = (name: string): TextProvider => ({
      name,
      kind: 'sandbox',
      generateText: async (req) => ({
        text: `sandbox:${name}`,
        usage: { tokensIn: 0, tokensOut: 0, tokensCached: 0, images: 0 },
        provider: 'sandbox',
        model: req.model,
        finishReason: 'stop',
      }),
    });
    const bare = createProviderRegistry({ config: configWith(), keys: keysFrom({}), scope });
    expect(await bare.has('sandbox')).toBe(false);
    await expect(bare.text({ provider: 'sandbox', modelId: 'sandbox-text' })).rejects.toMatchObject({
      code: 'PROVIDER_NOT_CONFIGURED',
    });
    registerSandbox({ text: () => fakeText('registered') });
    expect(await bare.has('sandbox')).toBe(true);
    expect((await ask(await bare.text({ provider: 'sandbox', modelId: 'sandbox-text' }))).text).toBe(
      'sandbox:registered',
    );
    const own = createProviderRegistry({
      config: configWith(),
      keys: keysFrom({}),
      scope,
      sandbox: { text: () => fakeText('own') },
    });
    expect((await ask(await own.text({ provider: 'sandbox', modelId: 'sandbox-text' }))).text).toBe(
      'sandbox:own',
    );
  });

  it('a keyless compatible endpoint never receives the OpenAI key from the environment', async () => {
    const strict = await createFakeProviderServer({ apiKeys: ['no-key'] });
    const before = process.env.OPENAI_API_KEY;
    process.env.OPENAI_API_KEY = 'sk-env-must-not-travel-0123456789';
    try {
      const config = configWith({ compatible: { ollama: { baseUrl: `${strict.url}/v1` } } });
      const reg = createProviderRegistry({ config, keys: keysFrom({}), scope });
      expect(await reg.has('ollama')).toBe(true);
      const res = await ask(await reg.text({ provider: 'ollama', modelId: 'llama3' }));
      expect(res.provider).toBe('ollama');
      expect(strict.stats.byOutcome.auth401).toBe(0);
    } finally {
      if (before === undefined) delete process.env.OPENAI_API_KEY;
      else process.env.OPENAI_API_KEY = before;
      await strict.close();
    }
  });

  it('retries a 429 after exactly the retry-after the provider asked for', async () => {
    fake.setFaults({ rate429: 1, retryAfterMs: 25 });
    const events: RetryEvent[] = [];
    const reg = createProviderRegistry({
      config: configWith(),
      keys: keysFrom({ openai: OPENAI_KEY }),
      scope,
      onRetry: (e) => {
        events.push(e);
        fake.setFaults({}); // the next attempt gets through
      },
    });
    const res = await ask(await reg.text({ provider: 'openai', modelId: 'm' }));
    expect(res.text).toContain('[fake m]');
    expect(events.map((e) => [e.error.reason, e.delayMs])).toEqual([['rate_limit', 25]]);
  });

  it('fails fast as rate_limit when retry-after exceeds the cap, and pauses the key for everyone', async () => {
    fake.setFaults({ rate429: 1, retryAfterS: 120 });
    const config = configWith();
    const reg = createProviderRegistry({ config, keys: keysFrom({ openai: OPENAI_KEY }), scope });
    const err = (await ask(await reg.text({ provider: 'openai', modelId: 'm' })).catch(
      (e: unknown) => e,
    )) as ProviderError;
    expect([err.reason, err.attempts, fake.stats.byOutcome.rate429]).toEqual(['rate_limit', 1, 1]);
    expect(err.details).toMatchObject({ waitMs: 120_000 });
    const paused = throttleFor('openai', OPENAI_KEY, config.providers.throttle).state().pausedForMs;
    expect(paused).toBeGreaterThan(9_000);
    expect(paused).toBeLessThanOrEqual(config.providers.retry.retryAfterCapMs);
  });

  it('adapts the key throttle to the rate limits the provider reports', async () => {
    fake.setLimits({ requestsPerMinute: 40, tokensPerMinute: 20_000 });
    const config = configWith();
    const reg = createProviderRegistry({ config, keys: keysFrom({ openai: OPENAI_KEY }), scope });
    await ask(await reg.text({ provider: 'openai', modelId: 'm' }));
    const state = throttleFor('openai', OPENAI_KEY, config.providers.throttle).state();
    expect(state.requestsPerMinute).toBe(40);
    expect(state.tokensPerMinute).toBe(20_000);
    // One request spent; the bucket refills continuously, so allow the sliver that came back since.
    expect(state.requestsAvailable).toBeLessThan(39.5);
  });
});
