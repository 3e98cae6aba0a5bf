import type { z } from 'zod';
import { countWords, htmlToText } from '../../writer/html-text.js';
import { sanitizeArticleHtml } from '../../writer/sanitize-article.js';
import { bannedPhraseIssues, removeBannedPhrases } from '../../writer/voice-guide.js';
import { defineTextFunction } from '../ai-function.js';
import { AI_PHRASE_EXAMPLES, findAiPhrases, scrubAiPhrasing } from '../ai-phrases.js';
import { inputJson } from './common.schema.js';
import {
  OptimizeContentInputSchema,
  OptimizeContentOutputSchema,
  type OptimizeContentOutput,
  type OptimizedContent,
} from './optimize-content.schema.js';
import { PROMPT_REQUIRED_VARIABLES } from './prompt-variables.js';

type Input = z.output<typeof OptimizeContentInputSchema>;

function issues(input: Input, out: OptimizeContentOutput): string[] {
  const problems: string[] = [];
  const left = findAiPhrases(htmlToText(out.html));
  if (left.length) problems.push(`html: still uses tell-tale phrasing: ${left.slice(0, 8).join('; ')}`);
  if (/<h1[\s>]/i.test(out.html)) problems.push('html: must not contain <h1>');
  const before = countWords(htmlToText(input.content.html));
  const after = countWords(htmlToText(out.html));
  if (before > 200 && after < before * 0.6) {
    problems.push(`html: the rewrite has ${after} words of the original ${before}; return the whole article`);
  }
  problems.push(
    ...bannedPhraseIssues([out.title, htmlToText(out.html), out.metaTitle, out.metaDescription], input.style),
  );
  return problems;
}

/** After the repair: scrub what phrasing is left ourselves rather than fail the call. */
function fix(input: Input, out: OptimizeContentOutput): OptimizeContentOutput {
  const html = scrubAiPhrasing(out.html);
  const style = input.style;
  if (!style?.bannedPhrases.length) return { ...out, html };
  const clean = (s: string) => removeBannedPhrases(s, style.bannedPhrases, style.preferredTerms).trim();
  return {
    ...out,
    title: clean(out.title),
    html: clean(html),
    metaTitle: clean(out.metaTitle),
    metaDescription: clean(out.metaDescription),
  };
}

function finalize(_input: Input, out: OptimizeContentOutput): OptimizedContent {
  const html = sanitizeArticleHtml(scrubAiPhrasing(out.html));
  return { ...out, html, wordCount: countWords(htmlToText(html)) };
}

/** Article → SEO rewrite with tell-tale AI phrasing scrubbed. The writer saves it (saveOptimizedContent). */
export const optimizeContent = defineTextFunction({
  name: 'optimize_content',
  kind: 'text',
  summary: 'Rewrite an article for SEO and scrub tell-tale AI phrasing.',
  promptKey: 'optimize_content',
  requiredVariables: PROMPT_REQUIRED_VARIABLES.optimize_content,
  input: OptimizeContentInputSchema,
  output: OptimizeContentOutputSchema,
  minimumCredits: 1,
  promptVars: (input) => ({
    focus_keyword: input.content.focusKeyword,
    word_count: countWords(htmlToText(input.content.html)),
    banned_phrases: [...AI_PHRASE_EXAMPLES, ...(input.style?.bannedPhrases ?? [])].map((p) => `- ${p}`),
    voice: input.voice?.trim() || "(keep the article's current voice)",
    goals: input.goals?.trim() || '(none beyond the rules above)',
    // A refresh's extra inputs are sent only when given: other rewrites keep their exact prompt.
    input_json: inputJson({
      content: input.content,
      ...(input.addSections?.length ? { addSections: input.addSections } : {}),
      ...(input.sources?.length ? { sources: input.sources } : {}),
    }),
  }),
  maxOutputTokens: (input) => Math.ceil(countWords(htmlToText(input.content.html)) * 2.2) + 800,
  check: issues,
  fix,
  finalize,
  object: (input) => (input.contentId ? { type: 'content', id: input.contentId } : undefined),
});
