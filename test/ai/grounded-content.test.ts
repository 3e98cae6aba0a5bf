import { afterEach, describe, expect, it } from 'vitest';
import { createAiEngine, type AiEngineDeps } from '../../src/ai/index.js';
import { citationNumbers } from '../../src/kb/index.js';
import type { SandboxFactory, TextRequest } from '../../src/providers/index.js';
import { createSandboxImageProvider, createSandboxTextProvider } from '../../src/providers/sandbox/index.js';
import { htmlToText } from '../../src/writer/html-text.js';
import { DIALECTS } from '../helpers/test-db.js';
import { createAiKit, type AiKit } from './ai-kit.js';

/** The sandbox's answers, rewritten by `edit` (call number n) to play a model that cites badly. */
function editingSandbox(edit: (html: string, n: number) => string) {
  const calls: TextRequest[] = [];
  const text = createSandboxTextProvider();
  const factory: SandboxFactory = {
    text: () => ({
      name: 'sandbox',
      kind: 'sandbox',
      async generateText(req) {
        calls.push(req);
        const res = await text.generateText(req);
        const out = JSON.parse(res.text) as { html: string };
        return { ...res, text: JSON.stringify({ ...out, html: edit(out.html, calls.length) }) };
      },
    }),
    image: () => createSandboxImageProvider(),
  };
  return { factory, calls };
}

const depsOf = (kit: AiKit, sandbox: SandboxFactory): AiEngineDeps => ({
  db: kit.core.db,
  credits: kit.core.credits,
  models: kit.core.models,
  prompts: kit.core.prompts,
  providers: kit.core.providers,
  mediaDir: kit.core.resolvePath(kit.core.config.media.dir),
  sandbox,
});

const INPUT = {
  idea: {
    title: 'Cold brew ratio explained',
    outline: {
      sections: ['What cold brew is', 'The ratio', 'Steeping time', 'Filtering', 'Storing', 'FAQ'].map(
        (heading) => ({
          heading,
          points: [`about ${heading.toLowerCase()}`],
          keywords: [],
        }),
      ),
    },
    primaryKeywords: ['cold brew ratio'],
    targetWords: 600,
  },
  sources: [
    {
      n: 1,
      passageId: 'p-1',
      sourceId: 's-1',
      title: 'Cold Brew Recipe',
      url: 'https://docs.example.com/cold-brew',
      text: 'Cold brew steeps coarse grounds in cold water for 12 to 18 hours.',
      sections: [0, 2],
    },
    {
      n: 2,
      passageId: 'p-2',
      sourceId: 's-2',
      title: 'Ratios',
      url: null,
      text: 'A ratio of one to eight makes a ready to drink cold brew.',
      sections: [1],
    },
  ],
  groundingReason: null,
};

describe.each(DIALECTS)('the writer grounds articles in supplied passages on %s', (dialect) => {
  let kit: AiKit;
  afterEach(async () => kit?.close());

  it('tells the model the passages, renumbers its citations and appends the Sources list', async () => {
    kit = await createAiKit(dialect, { credits: 500 });
    const { factory, calls } = editingSandbox((html) => html);
    const res = await createAiEngine(depsOf(kit, factory)).run(kit.scope, 'generate_content', INPUT);
    const prompt = calls[0]!.messages.map((m) => m.content).join('\n');
    expect(prompt).toContain('Cold brew steeps coarse grounds');
    expect(prompt).toMatch(/cite each one right after the sentence/);
    const out = res.output as {
      html: string;
      grounding: { status: string; cited: Array<{ n: number; suppliedN: number; passageId: string }> };
    };
    expect(out.grounding.status).toBe('grounded');
    // Section 0 cites [1] first, so the numbers stay; both passages are cited.
    expect(out.grounding.cited.map((c) => [c.n, c.suppliedN, c.passageId])).toEqual([
      [1, 1, 'p-1'],
      [2, 2, 'p-2'],
    ]);
    expect(out.html).toMatch(
      /<h2>Sources<\/h2>\s*<ol>\s*<li>Cold Brew Recipe — <a href="https:\/\/docs.example.com\/cold-brew">/,
    );
    expect(out.html).toContain('<li>Ratios</li>');
    expect(res.repaired).toBe(false);
  });

  it('rejects a citation to a passage that was not supplied and repairs once', async () => {
    kit = await createAiKit(dialect, { credits: 500 });
    const { factory, calls } = editingSandbox((html, n) => (n === 1 ? html.replace('[2]', '[7]') : html));
    const res = await createAiEngine(depsOf(kit, factory)).run(kit.scope, 'generate_content', INPUT);
    expect(res.repaired).toBe(true);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.messages.at(-1)!.content).toMatch(
      /cites \[7\], but only passages \[1\], \[2\] were supplied/,
    );
    const html = (res.output as { html: string }).html;
    expect(citationNumbers(htmlToText(html.split('<h2>Sources</h2>')[0]!))).not.toContain(7);
  });

  it('fails the item honestly, charging nothing, when the repair still cites what was not supplied', async () => {
    kit = await createAiKit(dialect, { credits: 500 });
    const { factory, calls } = editingSandbox((html) => html.replace(/\[1\]/g, '[9]'));
    await expect(
      createAiEngine(depsOf(kit, factory)).run(kit.scope, 'generate_content', INPUT),
    ).rejects.toMatchObject({
      code: 'PROVIDER_INVALID_OUTPUT',
      message: expect.stringMatching(/cites \[9\]/),
    });
    expect(calls).toHaveLength(2);
    expect((await kit.core.credits.balance(kit.scope)).total).toBe(500);
  });

  it('asks for citations when passages were supplied and none cited, and refuses them when none were', async () => {
    kit = await createAiKit(dialect, { credits: 500 });
    const strip = (html: string) => html.replace(/\s*\[\d+(?:,\s*\d+)*\]/g, '');
    const { factory, calls } = editingSandbox((html, n) => (n === 1 ? strip(html) : html));
    const res = await createAiEngine(depsOf(kit, factory)).run(kit.scope, 'generate_content', INPUT);
    expect(res.repaired).toBe(true);
    expect(calls[1]!.messages.at(-1)!.content).toMatch(/cite them with their numbers/);

    const bare = { ...INPUT, sources: [], groundingReason: 'no-knowledge-base' as const };
    const noSources = editingSandbox((html, n) => (n === 1 ? `${html}<p>As shown before [1].</p>` : html));
    const written = await createAiEngine(depsOf(kit, noSources.factory)).run(
      kit.scope,
      'generate_content',
      bare,
    );
    expect(noSources.calls[1]!.messages.at(-1)!.content).toMatch(/must not contain citations/);
    expect(written.output).toMatchObject({
      grounding: { status: 'ungrounded', reason: 'no-knowledge-base', cited: [] },
    });
  });
});
