import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { applyEnvOverrides, ConfigSchema } from '../../src/config/index.js';
import {
  createGeminiImageProvider,
  createGeminiTextProvider,
  createProviderRegistry,
  imagenAspectRatio,
  ProviderError,
  resetProviderCache,
  resetThrottles,
  type ProviderKeyResolver,
} from '../../src/providers/index.js';
import { createFakeProviderServer, FakeRefusal, type FakeProviderServer } from '../../src/testing/index.js';

const KEY = 'AIza-gemini-test-0123456789abcdef';
const Answer = z.object({ title: z.string().min(3), points: z.array(z.string()).min(2).max(4) });
const jsonSchema = { name: 'answer', schema: z.toJSONSchema(Answer) as Record<string, unknown> };
const messages = [
  { role: 'system' as const, content: 'You plan SEO articles.' },
  { role: 'user' as const, content: 'Ideas for winter running shoes' },
  { role: 'assistant' as const, content: 'Sure.' },
  { role: 'user' as const, content: 'Now as JSON.' },
];

let fake: FakeProviderServer;
const text = () => createGeminiTextProvider({ name: 'gemini', apiKey: KEY, baseUrl: fake.url });
const image = () => createGeminiImageProvider({ name: 'gemini', apiKey: KEY, baseUrl: fake.url });
const lastBody = () => fake.stats.log[fake.stats.log.length - 1]!.body as Record<string, any>;

beforeAll(async () => {
  fake = await createFakeProviderServer({ seed: 11 });
});
afterAll(async () => fake.close());
beforeEach(() => {
  fake.setFaults({});
  fake.resetStats();
  resetProviderCache();
  resetThrottles();
});

describe('Gemini text (generateContent)', () => {
  it('asks for JSON with responseMimeType + responseJsonSchema and returns schema-valid JSON with usage', async () => {
    const res = await text().generateText({
      model: 'gemini-2.5-flash',
      messages,
      jsonSchema,
      maxOutputTokens: 500,
    });
    expect(Answer.safeParse(JSON.parse(res.text)).success).toBe(true);
    expect(res).toMatchObject({ provider: 'gemini', model: 'gemini-2.5-flash', finishReason: 'stop' });
    expect(res.usage.tokensIn).toBeGreaterThan(0);
    expect(res.usage.tokensOut).toBe(Math.ceil(res.text.length / 4));
    const body = lastBody();
    expect(body.systemInstruction).toEqual({ parts: [{ text: 'You plan SEO articles.' }] });
    expect(body.contents.map((c: { role: string }) => c.role)).toEqual(['user', 'model', 'user']);
    expect(body.generationConfig).toMatchObject({
      responseMimeType: 'application/json',
      maxOutputTokens: 500,
      responseJsonSchema: jsonSchema.schema,
    });
    expect(fake.stats.byApi.gemini).toBe(1);
  });

  it('reports cached prompt tokens (cachedContentTokenCount) only for a repeated prefix of 1,024+ tokens', async () => {
    // A short system prompt is below the cache minimum: never reported as cached.
    await text().generateText({ model: 'g', messages });
    expect((await text().generateText({ model: 'g', messages })).usage.tokensCached).toBe(0);
    const long = [
      { role: 'system' as const, content: 'Site rules. '.repeat(600) },
      { role: 'user' as const, content: 'Plan one article.' },
    ];
    const first = await text().generateText({ model: 'g', messages: long });
    expect(first.usage.tokensCached).toBe(0);
    const second = await text().generateText({ model: 'g', messages: long });
    expect(second.usage.tokensCached).toBeGreaterThanOrEqual(1024);
    expect(second.usage.tokensCached).toBeLessThan(second.usage.tokensIn);
  });

  it('a safety block is a refusal, not invalid output', async () => {
    const refusing = await createFakeProviderServer({ respond: () => new FakeRefusal() });
    try {
      const p = createGeminiTextProvider({ name: 'gemini', apiKey: KEY, baseUrl: refusing.url });
      const err = (await p.generateText({ model: 'g', messages }).catch((e: unknown) => e)) as ProviderError;
      expect(err).toBeInstanceOf(ProviderError);
      expect([err.reason, err.message]).toEqual([
        'refused',
        'gemini: the model refused the request (SAFETY)',
      ]);
    } finally {
      await refusing.close();
    }
  });
});

describe('Imagen (predict)', () => {
  it('sends the nearest aspect ratio and returns the base64 PNG at that size', async () => {
    const res = await image().generateImage({
      model: 'imagen-4.0-generate-001',
      prompt: 'a shoe',
      width: 1408,
      height: 768,
    });
    expect(res).toMatchObject({ mime: 'image/png', width: 1408, height: 768, provider: 'gemini' });
    expect(res.usage.images).toBe(1);
    expect(lastBody()).toEqual({
      instances: [{ prompt: 'a shoe' }],
      parameters: { sampleCount: 1, aspectRatio: '16:9' },
    });
    expect(imagenAspectRatio(768, 1408)).toBe('9:16');
    expect(imagenAspectRatio(1000, 990)).toBe('1:1');
  });
});

