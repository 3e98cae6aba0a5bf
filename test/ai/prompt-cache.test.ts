import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sandboxRespond } from '../../src/providers/sandbox/index.js';
import { createFakeProviderServer, type FakeProviderServer } from '../../src/testing/index.js';
import { DIALECTS } from '../helpers/test-db.js';
import { createAiKit, type AiKit } from './ai-kit.js';

let fake: FakeProviderServer;
beforeAll(async () => {
  fake = await createFakeProviderServer({ respond: sandboxRespond });
});
afterAll(async () => fake.close());

const KEY = 'sk-test-0123456789';
/** n tokens as the fake counts them (4 characters each), distinct per `tag`. */
const textOf = (tag: string, tokens: number) => `${tag} `.padEnd(8, '.').repeat(tokens / 2);

describe('the fake provider reports cached tokens like each provider (official SDKs)', () => {
  const openai = () => new OpenAI({ apiKey: KEY, baseURL: `${fake.url}/v1`, maxRetries: 0 });
  const anthropic = () => new Anthropic({ apiKey: KEY, baseURL: fake.url, maxRetries: 0 });
  const chat = (system: string, user: string) =>
    openai().chat.completions.create({
      model: 'gpt-5.1',
      messages: [
        { role: 'system', content: system },
        { role: 'user', content: user },
      ],
    });

  it('OpenAI: only a repeated prefix of 1,024 tokens or more, counted in 128-token steps', async () => {
    const short = textOf('short', 800);
    expect((await chat(short, 'a')).usage?.prompt_tokens_details?.cached_tokens).toBe(0);
    expect((await chat(short, 'b')).usage?.prompt_tokens_details?.cached_tokens).toBe(0);
    const long = textOf('long', 1300);
    expect((await chat(long, 'a')).usage?.prompt_tokens_details?.cached_tokens).toBe(0);
    const again = await chat(long, 'b');
    // 1,300 shared tokens: the last full step is 1,280.
    expect(again.usage?.prompt_tokens_details?.cached_tokens).toBe(1280);
    expect(again.usage!.prompt_tokens).toBeGreaterThan(1300);
    // A prompt that differs at its start shares no prefix.
    const other = await chat(`x${long}`, 'b');
    expect(other.usage?.prompt_tokens_details?.cached_tokens).toBe(0);
  });

  const message = (model: string, system: string, cache: boolean) =>
    anthropic().messages.create({
      model,
      max_tokens: 200,
      system: [{ type: 'text', text: system, ...(cache ? { cache_control: { type: 'ephemeral' } } : {}) }],
      messages: [{ role: 'user', content: 'write it' }],
    });

  it('Anthropic: only marked prefixes above the model minimum; a write first, reads after', async () => {
    const unmarked = textOf('unmarked', 1500);
    await message('claude-sonnet-4-5', unmarked, false);
    const plain = await message('claude-sonnet-4-5', unmarked, false);
    expect(plain.usage.cache_read_input_tokens).toBe(0);
    expect(plain.usage.cache_creation_input_tokens).toBe(0);

    const marked = textOf('marked', 1500);
    const first = await message('claude-sonnet-4-5', marked, true);
    expect(first.usage.cache_creation_input_tokens).toBe(1500);
    expect(first.usage.cache_read_input_tokens).toBe(0);
    const second = await message('claude-sonnet-4-5', marked, true);
    expect(second.usage.cache_read_input_tokens).toBe(1500);
    expect(second.usage.cache_creation_input_tokens).toBe(0);
    expect(second.usage.input_tokens).toBe(first.usage.input_tokens);

    // Haiku 4.5 caches from 4,096 tokens: the same 1,500-token prefix is never cached there.
    await message('claude-haiku-4-5', marked, true);
    const haiku = await message('claude-haiku-4-5', marked, true);
    expect(haiku.usage.cache_read_input_tokens).toBe(0);
    expect(haiku.usage.cache_creation_input_tokens).toBe(0);
  });
});

const MODELS = { openai: 'openai:gpt-5.1', anthropic: 'anthropic:claude-sonnet-4-5' } as const;

