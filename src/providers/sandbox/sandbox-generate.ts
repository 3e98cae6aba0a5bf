import { AutoClusterInputSchema } from '../../ai/functions/auto-cluster.schema.js';
import { GenerateContentInputSchema } from '../../ai/functions/generate-content.schema.js';
import { GenerateIdeasInputSchema } from '../../ai/functions/generate-ideas.schema.js';
import { GenerateImagePromptsInputSchema } from '../../ai/functions/generate-image-prompts.schema.js';
import { OptimizeContentInputSchema } from '../../ai/functions/optimize-content.schema.js';
import { SuggestLinksInputSchema } from '../../ai/functions/suggest-links.schema.js';
import { sandboxArticle } from './gen-article.js';
import { sandboxClusters } from './gen-clusters.js';
import { sandboxIdeas } from './gen-ideas.js';
import { sandboxImagePrompts, sandboxLinks, sandboxOptimize } from './gen-other.js';
import { createRandom, seedFrom } from './sandbox-random.js';
import { localizeImagePrompts } from './gen-localized.js';
import { sandboxLocale } from './sandbox-locales.js';
import { normalizeKeyword } from '../../ai/functions/common.schema.js';
import type { z } from 'zod';

/** Image prompts, with alt text and captions in the article's language when the sandbox has it. */
function localizedImagePrompts(input: z.output<typeof GenerateImagePromptsInputSchema>) {
  const out = sandboxImagePrompts(input);
  const locale = sandboxLocale(input.language);
  if (!locale) return out;
  const kw = normalizeKeyword(input.content.focusKeyword || input.content.title);
  return localizeImagePrompts(out, locale, kw, input.content.headings);
}

/** The text functions the sandbox answers, with the input schema it reads from the prompt. */
const GENERATORS = {
  auto_cluster: { schema: AutoClusterInputSchema, run: (i: never) => sandboxClusters(i) },
  generate_ideas: {
    schema: GenerateIdeasInputSchema,
    run: (i: never, seed: number) => sandboxIdeas(i, createRandom(seed)),
  },
  generate_content: {
    schema: GenerateContentInputSchema,
    run: (i: never, seed: number) => sandboxArticle(i, createRandom(seed)),
  },
  generate_image_prompts: {
    schema: GenerateImagePromptsInputSchema,
    run: (i: never) => localizedImagePrompts(i),
  },
  optimize_content: { schema: OptimizeContentInputSchema, run: (i: never) => sandboxOptimize(i) },
  suggest_links: { schema: SuggestLinksInputSchema, run: (i: never) => sandboxLinks(i) },
} as const;

export type SandboxTextFunction = keyof typeof GENERATORS;

export function isSandboxTextFunction(name: string | undefined): name is SandboxTextFunction {
  return name !== undefined && name in GENERATORS;
}

/** Inputs every function can fall back to when a custom prompt dropped the input block. */
function fallbackInput(fn: SandboxTextFunction, topic: string): unknown {
  const kw = topic || 'sample topic';
  const outline = {
    sections: [
      'Overview',
      'Why It Matters',
      'What You Need',
      'How to Start',
      'Common Mistakes',
      'Frequently Asked Questions',
    ].map((h) => ({
      heading: h,
      points: [`the essentials of ${kw}`],
      keywords: [],
    })),
  };
  switch (fn) {
    case 'auto_cluster':
      return {
        keywords: [kw, `${kw} tips`, `${kw} guide`, `best ${kw}`, `how to start ${kw}`].map((keyword) => ({
          keyword,
        })),
      };
    case 'generate_ideas':
      return {
        cluster: {
          name: kw,
          keywords: [{ keyword: kw }, { keyword: `${kw} tips` }, { keyword: `${kw} guide` }],
        },
        count: 3,
      };
    case 'generate_content':
      return {
        idea: {
          title: `${kw} guide`,
          outline,
          primaryKeywords: [kw],
          secondaryKeywords: [`${kw} tips`, `${kw} guide`],
          targetWords: 900,
        },
      };
    case 'generate_image_prompts':
      return {
        content: { title: `${kw} guide`, focusKeyword: kw, headings: outline.sections.map((s) => s.heading) },
        maxImages: 2,
      };
    case 'optimize_content':
      return { content: { title: `${kw} guide`, html: `<p>${kw}</p>`, focusKeyword: kw } };
    case 'suggest_links':
      return { article: { title: kw, text: kw, keywords: [] }, candidates: [], maxLinks: 3 };
  }
}

/** JSON blocks (```json … ```) in the user messages, first to last. */
function jsonBlocks(messages: Array<{ role: string; content: string }>): unknown[] {
  const out: unknown[] = [];
  for (const m of messages.filter((x) => x.role === 'user')) {
    for (const block of m.content.matchAll(/```json\s*\n([\s\S]*?)\n```/g)) {
      try {
        out.push(JSON.parse(block[1]!));
      } catch {
        // Not our block; keep looking.
      }
    }
  }
  return out;
}

/**
 * Answer a text function offline: read its input from the prompt's ```json block (every default
 * template carries one), generate a realistic, schema-valid answer seeded by the input, and return it.
 */
export function sandboxAnswer(
  fn: SandboxTextFunction,
  messages: Array<{ role: string; content: string }>,
  topic: string,
): unknown {
  const g = GENERATORS[fn];
  let input: unknown;
  for (const block of jsonBlocks(messages)) {
    const parsed = g.schema.safeParse(block);
    if (parsed.success) {
      input = parsed.data;
      break;
    }
  }
  input ??= g.schema.parse(fallbackInput(fn, topic));
  return g.run(input as never, seedFrom(`${fn}\n${JSON.stringify(input)}`));
}
