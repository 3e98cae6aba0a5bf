import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  AI_FUNCTIONS,
  loadAutoClusterInput,
  loadGenerateContentInput,
  loadGenerateIdeasInput,
  loadGenerateImagesInput,
  loadImagePromptsInput,
  loadOptimizeInput,
  loadSuggestLinksInput,
} from '../../src/ai/index.js';
import { sandboxRespond } from '../../src/providers/sandbox/index.js';
import {
  createFakeProviderServer,
  type FakeProviderServer,
  type FakeReply,
  type FakeTextRequest,
} from '../../src/testing/index.js';
import { DIALECTS } from '../helpers/test-db.js';
import { COFFEE, createAiKit, insertKeywords, insertTask, ledgerAndUsage, type AiKit } from './ai-kit.js';

// Sonnet: its 1,024-token cache minimum is below the writer's stable prefix (Haiku 4.5's is 4,096).
const TEXT_MODELS = { openai: 'openai:gpt-4o-mini', anthropic: 'anthropic:claude-sonnet-4-5' } as const;
type Api = keyof typeof TEXT_MODELS;

let fake: FakeProviderServer;
/** A test's own answers; anything it leaves undefined gets the sandbox's rich canned content. */
let override: ((req: FakeTextRequest) => FakeReply) | undefined;

beforeAll(async () => {
  fake = await createFakeProviderServer({ respond: (req) => override?.(req) ?? sandboxRespond(req) });
});
afterAll(async () => fake.close());

const kitFor = (dialect: (typeof DIALECTS)[number], api: Api, credits: number) =>
  createAiKit(dialect, {
    credits,
    config: {
      providers: {
        openai: { apiKey: 'sk-test-openai-0123456789', baseUrl: `${fake.url}/v1` },
        anthropic: { apiKey: 'sk-ant-test-0123456789', baseUrl: fake.url },
        retry: {
          maxAttempts: 2,
          baseDelayMs: 1,
          maxDelayMs: 5,
          attemptTimeoutMs: 10_000,
          deadlineMs: 30_000,
        },
      },
      ai: { textModel: TEXT_MODELS[api], imageModel: 'openai:gpt-image-1-mini' },
    },
  });

const clusterInput = { keywords: COFFEE.map(([keyword, volume]) => ({ keyword, volume })) };

