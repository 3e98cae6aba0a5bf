import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  createAnthropicTextProvider,
  createBriaImageProvider,
  createCompatibleTextProvider,
  createOpenAiImageProvider,
  createOpenAiTextProvider,
  createRunwareImageProvider,
  ProviderError,
  resetJsonSchemaMemory,
  type ImageProvider,
  type TextProvider,
} from '../../src/providers/index.js';
import { createFakeProviderServer, FakeRefusal, type FakeProviderServer } from '../../src/testing/index.js';

const KEY = 'sk-adapter-test-0123456789abcdef';

const IdeasSchema = z.object({
  ideas: z
    .array(
      z.object({
        title: z.string().min(10).max(60),
        slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
        targetWords: z.int().min(800).max(2500),
        contentType: z.enum(['post', 'guide', 'listicle']),
        sections: z
          .array(z.object({ h2: z.string(), points: z.array(z.string()).min(2).max(4) }))
          .min(3)
          .max(6),
      }),
    )
    .min(3)
    .max(7),
});
const jsonSchema = { name: 'generate_ideas', schema: z.toJSONSchema(IdeasSchema) as Record<string, unknown> };
const messages = [
  { role: 'system' as const, content: 'You plan SEO articles.' },
  { role: 'user' as const, content: 'Ideas for the cluster: winter running shoes' },
];

let fake: FakeProviderServer;
let text: Record<string, TextProvider>;
let image: Record<string, ImageProvider>;

beforeAll(async () => {
  fake = await createFakeProviderServer({ seed: 7 });
  text = {
    openai: createOpenAiTextProvider({ name: 'openai', apiKey: KEY, baseUrl: `${fake.url}/v1` }),
    anthropic: createAnthropicTextProvider({ name: 'anthropic', apiKey: KEY, baseUrl: fake.url }),
    compatible: createCompatibleTextProvider({ name: 'ollama', apiKey: KEY, baseUrl: `${fake.url}/v1` }),
  };
  image = {
    openai: createOpenAiImageProvider({ name: 'openai', apiKey: KEY, baseUrl: `${fake.url}/v1` }),
    runware: createRunwareImageProvider({ name: 'runware', apiKey: KEY, baseUrl: fake.url }),
    bria: createBriaImageProvider({ name: 'bria', apiKey: KEY, baseUrl: fake.url }),
  };
});
afterAll(async () => fake.close());
beforeEach(() => {
  fake.setFaults({});
  fake.resetStats();
});

const lastBody = () => fake.stats.log[fake.stats.log.length - 1]!.body as Record<string, any>;

