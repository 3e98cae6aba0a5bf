import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { AnyTextAiFunction } from '../../ai/ai-function.js';
import { findAiPhrases } from '../../ai/ai-phrases.js';
import { AI_FUNCTIONS } from '../../ai/functions/index.js';
import { parseOutput } from '../../ai/parse-output.js';
import { findTemplatesDir } from '../../models/find-templates-dir.js';
import { renderPrompt } from '../../prompts/index.js';
import { htmlToText } from '../../writer/html-text.js';
import { checkSeo } from '../../writer/seo-check.js';
import {
  createSandboxImageProvider,
  createSandboxTextProvider,
  SANDBOX_LABEL,
  sandboxRespond,
} from './index.js';
import { PALETTES, sandboxPngFor } from './sandbox-png-cache.js';
import { seedFrom } from './sandbox-random.js';

const provider = createSandboxTextProvider();
const KEYWORDS = [
  ['best espresso machine', 5400],
  ['best espresso machine for beginners', 320],
  ['how to clean espresso machine', 22200],
  ['descaling espresso machine', 390],
  ['espresso machine vs coffee maker', 1300],
  ['french press grind size', 49500],
  ['how to make french press coffee', 4400],
  ['french press coffee ratio', 1900],
  ['best french press', 49500],
  ['cold brew coffee recipe', 40500],
  ['cold brew ratio', 4400],
  ['how long to steep cold brew', 27100],
  ['best cold brew coffee maker', 8100],
  ['what is a cortado', 14800],
] as const;

/** Render the bundled template like the engine does, ask the sandbox, validate like the engine does. */
async function ask(name: Exclude<keyof typeof AI_FUNCTIONS, 'generate_images'>, raw: unknown) {
  const fn = AI_FUNCTIONS[name] as unknown as AnyTextAiFunction;
  const input = fn.input.parse(raw);
  const body = fs.readFileSync(path.join(findTemplatesDir(), 'prompts', `${name}.md`), 'utf8');
  const res = await provider.generateText({
    model: 'sandbox-text',
    messages: [{ role: 'user', content: renderPrompt(body, fn.promptVars(input)) }],
    jsonSchema: { name, schema: {} },
  });
  const parsed = parseOutput(fn, input, res.text);
  if (!parsed.ok) throw new Error(`${name}: ${parsed.errors.join('; ')}`);
  return { text: res.text, usage: res.usage, output: fn.finalize(input, parsed.value) as any };
}

const clusterInput = { keywords: KEYWORDS.map(([keyword, volume]) => ({ keyword, volume })) };