describe.each(DIALECTS)('AI functions through the fake provider server on %s', (dialect) => {
  let kit: AiKit;
  afterEach(async () => {
    override = undefined;
    fake.setFaults({});
    await kit?.close();
  });

  it.each(['openai', 'anthropic'] as const)(
    'every function gives schema-valid output through %s (official SDK)',
    async (api) => {
      kit = await kitFor(dialect, api, 20_000);
      const { core, scope } = kit;
      fake.resetStats();
      const ids = await insertKeywords(kit, COFFEE);
      const results: Array<{ name: string; sandbox: boolean; model: string }> = [];
      const run = async <N extends keyof typeof AI_FUNCTIONS>(
        name: N,
        input: Parameters<typeof core.ai.run<N>>[2],
      ) => {
        const res = await core.ai.run(scope, name, input, { save: true });
        results.push({ name, sandbox: res.sandbox, model: res.model });
        const fn = AI_FUNCTIONS[name];
        if (fn.kind === 'text' && name !== 'suggest_links') {
          // The model's answer (the schema ignores what we add: word count, keyword list) is valid.
          expect((fn.output as z.ZodType).safeParse(res.output).success).toBe(true);
        }
        return res;
      };

      const clusters = await run('auto_cluster', await loadAutoClusterInput(core.db, scope, ids));
      expect(clusters.output.clusters.length).toBeGreaterThan(1);
      const cluster = await core.db
        .selectFrom('clusters')
        .selectAll()
        .orderBy('keyword_count', 'desc')
        .executeTakeFirstOrThrow();
      await run('generate_ideas', await loadGenerateIdeasInput(core.db, scope, cluster.id, { count: 3 }));
      const ideas = await core.db
        .selectFrom('ideas')
        .select('id')
        .where('cluster_id', '=', cluster.id)
        .execute();
      const contentIds: string[] = [];
      for (const idea of ideas.slice(0, 2)) {
        const written = await run(
          'generate_content',
          await loadGenerateContentInput(core.db, scope, await insertTask(kit, idea.id)),
        );
        contentIds.push((written.saved as { contentId: string }).contentId);
        expect(written.output.html).toMatch(/<h2>/);
      }
      await run(
        'generate_image_prompts',
        await loadImagePromptsInput(core.db, scope, contentIds[0]!, { maxImages: 1 }),
      );
      const image = await core.db
        .selectFrom('images')
        .select('id')
        .where('role', '=', 'featured')
        .executeTakeFirstOrThrow();
      const drawn = await run('generate_images', await loadGenerateImagesInput(core.db, scope, image.id));
      expect(drawn.output).toMatchObject({
        mime: 'image/png',
        width: 1536,
        height: 1024,
        model: 'openai:gpt-image-1-mini',
      });
      await run('optimize_content', await loadOptimizeInput(core.db, scope, contentIds[1]!));
      const links = await run(
        'suggest_links',
        await loadSuggestLinksInput(core.db, scope, contentIds[0]!, { maxLinks: 2 }),
      );
      for (const l of links.output.links) expect(l.targetContentId).toBe(contentIds[1]);

      expect(results.every((r) => !r.sandbox)).toBe(true);
      expect(
        results.filter((r) => r.name !== 'generate_images').every((r) => r.model === TEXT_MODELS[api]),
      ).toBe(true);
      // Every text call went over the wire as a structured request named after its function.
      const textCalls = fake.stats.log.filter((c) => c.route === 'chat' || c.route === 'messages');
      expect(textCalls).toHaveLength(results.length - 1);
      expect(textCalls.every((c) => c.api === api && c.outcome === 'ok')).toBe(true);
      expect(fake.stats.log.filter((c) => c.route === 'images')).toHaveLength(1);

      const usage = await core.db.selectFrom('usage_log').selectAll().where('status', '=', 'ok').execute();
      expect(usage).toHaveLength(results.length);
      const textUsage = usage.filter((u) => u.operation !== 'generate_images');
      expect(
        textUsage.every((u) => u.provider === api && u.tokens_in > 0 && u.tokens_out > 0 && u.usd > 0),
      ).toBe(true);
      // The fake serves the second article's repeated stable prefix from its cache, and the usage log records that.
      expect(textUsage.some((u) => u.tokens_cached > 0 && u.tokens_cached < u.tokens_in)).toBe(true);
      expect(usage.find((u) => u.operation === 'generate_images')).toMatchObject({
        provider: 'openai',
        images: 1,
        credits: 1,
      });
      const totals = await ledgerAndUsage(kit);
      expect(totals.charged).toBe(totals.logged);
      expect((await core.credits.balance(scope)).total).toBe(20_000 - totals.charged);
    },
  );

  it.each(['openai', 'anthropic'] as const)(
    'a repair call fixes a malformed first answer from %s',
    async (api) => {
      kit = await kitFor(dialect, api, 1_000);
      let first = true;
      override = () => {
        if (!first) return undefined;
        first = false;
        // Valid JSON, wrong shape: the engine must send the validation errors back.
        return { clusters: [{ name: 'Coffee', keywords: 'all of them' }] };
      };
      fake.resetStats();
      const res = await kit.core.ai.run(kit.scope, 'auto_cluster', clusterInput);
      expect(res.repaired).toBe(true);
      expect(AI_FUNCTIONS.auto_cluster.output.safeParse(res.output).success).toBe(true);
      expect(fake.stats.calls).toBe(2);
      const second = fake.stats.log[1]!.body as { messages?: Array<{ role: string; content: unknown }> };
      expect(JSON.stringify(second.messages)).toContain('clusters.0.keywords');
      const totals = await ledgerAndUsage(kit);
      expect(totals).toMatchObject({ charged: res.credits, logged: res.credits, okRows: 1 });
    },
  );

  it('a malformed (non-JSON) first answer is repaired too', async () => {
    kit = await kitFor(dialect, 'openai', 1_000);
    let first = true;
    override = () => (first ? ((first = false), '{"clusters": [{"name": "Coff') : undefined);
    fake.resetStats();
    const res = await kit.core.ai.run(kit.scope, 'auto_cluster', clusterInput);
    expect(res.repaired).toBe(true);
    expect(fake.stats.calls).toBe(2);
  });

  it.each(['openai', 'anthropic'] as const)('no credits are charged when %s keeps failing', async (api) => {
    kit = await kitFor(dialect, api, 1_000);
    fake.setFaults({ status500: 1 });
    fake.resetStats();
    await expect(
      kit.core.ai.run(kit.scope, 'auto_cluster', clusterInput, { opId: 'cluster:fails' }),
    ).rejects.toMatchObject({
      code: 'PROVIDER_TRANSIENT',
    });
    expect(fake.stats.byOutcome.status500).toBe(2);
    expect(await kit.core.credits.balance(kit.scope)).toMatchObject({
      total: 1_000,
      available: 1_000,
      held: 0,
    });
    const rows = await kit.t.db.selectFrom('usage_log').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'failed', credits: 0, provider: api, op_id: 'cluster:fails' });
  });

  it.each(['openai', 'anthropic'] as const)('insufficient credits mean no call reaches %s', async (api) => {
    kit = await kitFor(dialect, api, 1);
    fake.resetStats();
    await expect(
      kit.core.ai.run(kit.scope, 'generate_content', {
        idea: {
          title: 'How to Clean Espresso Machine',
          outline: {
            sections: ['A', 'B', 'C', 'D', 'E', 'F'].map((h) => ({
              heading: `Part ${h}`,
              points: ['x y z'],
              keywords: [],
            })),
          },
          primaryKeywords: ['how to clean espresso machine'],
          targetWords: 1500,
        },
      }),
    ).rejects.toMatchObject({ code: 'INSUFFICIENT_CREDITS' });
    expect(fake.stats.calls).toBe(0);
    expect((await ledgerAndUsage(kit)).logged).toBe(0);
  });
});
