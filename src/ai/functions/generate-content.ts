import type { z } from 'zod';
import { slugify } from '../../util/ids.js';
import { countWords, headings, htmlToText } from '../../writer/html-text.js';
import { sanitizeArticleHtml } from '../../writer/sanitize-article.js';
import { applyCitations, citationProblems } from '../../kb/grounding.js';
import { bannedPhraseIssues, removeBannedPhrases } from '../../writer/voice-guide.js';
import { defineTextFunction } from '../ai-function.js';
import { allStructureGuides, getStructure } from '../structures.js';
import { AI_PHRASE_EXAMPLES } from '../ai-phrases.js';
import { inputJson, siteLine } from './common.schema.js';
import {
  GenerateContentInputSchema,
  GenerateContentOutputSchema,
  type GenerateContentOutput,
  type GeneratedContent,
} from './generate-content.schema.js';
import { PROMPT_REQUIRED_VARIABLES } from './prompt-variables.js';

type Input = z.output<typeof GenerateContentInputSchema>;

/** What the prompt says about sources: cite the supplied passages, or write without citations. */
function groundingRules(count: number): string {
  if (count === 0)
    return 'Sources: none were supplied for this article. Write without citations; never use numbered brackets such as [1].';
  return [
    `Sources: the idea JSON carries ${count} numbered source passages ("sources"; each lists the outline sections it was found for).`,
    'Ground factual claims (numbers, steps, specifications, recommendations) in those passages and cite each one right after the sentence that uses it, with its number in square brackets, e.g. "Steep it for 12 hours [2]." Cite several as [1, 3].',
    'Cite only the numbers supplied, and only for what the passage says. Do not write a Sources or References list and no links: igny8 appends the list itself.',
  ].join('\n');
}

function issues(input: Input, out: GenerateContentOutput): string[] {
  const problems: string[] = [];
  const hs = headings(out.html);
  const h2 = hs.filter((h) => h.level === 2).length;
  const wanted = input.idea.outline.sections.length;
  if (hs.some((h) => h.level === 1))
    problems.push('html: must not contain <h1> (the title is the H1); use <h2> for sections');
  if (h2 < wanted - 1)
    problems.push(`html: follow the outline: ${wanted} <h2> sections expected, found ${h2}`);
  const words = countWords(htmlToText(out.html), input.site?.language);
  // A half-length article is almost always a truncated answer.
  if (words < input.idea.targetWords * 0.5) {
    problems.push(
      `html: ${words} words is far below the target of about ${input.idea.targetWords}; write the full article`,
    );
  }
  // Citations must point at passages we supplied (repaired once, then the item fails).
  problems.push(...citationProblems(out.html, input.sources));
  problems.push(
    ...bannedPhraseIssues(
      [out.title, htmlToText(out.html), out.metaTitle, out.metaDescription, out.excerpt],
      input.style,
    ),
  );
  return problems;
}

/**
 * After the one repair call: a banned phrase still there is replaced by its preferred term, or
 * dropped, rather than failing an article the reader would otherwise get (the check runs again).
 */
function fix(input: Input, out: GenerateContentOutput): GenerateContentOutput {
  const style = input.style;
  if (!style?.bannedPhrases.length) return out;
  const clean = (s: string) => removeBannedPhrases(s, style.bannedPhrases, style.preferredTerms).trim();
  return {
    ...out,
    title: clean(out.title),
    html: clean(out.html),
    metaTitle: clean(out.metaTitle),
    metaDescription: clean(out.metaDescription),
    excerpt: clean(out.excerpt),
  };
}

function finalize(input: Input, out: GenerateContentOutput): GeneratedContent {
  // The title is the page's H1: demote any stray H1 rather than lose its text in sanitizing.
  const sanitized = sanitizeArticleHtml(out.html.replace(/<(\/?)h1(\s|>)/gi, '<$1h2$2'));
  // Renumber the citations by first appearance and append the Sources list from the knowledge base.
  const { html, grounding } = applyCitations(
    sanitized,
    input.sources.map((p) => ({ ...p, url: p.url ?? null, heading: p.heading ?? null })),
    input.groundingReason ?? 'no-knowledge-base',
  );
  const keywords = [...new Set([...input.idea.primaryKeywords, ...input.idea.secondaryKeywords])];
  return {
    ...out,
    html,
    slug: slugify(out.slug && out.slug.length > 2 ? out.slug : out.focusKeyword, input.site?.language),
    wordCount: countWords(htmlToText(html), input.site?.language),
    keywords,
    grounding,
  };
}

/** Idea (outline, keywords, structure) → sanitized HTML article with SEO meta. The writer saves it (saveGeneratedDraft). */
export const generateContent = defineTextFunction({
  name: 'generate_content',
  kind: 'text',
  summary: "Write the article from the idea's outline and structure, with title, slug, excerpt and SEO meta.",
  promptKey: 'generate_content',
  requiredVariables: PROMPT_REQUIRED_VARIABLES.generate_content,
  input: GenerateContentInputSchema,
  output: GenerateContentOutputSchema,
  minimumCredits: 3,
  promptVars: (input) => {
    const structure = getStructure(input.idea.structure);
    return {
      title: input.idea.title,
      focus_keyword: input.idea.primaryKeywords[0]!,
      target_words: input.idea.targetWords,
      section_count: input.idea.outline.sections.length,
      structure_name: structure.name,
      structure_guides: allStructureGuides(),
      site_context: siteLine(input.site),
      voice: input.voice?.trim() || 'Clear, friendly and practical; second person; short sentences; no hype.',
      grounding: groundingRules(input.sources.length),
      avoid_phrases: AI_PHRASE_EXAMPLES.map((p) => `  - ${p}`),
      input_json: inputJson({
        idea: input.idea,
        site: input.site,
        ...(input.sources.length
          ? {
              sources: input.sources.map(({ n, title, url, heading, text, sections }) => ({
                n,
                title,
                url,
                heading,
                text,
                sections,
              })),
            }
          : {}),
      }),
    };
  },
  // ~1.4 tokens per English word, plus HTML tags and the JSON envelope.
  maxOutputTokens: (input) => Math.ceil(input.idea.targetWords * 2) + 800,
  check: issues,
  fix,
  finalize,
  object: (input) =>
    input.taskId
      ? { type: 'task', id: input.taskId }
      : input.ideaId
        ? { type: 'idea', id: input.ideaId }
        : undefined,
});
