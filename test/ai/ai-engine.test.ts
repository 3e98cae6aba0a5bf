import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { imageSize } from 'image-size';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createAiEngine,
  loadAutoClusterInput,
  loadGenerateContentInput,
  loadGenerateIdeasInput,
  loadGenerateImagesInput,
  loadImagePromptsInput,
  loadOptimizeInput,
  loadSuggestLinksInput,
  type AiEngineDeps,
  type AiProgressEvent,
} from '../../src/ai/index.js';
import { ProviderError } from '../../src/providers/index.js';
import { createSandboxImageProvider, createSandboxTextProvider } from '../../src/providers/sandbox/index.js';
import type { SandboxFactory, TextRequest } from '../../src/providers/index.js';
import { countWords, htmlToText } from '../../src/writer/html-text.js';
import { DIALECTS } from '../helpers/test-db.js';
import { COFFEE, createAiKit, insertKeywords, insertTask, ledgerAndUsage, type AiKit } from './ai-kit.js';

/** The engine's dependencies from a kit's core, with another sandbox in place (to count or break calls). */
const depsOf = (kit: AiKit, sandbox?: SandboxFactory): AiEngineDeps => ({
  db: kit.core.db,
  credits: kit.core.credits,
  models: kit.core.models,
  prompts: kit.core.prompts,
  providers: kit.core.providers,
  mediaDir: kit.core.resolvePath(kit.core.config.media.dir),
  sandbox,
});

function countingSandbox(wrap?: (req: TextRequest, n: number) => string | undefined) {
  const calls: TextRequest[] = [];
  const text = createSandboxTextProvider();
  const factory: SandboxFactory = {
    text: () => ({
      name: 'sandbox',
      kind: 'sandbox',
      async generateText(req) {
        calls.push(req);
        const res = await text.generateText(req);
        const replaced = wrap?.(req, calls.length);
        return replaced === undefined ? res : { ...res, text: replaced };
      },
    }),
    image: () => createSandboxImageProvider(),
  };
  return { factory, calls };
}