describe('sandbox text provider', () => {
  it('clusters keywords by shared words: 3–10 input keywords per cluster, none twice', async () => {
    const { output } = await ask('auto_cluster', clusterInput);
    expect(output.clusters.length).toBeGreaterThanOrEqual(3);
    const all = output.clusters.flatMap((c: any) => c.keywords);
    expect(new Set(all).size).toBe(all.length);
    for (const c of output.clusters) {
      expect(c.keywords.length).toBeGreaterThanOrEqual(3);
      expect(c.keywords.length).toBeLessThanOrEqual(10);
      expect(c.keywords).toContain(c.primaryKeyword);
      expect(c.description).toMatch(/sandbox/);
    }
    const frenchPress = output.clusters.find((c: any) => c.keywords.includes('best french press'));
    expect(frenchPress.keywords).toEqual(
      expect.arrayContaining(['french press grind size', 'french press coffee ratio']),
    );
    expect(frenchPress.name).toBe('French Press');
  });

  it('answers the same request the same way, and a different one differently', async () => {
    const a = await ask('auto_cluster', clusterInput);
    const b = await ask('auto_cluster', clusterInput);
    expect(b.text).toBe(a.text);
    const c = await ask('auto_cluster', { keywords: clusterInput.keywords.slice(0, 9) });
    expect(c.text).not.toBe(a.text);
    expect(a.usage.tokensIn).toBeGreaterThan(0);
    expect(a.usage.tokensOut).toBe(Math.ceil(a.text.length / 4));
  });

  it('plans ideas with full outlines, distinct primary keywords and fitting structures', async () => {
    const cluster = {
      name: 'Espresso Machine',
      keywords: KEYWORDS.slice(0, 5).map(([keyword, volume]) => ({ keyword, volume })),
    };
    const { output } = await ask('generate_ideas', { cluster, count: 5 });
    expect(output.ideas).toHaveLength(5);
    const primaries = output.ideas.map((i: any) => i.primaryKeywords[0]);
    expect(new Set(primaries).size).toBe(5);
    for (const idea of output.ideas) {
      expect(idea.outline.sections.length).toBeGreaterThanOrEqual(6);
      expect(idea.outline.sections.length).toBeLessThanOrEqual(10);
      expect(idea.title.toLowerCase()).toContain(idea.primaryKeywords[0]);
      expect(idea.secondaryKeywords).not.toContain(idea.primaryKeywords[0]);
    }
    const byKw = (k: string) => output.ideas.find((i: any) => i.primaryKeywords[0] === k);
    expect(byKw('how to clean espresso machine').structure).toBe('how-to');
    expect(byKw('espresso machine vs coffee maker').structure).toBe('comparison');
    expect(byKw('best espresso machine').structure).toBe('listicle');
  });

  it('writes articles that follow the outline and pass the SEO checks', async () => {
    const cluster = {
      name: 'Cold Brew',
      keywords: KEYWORDS.slice(9, 14).map(([keyword, volume]) => ({ keyword, volume })),
    };
    const { output: plan } = await ask('generate_ideas', { cluster, count: 3 });
    for (const idea of plan.ideas) {
      const { output: a } = await ask('generate_content', { idea });
      expect(a.html.startsWith(SANDBOX_LABEL)).toBe(true);
      const h2 = [...a.html.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1]);
      expect(h2).toEqual(idea.outline.sections.map((s: any) => s.heading.replace(/&/g, '&amp;')));
      expect(a.html).toMatch(/<(ul|ol)>/);
      expect(a.html).toMatch(/<table>/);
      expect(a.wordCount).toBeGreaterThan(idea.targetWords * 0.9);
      expect(a.wordCount).toBeLessThan(idea.targetWords * 1.2);
      const report = checkSeo({ ...a, targetWords: idea.targetWords });
      const failed = report.checks.filter((c) => !c.passed).map((c) => c.id);
      expect(failed).toEqual([]);
      expect(findAiPhrases(htmlToText(a.html))).toEqual([]);
    }
  });

  it('plans 1 featured + N inline image prompts, optimizes phrasing away, links only by real anchors', async () => {
    const { output: imgs } = await ask('generate_image_prompts', {
      content: {
        title: 'How to Clean Espresso Machine',
        focusKeyword: 'how to clean espresso machine',
        headings: ['A', 'B', 'C'],
      },
      maxImages: 3,
    });
    expect(imgs.images.map((i: any) => `${i.role}:${i.position}`)).toEqual([
      'featured:0',
      'inline:1',
      'inline:2',
      'inline:3',
    ]);
    expect(imgs.images.every((i: any) => i.negativePrompt.length > 0 && i.alt.length > 0)).toBe(true);

    const html = `<p>In today's fast-paced world, let's delve into espresso. It is a game-changer.</p><h2>One</h2><p>${'Plain words here. '.repeat(40)}</p>`;
    const { output: opt } = await ask('optimize_content', {
      content: { title: 'Espresso basics', html, focusKeyword: 'espresso machine' },
    });
    expect(findAiPhrases(htmlToText(opt.html))).toEqual([]);
    expect(opt.title.toLowerCase()).toContain('espresso machine');
    expect(opt.metaTitle.length).toBeLessThanOrEqual(60);

    const text = 'Grind size matters. See our french press coffee ratio notes and cold brew ratio tips.';
    const { output: links } = await ask('suggest_links', {
      article: {
        id: 'a',
        title: 'French press',
        text,
        focusKeyword: 'french press grind size',
        keywords: ['french press coffee ratio', 'cold brew ratio'],
      },
      candidates: [
        {
          id: 'b',
          title: 'French Press Coffee Ratio Guide',
          slug: 'french-press-coffee-ratio',
          focusKeyword: 'french press coffee ratio',
          keywords: [],
        },
        {
          id: 'c',
          title: 'Cold Brew Ratio',
          slug: 'cold-brew-ratio',
          focusKeyword: 'cold brew ratio',
          keywords: [],
        },
        { id: 'd', title: 'Best Tea Kettles', slug: 'tea', focusKeyword: 'tea kettle', keywords: ['kettle'] },
      ],
      maxLinks: 3,
    });
    expect(links.links.map((l: any) => l.targetContentId).sort()).toEqual(['b', 'c']);
    expect(links.links.find((l: any) => l.targetContentId === 'b').href).toBe('/french-press-coffee-ratio/');
    for (const l of links.links) expect(text.toLowerCase()).toContain(l.anchor.toLowerCase());
  });

  it('sandboxRespond answers igny8 functions and leaves other schemas to the fake server', () => {
    const body = fs.readFileSync(path.join(findTemplatesDir(), 'prompts', 'auto_cluster.md'), 'utf8');
    const content = renderPrompt(
      body,
      AI_FUNCTIONS.auto_cluster.promptVars(AI_FUNCTIONS.auto_cluster.input.parse(clusterInput)),
    );
    const answer = sandboxRespond({ schemaName: 'auto_cluster', messages: [{ role: 'user', content }] });
    expect(AI_FUNCTIONS.auto_cluster.output.safeParse(answer).success).toBe(true);
    expect(sandboxRespond({ schemaName: 'something_else', messages: [] })).toBeUndefined();
  });
});

