import type { z } from 'zod';
import { normalizeKeyword } from '../../ai/functions/common.schema.js';
import type {
  GenerateContentInputSchema,
  GenerateContentOutput,
} from '../../ai/functions/generate-content.schema.js';
import type { GenerateIdeasOutput } from '../../ai/functions/generate-ideas.schema.js';
import type { GenerateImagePromptsOutput } from '../../ai/functions/generate-image-prompts.schema.js';
import { slugify } from '../../util/ids.js';
import { countWords } from '../../writer/html-text.js';
import { SANDBOX_LABEL } from './article-meta.js';
import type { SandboxRandom } from './sandbox-random.js';
import { fillLocale, type SandboxLocale } from './sandbox-locales.js';
import { clip, escapeHtml } from './sandbox-words.js';

type ContentInput = z.output<typeof GenerateContentInputSchema>;

/** The English sample ideas with their titles, briefs and outline headings in the site's language. */
export function localizeIdeas(out: GenerateIdeasOutput, loc: SandboxLocale): GenerateIdeasOutput {
  const ideas = out.ideas.map((idea, n) => {
    const kw = idea.primaryKeywords[0]!;
    const count = idea.outline.sections.length;
    // The body headings first, then the FAQ and the conclusion (the locale's last two).
    const body = loc.headings.slice(0, -2);
    const headings = [...body.slice(0, count - 2), ...loc.headings.slice(-2)];
    const sections = idea.outline.sections.map((s, i) => ({
      ...s,
      heading: clip(fillLocale(headings[i]!, kw), 140),
      points: [fillLocale(loc.sentences[i % loc.sentences.length]!, kw)],
    }));
    const title = fillLocale(loc.title, kw);
    return {
      ...idea,
      title: clip(
        n > 0 && title === fillLocale(loc.title, out.ideas[0]!.primaryKeywords[0]!)
          ? `${title} (${n + 1})`
          : title,
        120,
      ),
      brief: clip(fillLocale(loc.brief, kw), 800),
      outline: { sections },
    };
  });
  return { ideas };
}

/**
 * A sandbox article in the site's language, following the idea's outline: an intro with the focus
 * keyword, one H2 per section, a list, a table and a FAQ, padded with sentences to about the
 * target length counted the way the language counts words.
 */
export function localizedArticle(
  input: ContentInput,
  loc: SandboxLocale,
  language: string,
  random: SandboxRandom,
): GenerateContentOutput {
  const { idea } = input;
  const kw = normalizeKeyword(idea.primaryKeywords[0]!);
  const fill = (t: string) => fillLocale(t, kw);
  const intro = loc.intro.map(fill);
  const sections = idea.outline.sections.map((sec, i) => {
    const paras: string[][] = [[...sec.points.slice(0, 2), fill(random.pick(loc.sentences))]];
    const extra: string[] = [];
    if (i === 1) extra.push(`<ul>${loc.listItems.map((x) => `<li>${escapeHtml(x)}</li>`).join('')}</ul>`);
    if (i === 2)
      extra.push(
        `<table><tbody>${loc.table
          .map(([a, b]) => `<tr><td>${escapeHtml(a)}</td><td>${escapeHtml(b)}</td></tr>`)
          .join('')}</tbody></table>`,
      );
    if (i === idea.outline.sections.length - 2)
      extra.push(
        loc.faq.map(([q, a]) => `<h3>${escapeHtml(fill(q))}</h3>\n<p>${escapeHtml(fill(a))}</p>`).join('\n'),
      );
    return { heading: sec.heading, paras, extra };
  });
  const last = sections[sections.length - 1]!;
  last.paras.push([fill(loc.closing)]);

  const text = () =>
    [intro, ...sections.flatMap((s) => [[s.heading], ...s.paras])].map((p) => p.join(loc.join)).join('\n');
  const target = Math.round(idea.targetWords * 0.98);
  let total = countWords(text(), language);
  for (let guard = 0; total < target && guard < 5000; guard++) {
    const section = sections[guard % sections.length]!;
    let p = section.paras[section.paras.length - 1]!;
    if (p.length >= 6) section.paras.push((p = []));
    const s = fill(random.pick(loc.sentences));
    p.push(s);
    total += countWords(s, language);
  }

  const para = (p: string[]) => `<p>${escapeHtml(p.join(loc.join))}</p>`;
  const html = [
    SANDBOX_LABEL,
    para(intro),
    ...sections.map((s) =>
      [
        `<h2>${escapeHtml(s.heading)}</h2>`,
        para(s.paras[0]!),
        ...s.extra,
        ...s.paras.slice(1).map(para),
      ].join('\n'),
    ),
  ].join('\n');
  return {
    title: clip(idea.title.length >= 10 ? idea.title : fill(loc.title), 120),
    slug: slugify(kw, language),
    excerpt: clip(intro.join(loc.join), 300),
    metaTitle: clip(fill(loc.metaTitle), 60),
    metaDescription: clip(fill(loc.metaDescription), 160),
    focusKeyword: kw,
    html,
  };
}

/** Alt text and captions in the article's language (the image prompts themselves stay English). */
export function localizeImagePrompts(
  out: GenerateImagePromptsOutput,
  loc: SandboxLocale,
  kw: string,
  headings: string[],
): GenerateImagePromptsOutput {
  return {
    ...out,
    images: out.images.map((img) => {
      const heading = img.position > 0 ? (headings[img.position - 1] ?? kw) : kw;
      return {
        ...img,
        alt: clip(
          img.position === 0 ? fillLocale(loc.altFeatured, kw) : fillLocale(loc.altInline, kw, heading),
          200,
        ),
        caption: clip(heading, 200),
      };
    }),
  };
}