describe.each(DIALECTS)('AI engine with the sandbox on %s', (dialect) => {
  let kit: AiKit;
  afterEach(async () => kit?.close());

  it('runs every function from keywords to linked articles, saving rows, and the ledger equals the usage log', async () => {
    kit = await createAiKit(dialect, { credits: 10_000 });
    const { core, scope } = kit;
    const ids = await insertKeywords(kit, COFFEE);

    const clustered = await core.ai.run(
      scope,
      'auto_cluster',
      await loadAutoClusterInput(core.db, scope, ids),
      { save: true, opId: 'cluster:batch-1' },
    );
    // The default model is OpenAI's and no key is set: the sandbox stands in, and says so.
    expect(clustered).toMatchObject({
      sandbox: true,
      model: 'sandbox:sandbox-text',
      opId: 'cluster:batch-1',
    });
    expect(clustered.credits).toBeGreaterThanOrEqual(2);
    const clusters = await core.db
      .selectFrom('clusters')
      .selectAll()
      .where('account_id', '=', scope.accountId)
      .execute();
    expect(clusters.length).toBe(clustered.output.clusters.length);
    const members = clustered.output.clusters.reduce((n, c) => n + c.keywords.length, 0);
    const kwRows = await core.db
      .selectFrom('keywords')
      .select(['status', 'cluster_id'])
      .where('account_id', '=', scope.accountId)
      .execute();
    expect(kwRows.filter((k) => k.status === 'clustered' && k.cluster_id).length).toBe(members);
    for (const c of clusters) expect(c.keyword_count).toBeGreaterThanOrEqual(3);

    const cluster = clusters.find((c) => c.name === 'French Press') ?? clusters[0]!;
    const ideas = await core.ai.run(
      scope,
      'generate_ideas',
      await loadGenerateIdeasInput(core.db, scope, cluster.id, { count: 3 }),
      { save: true },
    );
    expect(ideas.output.ideas).toHaveLength(3);
    const ideaRows = await core.db
      .selectFrom('ideas')
      .selectAll()
      .where('cluster_id', '=', cluster.id)
      .execute();
    expect(ideaRows).toHaveLength(3);
    expect(JSON.parse(ideaRows[0]!.outline).sections.length).toBeGreaterThanOrEqual(6);
    expect(
      (
        await core.db
          .selectFrom('clusters')
          .select('status')
          .where('id', '=', cluster.id)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('planned');

    const contentIds: string[] = [];
    for (const idea of ideaRows.slice(0, 2)) {
      const taskId = await insertTask(kit, idea.id);
      const input = await loadGenerateContentInput(core.db, scope, taskId);
      expect(input.idea.outline).toEqual(JSON.parse(idea.outline));
      const written = await core.ai.run(scope, 'generate_content', input, {
        save: true,
        opId: `content:${taskId}`,
      });
      const saved = written.saved as { contentId: string };
      contentIds.push(saved.contentId);
      const row = await core.db
        .selectFrom('contents')
        .selectAll()
        .where('id', '=', saved.contentId)
        .executeTakeFirstOrThrow();
      expect(row.word_count).toBe(countWords(htmlToText(row.html)));
      expect(row.html).toContain('generated by igny8 sandbox');
      expect(JSON.parse(row.provenance)).toMatchObject({
        sandbox: true,
        model: 'sandbox:sandbox-text',
        promptKey: 'generate_content',
        promptSource: 'default',
      });
      expect(
        (
          await core.db
            .selectFrom('tasks')
            .select('status')
            .where('id', '=', taskId)
            .executeTakeFirstOrThrow()
        ).status,
      ).toBe('done');
    }

    const prompts = await core.ai.run(
      scope,
      'generate_image_prompts',
      await loadImagePromptsInput(core.db, scope, contentIds[0]!, { maxImages: 2 }),
      { save: true },
    );
    expect(prompts.output.images).toHaveLength(3);
    const images = await core.db
      .selectFrom('images')
      .selectAll()
      .where('content_id', '=', contentIds[0]!)
      .orderBy('position')
      .execute();
    expect(images.map((i) => `${i.role}:${i.status}`)).toEqual([
      'featured:pending',
      'inline:pending',
      'inline:pending',
    ]);

    const mediaDir = core.resolvePath(core.config.media.dir);
    for (const img of images) {
      const drawn = await core.ai.run(
        scope,
        'generate_images',
        await loadGenerateImagesInput(core.db, scope, img.id),
        { save: true, opId: `image:${img.id}` },
      );
      const file = fs.readFileSync(path.join(mediaDir, drawn.output.filePath));
      expect(createHash('sha256').update(file).digest('hex')).toBe(drawn.output.sha256);
      expect(drawn.output.filePath).toBe(`${drawn.output.sha256}.png`);
      const dims = imageSize(file);
      expect([dims.width, dims.height]).toEqual(img.role === 'featured' ? [1344, 768] : [1024, 1024]);
      expect(drawn.credits).toBe(1);
    }
    const done = await core.db
      .selectFrom('images')
      .selectAll()
      .where('content_id', '=', contentIds[0]!)
      .execute();
    expect(
      done.every(
        (i) =>
          i.status === 'done' &&
          i.size_bytes! > 0 &&
          i.mime === 'image/png' &&
          i.model === 'sandbox:sandbox-image',
      ),
    ).toBe(true);

    const optimized = await core.ai.run(
      scope,
      'optimize_content',
      await loadOptimizeInput(core.db, scope, contentIds[1]!),
      { save: true },
    );
    expect(optimized.output.changes.length).toBeGreaterThan(0);

    const linksInput = await loadSuggestLinksInput(core.db, scope, contentIds[0]!, { maxLinks: 3 });
    expect(linksInput.candidates.map((c) => c.id)).toEqual([contentIds[1]]);
    const links = await core.ai.run(scope, 'suggest_links', linksInput, { save: true });
    const stored = JSON.parse(
      (
        await core.db
          .selectFrom('contents')
          .select('link_suggestions')
          .where('id', '=', contentIds[0]!)
          .executeTakeFirstOrThrow()
      ).link_suggestions!,
    );
    expect(stored).toEqual({ suggestions: links.output.links, applied: [] });
    for (const l of links.output.links) expect(l.targetContentId).toBe(contentIds[1]);

    const totals = await ledgerAndUsage(kit);
    expect(totals.charged).toBe(totals.logged);
    expect(totals.failedRows).toBe(0);
    expect(totals.okRows).toBe(1 + 1 + 2 + 1 + 3 + 1 + 1);
    const balance = await core.credits.balance(scope);
    expect(balance.total).toBe(10_000 - totals.charged);
    expect(balance.held).toBe(0);
  });

  it('charges a deterministic op id once, however often it is run', async () => {
    kit = await createAiKit(dialect, { credits: 1_000 });
    const input = { keywords: COFFEE.map(([keyword, volume]) => ({ keyword, volume })) };
    const first = await kit.core.ai.run(kit.scope, 'auto_cluster', input, { opId: 'cluster:same' });
    const again = await kit.core.ai.run(kit.scope, 'auto_cluster', input, { opId: 'cluster:same' });
    expect(again.credits).toBe(first.credits);
    const charges = await kit.t.db
      .selectFrom('credit_transactions')
      .select('op_id')
      .where('kind', '=', 'charge')
      .execute();
    expect(charges.map((c) => c.op_id)).toEqual(['cluster:same']);
    expect((await kit.core.credits.balance(kit.scope)).total).toBe(1_000 - first.credits);
  });

  it('makes no provider call and no usage row when credits are short', async () => {
    kit = await createAiKit(dialect, { credits: 1 });
    const { factory, calls } = countingSandbox();
    const engine = createAiEngine(depsOf(kit, factory));
    const input = { keywords: COFFEE.map(([keyword, volume]) => ({ keyword, volume })) };
    const events: AiProgressEvent[] = [];
    await expect(
      engine.run(kit.scope, 'auto_cluster', input, { onProgress: (e) => events.push(e) }),
    ).rejects.toMatchObject({ code: 'INSUFFICIENT_CREDITS' });
    expect(calls).toHaveLength(0);
    expect(events.map((e) => e.phase)).toEqual(['failed']);
    expect(await ledgerAndUsage(kit)).toMatchObject({ charged: 0, logged: 0, okRows: 0, failedRows: 0 });
    expect((await kit.core.credits.balance(kit.scope)).available).toBe(1);
  });

  it('charges nothing when the provider fails: the hold is released and a failed usage row kept', async () => {
    kit = await createAiKit(dialect, { credits: 500 });
    const broken: SandboxFactory = {
      text: () => ({
        name: 'sandbox',
        kind: 'sandbox',
        async generateText() {
          throw new ProviderError('transient', 'sandbox: 500 Internal Server Error', {
            provider: 'sandbox',
            status: 500,
          });
        },
      }),
    };
    const engine = createAiEngine(depsOf(kit, broken));
    const input = { keywords: COFFEE.map(([keyword, volume]) => ({ keyword, volume })) };
    await expect(
      engine.run(kit.scope, 'auto_cluster', input, { opId: 'cluster:broken' }),
    ).rejects.toMatchObject({ code: 'PROVIDER_TRANSIENT' });
    const balance = await kit.core.credits.balance(kit.scope);
    expect(balance).toMatchObject({ total: 500, available: 500, held: 0 });
    const usage = await kit.t.db.selectFrom('usage_log').selectAll().execute();
    expect(usage).toHaveLength(1);
    expect(usage[0]).toMatchObject({
      status: 'failed',
      credits: 0,
      op_id: 'cluster:broken',
      operation: 'auto_cluster',
      model: 'sandbox-text',
    });
    expect(usage[0]!.error).toContain('500');
    const hold = await kit.t.db.selectFrom('credit_holds').selectAll().executeTakeFirstOrThrow();
    expect(hold.status).toBe('released');
  });

  it('retries a failed op id under the next retry id, and the retry charges once', async () => {
    kit = await createAiKit(dialect, { credits: 500 });
    let fail = true;
    const real = createSandboxTextProvider();
    const flaky: SandboxFactory = {
      text: () => ({
        name: 'sandbox',
        kind: 'sandbox',
        async generateText(req) {
          if (fail)
            throw new ProviderError('transient', 'sandbox: 503', { provider: 'sandbox', status: 503 });
          return real.generateText(req);
        },
      }),
    };
    const engine = createAiEngine(depsOf(kit, flaky));
    const input = { keywords: COFFEE.map(([keyword, volume]) => ({ keyword, volume })) };
    await expect(engine.run(kit.scope, 'auto_cluster', input, { opId: 'cluster:x' })).rejects.toBeTruthy();
    fail = false;
    const ok = await engine.run(kit.scope, 'auto_cluster', input, { opId: 'cluster:x' });
    expect(ok.opId).toBe('cluster:x~r1');
    const replay = await engine.run(kit.scope, 'auto_cluster', input, { opId: 'cluster:x' });
    expect(replay.opId).toBe('cluster:x~r1');
    const totals = await ledgerAndUsage(kit);
    expect(totals).toMatchObject({ charged: ok.credits, logged: ok.credits, okRows: 1, failedRows: 1 });
  });

  it('repairs a malformed first answer with one more call, sending the errors back', async () => {
    kit = await createAiKit(dialect, { credits: 500 });
    const { factory, calls } = countingSandbox((_req, n) =>
      n === 1 ? '{"clusters": [{"name": "X"' : undefined,
    );
    const engine = createAiEngine(depsOf(kit, factory));
    const input = { keywords: COFFEE.map(([keyword, volume]) => ({ keyword, volume })) };
    const events: AiProgressEvent[] = [];
    const res = await engine.run(kit.scope, 'auto_cluster', input, {
      onProgress: (e) => events.push(e),
      item: 'batch 1',
    });
    expect(res.repaired).toBe(true);
    expect(calls).toHaveLength(2);
    const repairMsg = calls[1]!.messages.at(-1)!;
    expect(repairMsg.role).toBe('user');
    expect(repairMsg.content).toMatch(/not valid JSON/);
    expect(calls[1]!.messages.at(-2)).toEqual({ role: 'assistant', content: '{"clusters": [{"name": "X"' });
    expect(res.usage.tokensIn).toBeGreaterThan(
      calls[0]!.messages.reduce((n, m) => n + m.content.length, 0) / 4,
    );
    expect(events.map((e) => e.phase)).toEqual([
      'reserve',
      'call',
      'repair',
      'repair',
      'validate',
      'settle',
      'done',
    ]);
    expect(events.every((e) => e.fn === 'auto_cluster' && e.item === 'batch 1')).toBe(true);
    expect(events.at(-1)).toMatchObject({ done: 5, total: 5, credits: res.credits });
    expect((await ledgerAndUsage(kit)).charged).toBe(res.credits);
  });

  it('fails without charging when the repair is invalid too', async () => {
    kit = await createAiKit(dialect, { credits: 500 });
    const { factory, calls } = countingSandbox(() => '{"clusters": "none"}');
    const engine = createAiEngine(depsOf(kit, factory));
    const input = { keywords: COFFEE.map(([keyword, volume]) => ({ keyword, volume })) };
    await expect(engine.run(kit.scope, 'auto_cluster', input)).rejects.toMatchObject({
      code: 'PROVIDER_INVALID_OUTPUT',
    });
    expect(calls).toHaveLength(2);
    expect((await kit.core.credits.balance(kit.scope)).total).toBe(500);
    const [row] = await kit.t.db.selectFrom('usage_log').selectAll().execute();
    expect(row).toMatchObject({ status: 'failed', credits: 0 });
    expect(row!.tokens_out).toBeGreaterThan(0);
  });

  it('estimates at least what a run costs, skips calls with nothing to do, and explains the sandbox', async () => {
    kit = await createAiKit(dialect, { credits: 500 });
    const input = { keywords: COFFEE.map(([keyword, volume]) => ({ keyword, volume })) };
    const est = await kit.core.ai.estimate('auto_cluster', input);
    const res = await kit.core.ai.run(kit.scope, 'auto_cluster', input);
    expect(est.calls).toBe(1);
    expect(est.credits).toBeGreaterThanOrEqual(res.credits);
    expect(est.tokensIn).toBeGreaterThan(0);

    const none = {
      article: { title: 'A', text: 'alpha', keywords: ['alpha'] },
      candidates: [{ id: 'x', title: 'Beta', keywords: ['beta'] }],
    };
    expect((await kit.core.ai.estimate('suggest_links', none)).calls).toBe(0);
    const skipped = await kit.core.ai.run(kit.scope, 'suggest_links', none);
    expect(skipped).toMatchObject({ credits: 0, output: { links: [] } });

    const notice = await kit.core.ai.providerNotice(kit.scope);
    expect(notice).toMatch(/sandbox/);
    expect(notice).toMatch(/openai/);
    await expect(
      createAiEngine({ ...depsOf(kit), sandboxFallback: false }).run(kit.scope, 'auto_cluster', input),
    ).rejects.toMatchObject({
      code: 'PROVIDER_NOT_CONFIGURED',
    });
    expect((await kit.core.credits.balance(kit.scope)).held).toBe(0);
  });
});