describe('text adapters against the fake server', () => {
  it.each(['openai', 'anthropic', 'compatible'])('%s returns schema-valid JSON with usage', async (name) => {
    const res = await text[name]!.generateText({ model: 'm-1', messages, jsonSchema });
    const parsed = IdeasSchema.safeParse(JSON.parse(res.text));
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(res.finishReason).toBe('stop');
    expect(res.usage.tokensIn).toBeGreaterThan(0);
    expect(res.usage.tokensOut).toBe(Math.ceil(res.text.length / 4));
    expect(fake.stats.byOutcome.ok).toBe(1);
  });

  it('openai sends response_format json_schema (strict false) and max_completion_tokens', async () => {
    await text.openai!.generateText({ model: 'gpt-4o-mini', messages, jsonSchema, maxOutputTokens: 900 });
    const body = lastBody();
    expect(body.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'generate_ideas', strict: false },
    });
    expect(body.max_completion_tokens).toBe(900);
  });

  it('openai reports cached prompt tokens from prompt_tokens_details', async () => {
    // 4,500 characters: 1,125 tokens as the fake counts, above OpenAI's 1,024-token minimum.
    const first = await text.openai!.generateText({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'cache me '.repeat(500) },
        { role: 'user', content: 'a' },
      ],
    });
    const second = await text.openai!.generateText({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'cache me '.repeat(500) },
        { role: 'user', content: 'b' },
      ],
    });
    expect(first.usage.tokensCached).toBe(0);
    // Hits count in 128-token steps from 1,024: 1,125 tokens of shared prefix report 1,024.
    expect(second.usage.tokensCached).toBe(1024);
    expect(second.usage.tokensCached).toBeLessThanOrEqual(second.usage.tokensIn);
  });

  it('anthropic forces the output tool and counts cache reads into tokensIn', async () => {
    // 5,000 characters (1,250 tokens), marked for caching: above the 1,024-token minimum of this model.
    const sys = { role: 'system' as const, content: 'long shared instructions '.repeat(200), cache: true };
    const first = await text.anthropic!.generateText({
      model: 'claude-x',
      messages: [sys, messages[1]!],
      jsonSchema,
    });
    expect(first.usage.tokensCacheWrite).toBe(Math.ceil(sys.content.length / 4));
    expect(first.usage.tokensCached).toBe(0);
    const res = await text.anthropic!.generateText({
      model: 'claude-x',
      messages: [sys, messages[1]!],
      jsonSchema,
    });
    const body = lastBody();
    expect(body.tool_choice).toEqual({ type: 'tool', name: 'generate_ideas' });
    expect(body.tools[0].input_schema.type).toBe('object');
    expect(body.system).toEqual([{ type: 'text', text: sys.content, cache_control: { type: 'ephemeral' } }]);
    expect(body.stream).toBeUndefined();
    expect(res.usage.tokensCached).toBe(Math.ceil(sys.content.length / 4));
    expect(res.usage.tokensIn).toBeGreaterThan(res.usage.tokensCached);
  });

  it('anthropic streams when more than 8192 output tokens are allowed, and still returns the tool input', async () => {
    const res = await text.anthropic!.generateText({
      model: 'claude-x',
      messages,
      jsonSchema,
      maxOutputTokens: 32_000,
    });
    expect(fake.stats.log.at(-1)!.stream).toBe(true);
    expect(IdeasSchema.safeParse(JSON.parse(res.text)).success).toBe(true);
    expect(res.usage.tokensOut).toBeGreaterThan(0);
  });

  it('anthropic wraps a non-object schema in { result } and unwraps the answer', async () => {
    const List = z.array(z.string().min(3)).min(2).max(4);
    const res = await text.anthropic!.generateText({
      model: 'claude-x',
      messages,
      jsonSchema: { name: 'keywords', schema: z.toJSONSchema(List) as Record<string, unknown> },
    });
    expect(lastBody().tools[0].input_schema.required).toEqual(['result']);
    expect(List.safeParse(JSON.parse(res.text)).success).toBe(true);
  });

  it('anthropic without the tool call hands the text block on (issue 11), streamed or not', async () => {
    fake.setMisbehaviour({ anthropicText: 'json' });
    try {
      for (const maxOutputTokens of [1_000, 32_000]) {
        const res = await text.anthropic!.generateText({
          model: 'claude-x',
          messages,
          jsonSchema,
          maxOutputTokens,
        });
        expect(res.text).toMatch(/^Here is the JSON:/);
        expect(IdeasSchema.safeParse(JSON.parse(res.text.slice(res.text.indexOf('{')))).success).toBe(true);
      }
      // A wrapped (non-object) schema answered as text loses its { result } wrapper too.
      const List = z.array(z.string().min(3)).min(2).max(4);
      fake.setMisbehaviour({});
      const server = await createFakeProviderServer({
        respond: () => ({ result: ['espresso', 'french press'] }),
        misbehave: { anthropicText: 'json' },
      });
      try {
        const p = createAnthropicTextProvider({ name: 'anthropic', apiKey: KEY, baseUrl: server.url });
        const res = await p.generateText({
          model: 'claude-x',
          messages,
          jsonSchema: { name: 'keywords', schema: z.toJSONSchema(List) as Record<string, unknown> },
        });
        expect(JSON.parse(res.text)).toEqual(['espresso', 'french press']);
      } finally {
        await server.close();
      }
    } finally {
      fake.setMisbehaviour({});
    }
  });

  it('plain text calls return labelled text', async () => {
    for (const p of Object.values(text)) {
      const res = await p.generateText({ model: 'm-2', messages: [{ role: 'user', content: 'Say hello' }] });
      expect(res.text).toContain('[fake m-2]');
    }
  });

  it.each(['openai', 'anthropic'])('%s: a refusal fails as refused', async (name) => {
    const refusing = await createFakeProviderServer({ respond: () => new FakeRefusal('no') });
    try {
      const p =
        name === 'openai'
          ? createOpenAiTextProvider({ name, apiKey: KEY, baseUrl: `${refusing.url}/v1` })
          : createAnthropicTextProvider({ name, apiKey: KEY, baseUrl: refusing.url });
      const err = (await p
        .generateText({ model: 'm', messages, jsonSchema })
        .catch((e: unknown) => e)) as ProviderError;
      expect(err).toBeInstanceOf(ProviderError);
      expect([err.reason, err.code]).toEqual(['refused', 'PROVIDER_REFUSED']);
    } finally {
      await refusing.close();
    }
  });

  it('a compatible endpoint that rejects json_schema falls back to json_object once, then remembers', async () => {
    resetJsonSchemaMemory();
    const old = await createFakeProviderServer({ rejectJsonSchema: true });
    try {
      const p = createCompatibleTextProvider({ name: 'vllm', apiKey: '', baseUrl: `${old.url}/v1` });
      const first = await p.generateText({ model: 'llama', messages, jsonSchema });
      expect(IdeasSchema.safeParse(JSON.parse(first.text)).success).toBe(true);
      expect(old.stats.log.map((c) => c.outcome)).toEqual(['badRequest', 'ok']);
      const sent = old.stats.log[1]!.body as Record<string, any>;
      expect(sent.response_format).toEqual({ type: 'json_object' });
      expect(JSON.stringify(sent.messages)).toContain('JSON Schema');
      await p.generateText({ model: 'llama', messages, jsonSchema });
      expect(old.stats.log.map((c) => c.outcome)).toEqual(['badRequest', 'ok', 'ok']);
    } finally {
      await old.close();
    }
  });
});