describe('every injected fault is classified (text and image)', () => {
  const cases = [
    { fault: { auth401: 1 }, reason: 'auth' },
    { fault: { rate429: 1, retryAfterMs: 1500 }, reason: 'rate_limit', retryAfterMs: 1500 },
    { fault: { status500: 1 }, reason: 'transient' },
    { fault: { malformedJson: 1 }, reason: 'invalid_output' },
    { fault: { timeout: 1 }, reason: 'timeout' },
  ] as const;
  const calls = [
    ['text', (signal: AbortSignal) => text().generateText({ model: 'g', messages, jsonSchema, signal })],
    [
      'image',
      (signal: AbortSignal) =>
        image().generateImage({ model: 'i', prompt: 'p', width: 512, height: 512, signal }),
    ],
  ] as const;
  for (const c of cases) {
    it.each(calls)(`${JSON.stringify(c.fault)} → ${c.reason}: %s`, async (_label, call) => {
      fake.setFaults(c.fault);
      const err = (await call(AbortSignal.timeout(300)).catch((e: unknown) => e)) as ProviderError;
      expect(err).toBeInstanceOf(ProviderError);
      expect(err.reason).toBe(c.reason);
      if ('retryAfterMs' in c) expect(err.retryAfterMs).toBe(c.retryAfterMs);
      for (const t of [err.message, JSON.stringify(err.toJSON())]) expect(t).not.toContain(KEY);
    });
  }
});

describe('Gemini through the descriptor list', () => {
  const keys = (map: Record<string, string>): ProviderKeyResolver => ({
    resolve: async (_s, p) => (map[p] !== undefined ? { key: map[p], source: 'database' } : null),
  });

  it('pings with the x-goog-api-key header; a wrong key is an auth failure', async () => {
    const strict = await createFakeProviderServer({ apiKeys: [KEY] });
    try {
      await expect(
        createGeminiTextProvider({ name: 'gemini', apiKey: KEY, baseUrl: strict.url }).ping!(),
      ).resolves.toBeUndefined();
      const wrong = createGeminiImageProvider({
        name: 'gemini',
        apiKey: 'AIza-wrong-000000000',
        baseUrl: strict.url,
      });
      const err = (await wrong.ping!().catch((e: unknown) => e)) as ProviderError;
      expect(err.reason).toBe('auth');
      expect(err.message).not.toContain('AIza-wrong-000000000');
    } finally {
      await strict.close();
    }
  });

  it('the registry serves Imagen rows natively (they used to fail with "serves text only")', async () => {
    const config = ConfigSchema.parse(
      applyEnvOverrides({}, { GEMINI_API_KEY: KEY, GEMINI_BASE_URL: fake.url }),
    );
    expect(config.providers.gemini).toEqual({ apiKey: KEY, baseUrl: fake.url });
    const reg = createProviderRegistry({ config, keys: keys({}), scope: { accountId: 'a' } });
    const img = await reg.image({ provider: 'gemini', modelId: 'imagen-4.0-fast-generate-001' });
    const res = await img.generateImage({
      model: 'imagen-4.0-fast-generate-001',
      prompt: 'p',
      width: 1024,
      height: 1024,
    });
    expect(res.width).toBe(1024);
    const txt = await reg.text({ provider: 'gemini', modelId: 'gemini-2.5-flash' });
    expect((await txt.generateText({ model: 'gemini-2.5-flash', messages })).text).toContain(
      '[fake gemini-2.5-flash]',
    );
    expect(fake.stats.log.map((c) => `${c.api}:${c.route}`)).toEqual([
      'gemini:predict',
      'gemini:generateContent',
    ]);
  });

  it('a compatible endpoint named "gemini" in the config keeps its OpenAI-compatible routing', async () => {
    const config = ConfigSchema.parse({
      providers: { compatible: { gemini: { baseUrl: `${fake.url}/v1`, apiKey: KEY } } },
    });
    const reg = createProviderRegistry({ config, keys: keys({}), scope: { accountId: 'a' } });
    const txt = await reg.text({ provider: 'gemini', modelId: 'gemini-2.5-flash' });
    expect(txt.kind).toBe('compatible');
    await txt.generateText({ model: 'gemini-2.5-flash', messages });
    expect(fake.stats.log.map((c) => `${c.api}:${c.route}`)).toEqual(['openai:chat']);
  });
});
