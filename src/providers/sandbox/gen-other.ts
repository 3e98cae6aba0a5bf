import type { z } from 'zod';
import { normalizeKeyword } from '../../ai/functions/common.schema.js';
import type {
  GenerateImagePromptsInputSchema,
  GenerateImagePromptsOutput,
} from '../../ai/functions/generate-image-prompts.schema.js';
import type {
  OptimizeContentInputSchema,
  OptimizeContentOutput,
} from '../../ai/functions/optimize-content.schema.js';
import { anchorInText } from '../../ai/functions/suggest-links.js';
import type { SuggestLinksInputSchema, SuggestLinksOutput } from '../../ai/functions/suggest-links.schema.js';
import { findAiPhrases, scrubAiPhrasing } from '../../ai/ai-phrases.js';
import { htmlToText } from '../../writer/html-text.js';
import { metaDescriptionFor, metaTitleFor, SANDBOX_LABEL } from './article-meta.js';
import { capitalize, clip, keywordParts, titleCase } from './sandbox-words.js';

const NEGATIVE =
  'text, letters, watermark, logo, blurry, distorted, extra fingers, low quality, oversaturated';

/** One featured image for the whole article and one inline image per section, in order. */
export function sandboxImagePrompts(
  input: z.output<typeof GenerateImagePromptsInputSchema>,
): GenerateImagePromptsOutput {
  const { content } = input;
  const kw = normalizeKeyword(content.focusKeyword || content.title);
  const subject = keywordParts(kw).subject;
  const style = input.style?.trim() || 'natural light, realistic editorial photography';
  const featured = {
    role: 'featured' as const,
    position: 0,
    prompt: clip(
      `Wide editorial photograph for an article titled "${content.title}": ${subject} in a bright, welcoming setting, soft daylight, clean composition. Style: ${style}. (igny8 sandbox sample)`,
      1000,
    ),
    negativePrompt: NEGATIVE,
    alt: clip(`${capitalize(kw)} in a bright, natural setting`, 200),
    caption: clip(content.title, 200),
  };
  const inline = Array.from({ length: input.maxImages }, (_, i) => {
    const heading = content.headings[i]?.replace(/^\d+\.\s*/, '') ?? `${titleCase(subject)}, detail ${i + 1}`;
    return {
      role: 'inline' as const,
      position: i + 1,
      prompt: clip(
        `Photograph illustrating "${heading}" for an article about ${subject}: close-up detail, natural light, realistic. Style: ${style}. (igny8 sandbox sample)`,
        1000,
      ),
      negativePrompt: NEGATIVE,
      alt: clip(`${heading}: ${subject}`, 200),
      caption: clip(heading, 200),
    };
  });
  return { images: [featured, ...inline] };
}

/** Scrub tell-tale phrasing, put the focus keyword where SEO wants it, and rebuild the meta. */
const escapeText = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A refresh's missing queries: one short section each (citing the first source passage when given). */
function addSandboxSections(
  html: string,
  input: z.output<typeof OptimizeContentInputSchema>,
  changes: string[],
): string {
  let out = html;
  const headings = [...html.matchAll(/<h[2-4][^>]*>([\s\S]*?)<\/h[2-4]>/gi)].map((m) =>
    normalizeKeyword(htmlToText(m[1]!)),
  );
  const src = input.sources?.[0];
  for (const q of input.addSections ?? []) {
    const kw = normalizeKeyword(q);
    if (headings.some((h) => h.includes(kw))) continue;
    const fact = src ? ` ${clip(src.text.replace(/\s+/g, ' '), 200)} [${src.n}]` : '';
    out += `\n<h2>${escapeText(capitalize(q))}</h2>\n<p>What people searching for ${escapeText(q)} want to know, in short.${escapeText(fact)}</p>`;
    changes.push(`Added a section for "${clip(q, 80)}".`);
  }
  return out;
}

