import type { z } from 'zod';
import { normalizeKeyword } from '../../ai/functions/common.schema.js';
import type {
  GenerateContentInputSchema,
  GenerateContentOutput,
} from '../../ai/functions/generate-content.schema.js';
import { countWords, htmlToText } from '../../writer/html-text.js';
import { slugify } from '../../util/ids.js';
import { elementFor, faqHtml, listHtml, prosConsHtml, stepsHtml, tableHtml } from './article-blocks.js';
import { metaDescriptionFor, metaTitleFor, SANDBOX_LABEL } from './article-meta.js';
import {
  CLOSING,
  INTRO,
  INTRO_FOLLOW,
  INTRO_QUESTION,
  keywordLine,
  pickFilled,
  pointSentences,
  sentence,
  type TextContext,
} from './article-text.js';
import { localizedArticle } from './gen-localized.js';
import { sandboxLocale } from './sandbox-locales.js';
import type { SandboxRandom } from './sandbox-random.js';
import { clip, escapeHtml, keywordParts, titleCase } from './sandbox-words.js';

type Input = z.output<typeof GenerateContentInputSchema>;

type Block = { kind: 'p'; sentences: string[] } | { kind: 'html'; html: string };

interface Section {
  heading: string;
  blocks: Block[];
}

const words = (b: Block) =>
  b.kind === 'p' ? countWords(b.sentences.join(' ')) : countWords(htmlToText(b.html));
const render = (b: Block) => (b.kind === 'p' ? `<p>${escapeHtml(b.sentences.join(' '))}</p>` : b.html);

/**
 * The sandbox grounds a section the way a model should: a claim taken from each passage supplied for
 * it (its first sentence, shortened), cited with the passage's number.
 */
function groundedSentences(sources: Input['sources'], section: number): string[] {
  return sources
    .filter((p) => p.sections.includes(section))
    .slice(0, 2)
    .map((p) => {
      const first = p.text
        .replace(/\[\d[\d,;\s]*\]/g, '')
        .split(/(?<=[.!?])\s+/)[0]!
        .trim();
      const claim = first
        .split(/\s+/)
        .slice(0, 30)
        .join(' ')
        .replace(/[.!?,;:]*$/, '');
      return `${claim} [${p.n}].`;
    });
}

/**
 * A sandbox article that follows the idea's outline: an intro with the focus keyword, one H2 per
 * outline section (its points in the prose, its keywords used), the element each section calls for
 * (steps, lists, a table, pros and cons, FAQ), padded with plain sentences to about the target length.
 */
export function sandboxArticle(input: Input, random: SandboxRandom): GenerateContentOutput {
  const locale = sandboxLocale(input.site?.language);
  if (locale) return localizedArticle(input, locale, input.site!.language!, random);
  const { idea } = input;
  const kw = normalizeKeyword(idea.primaryKeywords[0]!);
  const parts = keywordParts(kw);
  const ctx: TextContext = { random, subject: parts.subject, kw };
  const headings = idea.outline.sections.map((s) => s.heading);
  const secondary = idea.secondaryKeywords.map(normalizeKeyword);

  const intro: Block = {
    kind: 'p',
    sentences: [
      pickFilled(
        ctx,
        /^(how|what|why|when|where|which|who|can|is|are|do|does|should)\b/.test(kw) ? INTRO_QUESTION : INTRO,
      ),
      pickFilled(ctx, INTRO_FOLLOW),
      sentence(ctx),
    ],
  };
  const overview: Block = {
    kind: 'p',
    sentences: [
      `In this article you will find ${headings
        .slice(0, 3)
        .map((h) => h.replace(/^\d+\.\s*/, '').toLowerCase())
        .join(', ')} and more.`,
    ],
  };

  const sections: Section[] = idea.outline.sections.map((sec, i) => {
    const element = elementFor(sec.heading);
    const lead: Block = {
      kind: 'p',
      sentences: [
        ...sec.points.slice(0, 2).flatMap((p) => pointSentences(ctx, p)),
        ...groundedSentences(input.sources, i),
        sentence(ctx),
      ],
    };
    for (const k of sec.keywords.map(normalizeKeyword))
      if (k !== kw) lead.sentences.push(keywordLine(ctx, k));
    const blocks: Block[] = [lead];
    if (element === 'list') blocks.push({ kind: 'html', html: listHtml(ctx, sec.points) });
    if (element === 'steps') blocks.push({ kind: 'html', html: stepsHtml(ctx) });
    if (element === 'table')
      blocks.push({ kind: 'html', html: tableHtml(ctx, idea.structure, headings, parts) });
    if (element === 'pros-cons') blocks.push({ kind: 'html', html: prosConsHtml(ctx) });
    if (element === 'faq') blocks.push({ kind: 'html', html: faqHtml(ctx, [...sec.keywords, ...secondary]) });
    const rest = sec.points.slice(2);
    if (rest.length)
      blocks.push({ kind: 'p', sentences: [...rest.flatMap((p) => pointSentences(ctx, p)), sentence(ctx)] });
    return { heading: sec.heading, blocks };
  });

  // Every article carries at least one list and one table (the SEO and structure bars ask for both).
  const htmlOf = () =>
    sections
      .flatMap((s) => s.blocks)
      .filter((b) => b.kind === 'html')
      .map((b) => (b as { html: string }).html)
      .join('');
  if (!/<(ul|ol)>/.test(htmlOf()))
    sections[Math.min(1, sections.length - 1)]!.blocks.push({
      kind: 'html',
      html: listHtml(ctx, idea.outline.sections[1]?.points ?? []),
    });
  if (!/<table>/.test(htmlOf()))
    sections[Math.min(2, sections.length - 1)]!.blocks.splice(1, 0, {
      kind: 'html',
      html: tableHtml(ctx, idea.structure, headings, parts),
    });
  sections[sections.length - 1]!.blocks.push({
    kind: 'p',
    sentences: [pickFilled(ctx, CLOSING), sentence(ctx)],
  });

  // Pad to about the target: sentences go to the shortest paragraph; long ones split in two.
  const all = () => [intro, overview, ...sections.flatMap((s) => s.blocks)];
  let total =
    all().reduce((n, b) => n + words(b), 0) + sections.reduce((n, s) => n + countWords(s.heading), 0);
  const target = Math.round(idea.targetWords * 0.98);
  for (let guard = 0; total < target && guard < 5000; guard++) {
    const section = sections[guard % sections.length]!;
    const paras = section.blocks.filter((b): b is Extract<Block, { kind: 'p' }> => b.kind === 'p');
    let p = paras.sort((a, b) => a.sentences.length - b.sentences.length)[0]!;
    if (p.sentences.length >= 6) {
      p = { kind: 'p', sentences: [] };
      section.blocks.splice(section.blocks.length - 1, 0, p);
    }
    const s = sentence(ctx);
    p.sentences.push(s);
    total += countWords(s);
  }

  const body = [
    SANDBOX_LABEL,
    render(intro),
    render(overview),
    ...sections.map((s) => `<h2>${escapeHtml(s.heading)}</h2>\n${s.blocks.map(render).join('\n')}`),
  ].join('\n');
  const title = idea.title.toLowerCase().includes(kw)
    ? idea.title
    : clip(`${titleCase(kw)}: ${idea.title}`, 120);
  return {
    title: clip(title, 120),
    slug: slugify(kw),
    excerpt: clip(intro.sentences.slice(0, 2).join(' '), 300),
    metaTitle: metaTitleFor(kw, idea.structure),
    metaDescription: metaDescriptionFor(kw, idea.structure),
    focusKeyword: kw,
    html: body,
  };
}
