import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ConfigSchema } from '../../src/config/index.js';
import {
  createProviderRegistry,
  ProviderError,
  REASON_CODES,
  resetProviderCache,
  resetThrottles,
  type ProviderKeyResolver,
  type ProviderRegistry,
} from '../../src/providers/index.js';
import { createFakeProviderServer, type FakeProviderServer } from '../../src/testing/index.js';

const KEYS: Record<string, string> = {
  openai: 'sk-faultrun-openai-0123456789abcdef',
  anthropic: 'sk-ant-faultrun-0123456789abcdef',
  runware: 'rw-faultrun-0123456789abcdef',
  bria: 'bria-faultrun-0123456789abcdef',
  ollama: 'ol-faultrun-0123456789abcdef',
};
const Output = z.object({ title: z.string().max(60), points: z.array(z.string()).min(2).max(5) });
const jsonSchema = { name: 'output', schema: z.toJSONSchema(Output) as Record<string, unknown> };

let fake: FakeProviderServer;
let registry: ProviderRegistry;
const planned: Array<{ provider: string; delayMs: number; reason: string }> = [];
const retry = {
  maxAttempts: 4,
  baseDelayMs: 5,
  maxDelayMs: 40,
  retryAfterCapMs: 60,
  attemptTimeoutMs: 1000,
  deadlineMs: 10_000,
};

beforeAll(async () => {
  resetProviderCache();
  resetThrottles();
  fake = await createFakeProviderServer({
    seed: 20,
    // 20% of calls fail, every kind represented; retry-after within the cap.
    faults: {
      rate429: 0.06,
      retryAfterMs: 30,
      status500: 0.05,
      timeout: 0.03,
      malformedJson: 0.04,
      auth401: 0.02,
    },
  });
  const config = ConfigSchema.parse({
    providers: {
      openai: { baseUrl: `${fake.url}/v1` },
      anthropic: { baseUrl: fake.url },
      runware: { baseUrl: fake.url },
      bria: { baseUrl: fake.url },
      compatible: { ollama: { baseUrl: `${fake.url}/v1` } },
      retry,
      throttle: { concurrency: 8, requestsPerMinute: 100_000, tokensPerMinute: 10_000_000 },
    },
  });
  const keys: ProviderKeyResolver = {
    resolve: async (_scope, provider) =>
      KEYS[provider] ? { key: KEYS[provider], source: 'database' } : null,
  };
  registry = createProviderRegistry({
    config,
    keys,
    scope: { accountId: 'acct-fault' },
    onRetry: (e) => planned.push({ provider: e.provider, delayMs: e.delayMs, reason: e.error.reason }),
  });
});
afterAll(async () => fake.close());

async function call(i: number): Promise<unknown> {
  switch (i % 6) {
    case 0:
      return (await registry.text({ provider: 'openai', modelId: 'gpt-4o-mini' })).generateText({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: `item ${i}` }],
        jsonSchema,
      });
    case 1:
      return (await registry.text({ provider: 'anthropic', modelId: 'claude' })).generateText({
        model: 'claude',
        messages: [{ role: 'user', content: `item ${i}` }],
        jsonSchema,
      });
    case 2:
      return (await registry.text({ provider: 'ollama', modelId: 'llama' })).generateText({
        model: 'llama',
        messages: [{ role: 'user', content: `item ${i}` }],
        jsonSchema,
      });
    case 3:
      return (await registry.image({ provider: 'openai', modelId: 'dall-e-3' })).generateImage({
        model: 'dall-e-3',
        prompt: `item ${i}`,
        width: 256,
        height: 256,
      });
    case 4:
      return (await registry.image({ provider: 'runware', modelId: 'runware:97@1' })).generateImage({
        model: 'runware:97@1',
        prompt: `item ${i}`,
        width: 256,
        height: 256,
      });
    default:
      return (await registry.image({ provider: 'bria', modelId: 'bria' })).generateImage({
        model: 'bria',
        prompt: `item ${i}`,
        width: 256,
        height: 256,
      });
  }
}

describe('100 calls with 20% injected faults', () => {
  it('every call succeeds or fails with a classified reason; no wait exceeds the cap; no key leaks', async () => {
    const captured: string[] = [];
    const grab = (...args: unknown[]) => void captured.push(args.map(String).join(' '));
    const spies = [
      vi.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => (grab(chunk), true)),
      vi.spyOn(process.stderr, 'write').mockImplementation((chunk: any) => (grab(chunk), true)),
      ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
        vi.spyOn(console, m).mockImplementation(grab),
      ),
    ];
    let results: PromiseSettledResult<unknown>[];
    try {
      results = await Promise.allSettled(Array.from({ length: 100 }, (_, i) => call(i)));
    } finally {
      for (const s of spies) s.mockRestore();
    }

    const ok = results.filter((r) => r.status === 'fulfilled');
    const failed = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(ok.length + failed.length).toBe(100);
    for (const [i, r] of results.entries()) {
      if (r.status !== 'fulfilled') continue;
      const v = r.value as { text?: string; mime?: string };
      if (i % 6 < 3) expect(Output.safeParse(JSON.parse(v.text!)).success).toBe(true);
      else expect(v.mime).toBe('image/png');
    }
    for (const err of failed) {
      expect(err).toBeInstanceOf(ProviderError);
      const e = err as ProviderError;
      expect(e.code).toBe(REASON_CODES[e.reason]);
      expect(['auth', 'rate_limit', 'transient', 'timeout', 'invalid_output']).toContain(e.reason);
      expect(e.attempts).toBeGreaterThanOrEqual(1);
      expect(e.attempts).toBeLessThanOrEqual(retry.maxAttempts);
    }
    // Only auth is final at once: no retry ever followed a 401. (An auth failure may still come on a
    // later attempt, after a timeout or a 500 — a loaded machine makes real timeouts too.)
    expect(planned.filter((p) => p.reason === 'auth')).toEqual([]);
    expect(failed.some((e) => (e as ProviderError).reason === 'auth')).toBe(true);

    // The fake really injected every kind of fault, and the run recovered from most of them.
    const by = fake.stats.byOutcome;
    for (const kind of ['rate429', 'status500', 'timeout', 'malformedJson', 'auth401'] as const) {
      expect(by[kind], kind).toBeGreaterThan(0);
    }
    expect(ok.length).toBeGreaterThan(80);
    expect(planned.length).toBeGreaterThan(0);

    // No planned wait exceeds the cap; 429s waited what the provider asked.
    const cap = Math.max(retry.maxDelayMs, retry.retryAfterCapMs);
    for (const p of planned) expect(p.delayMs).toBeLessThanOrEqual(cap);
    expect(planned.filter((p) => p.reason === 'rate_limit').every((p) => p.delayMs === 30)).toBe(true);

    const everything = [
      ...captured,
      ...failed.flatMap((e) => {
        const pe = e as ProviderError;
        return [
          pe.message,
          String(pe.hint),
          JSON.stringify(pe.toJSON()),
          JSON.stringify(pe.details),
          String(pe.stack),
        ];
      }),
      JSON.stringify(fake.stats.log),
    ].join('\n');
    for (const key of Object.values(KEYS)) expect(everything).not.toContain(key);
  });
});