describe('sandbox image provider', () => {
  it('draws a PNG of the requested size with a dark SANDBOX band across the middle', async () => {
    const res = await createSandboxImageProvider().generateImage({
      model: 'sandbox-image',
      prompt: 'a cup',
      width: 1344,
      height: 768,
    });
    const png = PNG.sync.read(res.bytes);
    expect([png.width, png.height]).toEqual([1344, 768]);
    const px = (x: number, y: number) => [
      ...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3),
    ];
    expect(px(5, 384)).toEqual([24, 24, 24]); // the band
    expect(px(5, 5)).not.toEqual([24, 24, 24]); // the gradient above it
    const row = Array.from({ length: png.width }, (_, x) => px(x, 384)[0]);
    expect(row.filter((v) => v === 245).length).toBeGreaterThan(50); // the letters
    const again = await createSandboxImageProvider().generateImage({
      model: 'sandbox-image',
      prompt: 'a cup',
      width: 1344,
      height: 768,
    });
    expect(again.bytes.equals(res.bytes)).toBe(true);
  });
});

describe('sandbox PNG cache', () => {
  it('draws each size and palette once: same prompt same bytes, prompts spread over palettes', () => {
    const a = sandboxPngFor(640, 360, seedFrom('a cup'));
    const b = sandboxPngFor(640, 360, seedFrom('a cup'));
    expect(a.equals(b)).toBe(true);
    expect(a).not.toBe(b); // callers get their own copy
    a.fill(0);
    expect(sandboxPngFor(640, 360, seedFrom('a cup')).equals(b)).toBe(true);
    const palettes = new Set(
      Array.from({ length: 200 }, (_, i) =>
        sandboxPngFor(64, 36, seedFrom(`prompt ${i}`)).toString('base64'),
      ),
    );
    expect(palettes.size).toBeGreaterThan(PALETTES / 2);
    expect(palettes.size).toBeLessThanOrEqual(PALETTES);
    const png = PNG.sync.read(sandboxPngFor(300, 200, seedFrom('x')));
    expect([png.width, png.height]).toEqual([300, 200]);
  });
});