export function sandboxOptimize(input: z.output<typeof OptimizeContentInputSchema>): OptimizeContentOutput {
  const c = input.content;
  const kw = normalizeKeyword(c.focusKeyword);
  const structure = keywordParts(kw).structure;
  const before = findAiPhrases(htmlToText(c.html));
  let html = scrubAiPhrasing(c.html);
  const changes: string[] = ['(igny8 sandbox sample) Optimized without a model: rules only.'];
  if (before.length)
    changes.push(`Replaced ${before.length} tell-tale phrase(s): ${clip(before.join('; '), 200)}`);
  const first = /<p[^>]*>([\s\S]*?)<\/p>/i.exec(html);
  if (first && !htmlToText(first[1]!).toLowerCase().includes(kw)) {
    html = html.replace(first[0], first[0].replace(/<p([^>]*)>/i, `<p$1>This article is about ${kw}. `));
    changes.push('Added the focus keyword to the first paragraph.');
  }
  html = addSandboxSections(html, input, changes);
  if (!html.includes(SANDBOX_LABEL)) html = `${SANDBOX_LABEL}\n${html}`;
  let title = c.title.trim();
  if (!title.toLowerCase().includes(kw)) {
    title = clip(`${titleCase(kw)}: ${title}`, 120);
    changes.push('Put the focus keyword in the title.');
  }
  const metaTitle = metaTitleFor(kw, structure);
  const metaDescription = metaDescriptionFor(kw, structure);
  if (metaTitle !== c.metaTitle)
    changes.push(`Rewrote the meta title around the focus keyword (${metaTitle.length} characters).`);
  if (metaDescription !== c.metaDescription)
    changes.push(`Rewrote the meta description (${metaDescription.length} characters).`);
  const excerpt =
    c.excerpt && c.excerpt.length >= 20 ? clip(c.excerpt, 320) : clip(htmlToText(first?.[1] ?? html), 300);
  return {
    title: title.length >= 10 ? title : `${title}: ${titleCase(kw)}`,
    html,
    metaTitle,
    metaDescription,
    excerpt,
    changes: changes.slice(0, 20),
  };
}

/** Phrases of a candidate a reader would click: its keywords, then 4- to 2-word runs of its title. */
function anchorsOf(c: { title: string; focusKeyword?: string | null; keywords: string[] }): string[] {
  const words = c.title
    .replace(/[^\p{L}\p{N}\s'-]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
  const runs: string[] = [];
  for (let n = Math.min(4, words.length); n >= 2; n--)
    for (let i = 0; i + n <= words.length; i++) runs.push(words.slice(i, i + n).join(' '));
  return [...(c.focusKeyword ? [c.focusKeyword] : []), ...c.keywords, ...runs]
    .map((a) => a.trim())
    .filter((a) => a.length >= 2 && a.length <= 80);
}

/** One link per related candidate (most shared keywords first), anchored on a phrase the article already has. */
export function sandboxLinks(input: z.output<typeof SuggestLinksInputSchema>): SuggestLinksOutput {
  const mine = new Set(
    [...(input.article.focusKeyword ? [input.article.focusKeyword] : []), ...input.article.keywords].map(
      normalizeKeyword,
    ),
  );
  const shared = (c: (typeof input.candidates)[number]) =>
    [...(c.focusKeyword ? [c.focusKeyword] : []), ...c.keywords].filter((k) => mine.has(normalizeKeyword(k)))
      .length;
  const used = new Set<string>();
  const links: SuggestLinksOutput['links'] = [];
  const selfId = input.article.id ?? input.contentId;
  for (const c of [...input.candidates]
    .filter((x) => x.id !== selfId)
    .sort((a, b) => shared(b) - shared(a) || a.title.localeCompare(b.title))) {
    if (links.length >= input.maxLinks) break;
    const phrase = anchorsOf(c).find(
      (a) =>
        !used.has(normalizeKeyword(a)) &&
        normalizeKeyword(a) !== normalizeKeyword(input.article.focusKeyword ?? '') &&
        anchorInText(input.article.text, a),
    );
    if (!phrase) continue;
    // Copy the phrase as the article writes it.
    const at = input.article.text.toLowerCase().indexOf(phrase.toLowerCase());
    const anchor = at >= 0 ? input.article.text.slice(at, at + phrase.length) : phrase;
    used.add(normalizeKeyword(anchor));
    links.push({
      targetId: c.id,
      anchor,
      reason: clip(`(igny8 sandbox) Readers interested in "${anchor}" will find more in "${c.title}".`, 200),
    });
  }
  return { links };
}