describe('image adapters against the fake server', () => {
  it('openai images: one base64 PNG at the requested size, response_format only for DALL·E', async () => {
    const res = await image.openai!.generateImage({
      model: 'dall-e-3',
      prompt: 'a red shoe',
      width: 1024,
      height: 768,
    });
    expect([res.mime, res.width, res.height, res.usage.images]).toEqual(['image/png', 1024, 768, 1]);
    expect(res.bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(lastBody()).toMatchObject({ size: '1024x768', n: 1, response_format: 'b64_json' });
    await image.openai!.generateImage({
      model: 'gpt-image-1',
      prompt: 'a red shoe',
      width: 1024,
      height: 1024,
      negativePrompt: 'text',
    });
    expect(lastBody().response_format).toBeUndefined();
    expect(lastBody().prompt).toContain('Avoid: text');
  });

  it('runware: one imageInference task with sizes rounded to 64, cost reported', async () => {
    const res = await image.runware!.generateImage({
      model: 'runware:97@1',
      prompt: 'a red shoe',
      negativePrompt: 'blurry',
      width: 1000,
      height: 600,
    });
    const [task] = lastBody() as unknown as Array<Record<string, unknown>>;
    expect(task).toMatchObject({
      taskType: 'imageInference',
      positivePrompt: 'a red shoe',
      negativePrompt: 'blurry',
      model: 'runware:97@1',
      width: 1024,
      height: 576,
      outputType: 'base64Data',
      numberResults: 1,
    });
    expect([res.mime, res.width, res.height]).toEqual(['image/png', 1024, 576]);
    expect(res.costUsd).toBeGreaterThan(0);
  });

  it('bria: sync generate with the nearest aspect ratio, then the image bytes from the URL', async () => {
    const res = await image.bria!.generateImage({
      model: 'bria-2.3',
      prompt: 'a red shoe',
      width: 1920,
      height: 1080,
    });
    expect(lastBody()).toMatchObject({ prompt: 'a red shoe', aspect_ratio: '16:9', sync: true });
    expect(res.mime).toBe('image/png');
    expect(res.width / res.height).toBeCloseTo(16 / 9, 1);
  });
});

describe('every injected fault is classified, for every adapter', () => {
  const cases = [
    { fault: { auth401: 1 }, reason: 'auth', code: 'PROVIDER_AUTH' },
    {
      fault: { rate429: 1, retryAfterMs: 1234 },
      reason: 'rate_limit',
      code: 'PROVIDER_RATE_LIMIT',
      retryAfterMs: 1234,
    },
    {
      fault: { rate429: 1, retryAfterS: 3 },
      reason: 'rate_limit',
      code: 'PROVIDER_RATE_LIMIT',
      retryAfterMs: 3000,
    },
    { fault: { status500: 1 }, reason: 'transient', code: 'PROVIDER_TRANSIENT' },
    { fault: { malformedJson: 1 }, reason: 'invalid_output', code: 'PROVIDER_INVALID_OUTPUT' },
    { fault: { timeout: 1 }, reason: 'timeout', code: 'PROVIDER_TIMEOUT' },
  ] as const;
  const calls: Array<[string, (signal: AbortSignal) => Promise<unknown>]> = [
    ['openai text', (signal) => text.openai!.generateText({ model: 'm', messages, jsonSchema, signal })],
    [
      'anthropic text',
      (signal) => text.anthropic!.generateText({ model: 'm', messages, jsonSchema, signal }),
    ],
    [
      'anthropic stream',
      (signal) => text.anthropic!.generateText({ model: 'm', messages, maxOutputTokens: 20_000, signal }),
    ],
    ['compatible text', (signal) => text.compatible!.generateText({ model: 'm', messages, signal })],
    [
      'openai image',
      (signal) =>
        image.openai!.generateImage({ model: 'dall-e-3', prompt: 'p', width: 512, height: 512, signal }),
    ],
    [
      'runware image',
      (signal) => image.runware!.generateImage({ model: 'r', prompt: 'p', width: 512, height: 512, signal }),
    ],
    [
      'bria image',
      (signal) => image.bria!.generateImage({ model: 'b', prompt: 'p', width: 512, height: 512, signal }),
    ],
  ];
  for (const c of cases) {
    it.each(calls)(`${JSON.stringify(c.fault)} → ${c.reason}: %s`, async (_label, call) => {
      fake.setFaults(c.fault);
      const err = (await call(AbortSignal.timeout(300)).catch((e: unknown) => e)) as ProviderError;
      expect(err).toBeInstanceOf(ProviderError);
      expect([err.reason, err.code]).toEqual([c.reason, c.code]);
      if ('retryAfterMs' in c) expect(err.retryAfterMs).toBe(c.retryAfterMs);
      if (c.reason === 'invalid_output') expect(err.unparseable).toBe(true);
      for (const t of [err.message, JSON.stringify(err.toJSON()), String(err.stack)])
        expect(t).not.toContain(KEY);
    });
  }
});

describe('pings', () => {
  it('every adapter pings with its key; a wrong key is an auth failure', async () => {
    const strict = await createFakeProviderServer({ apiKeys: [KEY] });
    try {
      const build = (apiKey: string) => [
        createOpenAiTextProvider({ name: 'openai', apiKey, baseUrl: `${strict.url}/v1` }),
        createAnthropicTextProvider({ name: 'anthropic', apiKey, baseUrl: strict.url }),
        createRunwareImageProvider({ name: 'runware', apiKey, baseUrl: strict.url }),
        createBriaImageProvider({ name: 'bria', apiKey, baseUrl: strict.url }),
      ];
      for (const p of build(KEY)) await expect(p.ping!()).resolves.toBeUndefined();
      for (const p of build('sk-wrong-key-000000000')) {
        const err = (await p.ping!().catch((e: unknown) => e)) as ProviderError;
        expect([p.name, err.reason]).toEqual([p.name, 'auth']);
        expect(err.message).not.toContain('sk-wrong-key-000000000');
      }
    } finally {
      await strict.close();
    }
  });

  it('an unreachable endpoint is a transient, unreachable failure', async () => {
    const closed = await createFakeProviderServer();
    const url = closed.url;
    await closed.close();
    const err = (await createOpenAiTextProvider({ name: 'openai', apiKey: KEY, baseUrl: `${url}/v1` })
      .ping!().catch((e: unknown) => e)) as ProviderError;
    expect([err.reason, err.unreachable]).toEqual(['transient', true]);
  });
});