const idea = (title: string, structure: 'how-to' | 'listicle', keyword: string) => ({
  title,
  structure,
  primaryKeywords: [keyword],
  secondaryKeywords: [`${keyword} tips`],
  targetWords: 900,
  outline: {
    sections: Array.from({ length: 6 }, (_, i) => ({
      heading: `${title}: part ${i + 1}`,
      points: [`what ${keyword} means in step ${i + 1}`],
      keywords: [] as string[],
    })),
  },
});

describe.each(DIALECTS)('the writer caches its stable prefix through each provider on %s', (dialect) => {
  let kit: AiKit;
  afterEach(async () => kit?.close());

  it.each(['openai', 'anthropic'] as const)('%s: marked, keyed, read back and priced', async (api) => {
    kit = await createAiKit(dialect, {
      credits: 20_000,
      config: {
        providers: {
          openai: { apiKey: 'sk-test-openai-0123456789', baseUrl: `${fake.url}/v1` },
          anthropic: { apiKey: 'sk-ant-test-0123456789', baseUrl: fake.url },
        },
        ai: { textModel: MODELS[api], imageModel: 'openai:gpt-image-1-mini' },
      },
    });
    const { core, scope } = kit;
    fake.resetStats();
    const site = { name: `Brew Lab ${dialect} ${api}`, domain: 'brewlab.example', industry: 'Coffee' };
    // Two articles of different structures on one site share the whole stable prefix.
    await core.ai.run(scope, 'generate_content', {
      idea: idea('Cold brew ratio', 'how-to', 'cold brew ratio'),
      site,
    });
    await core.ai.run(scope, 'generate_content', {
      idea: idea('Best French press', 'listicle', 'best french press'),
      site,
    });

    const bodies = fake.stats.log
      .filter((c) => c.route === 'chat' || c.route === 'messages')
      .map((c) => c.body as Record<string, unknown>);
    expect(bodies).toHaveLength(2);
    if (api === 'openai') {
      const keys = bodies.map((b) => b.prompt_cache_key as string);
      expect(keys[0]).toMatch(/^igny8-[0-9a-f]{32}$/);
      expect(keys[1]).toBe(keys[0]);
      expect(JSON.stringify(bodies)).not.toContain(scope.accountId);
    } else {
      const system = bodies[0]!.system as Array<{ cache_control?: unknown; text: string }>;
      expect(system.at(-1)!.cache_control).toEqual({ type: 'ephemeral' });
      expect(system.at(-1)!.text).toContain('Article structures');
    }

    const rows = await core.db
      .selectFrom('usage_log')
      .selectAll()
      .where('account_id', '=', scope.accountId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    expect(rows).toHaveLength(2);
    const [first, second] = rows as [(typeof rows)[0], (typeof rows)[0]];
    const model = await core.models.get(MODELS[api]);
    expect(first.tokens_cached).toBe(0);
    expect(second.tokens_cached).toBeGreaterThanOrEqual(1024);
    // Most of the second article's input came from the cache.
    expect(second.tokens_cached / second.tokens_in).toBeGreaterThan(0.6);
    const perM = (n: number, price: number | null | undefined) => (n * (price ?? 0)) / 1e6;
    const inputPrice = model.inputPrice!;
    // The row's USD is the registry's price of each kind of token.
    const expected = (r: typeof first) =>
      perM(r.tokens_in - r.tokens_cached - r.tokens_cache_write, inputPrice) +
      perM(r.tokens_cached, model.cachedInputPrice) +
      perM(r.tokens_cache_write, model.cacheWritePrice ?? inputPrice) +
      perM(r.tokens_out, model.outputPrice);
    for (const r of rows) expect(Number(r.usd)).toBeCloseTo(expected(r), 8);
    expect(Number(second.usd_cache_saved)).toBeCloseTo(
      perM(second.tokens_cached, inputPrice - model.cachedInputPrice!),
      8,
    );
    if (api === 'anthropic') {
      // Anthropic bills the first write at 1.25 × input: caching cost money on that call.
      expect(first.tokens_cache_write).toBeGreaterThanOrEqual(1024);
      expect(model.cacheWritePrice).toBe(3.75);
      expect(Number(first.usd_cache_saved)).toBeLessThan(0);
    } else {
      expect(first.tokens_cache_write).toBe(0);
      expect(Number(first.usd_cache_saved)).toBe(0);
    }
  });
});
