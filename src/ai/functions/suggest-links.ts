import type { z } from 'zod';
import { defineTextFunction } from '../ai-function.js';
import { inputJson, normalizeKeyword } from './common.schema.js';
import {
  SuggestLinksInputSchema,
  SuggestLinksOutputSchema,
  type LinkCandidate,
  type SuggestedLink,
  type SuggestLinksOutput,
} from './suggest-links.schema.js';
import { PROMPT_REQUIRED_VARIABLES } from './prompt-variables.js';

type Input = z.output<typeof SuggestLinksInputSchema>;

const keywordSet = (focus: string | null | undefined, keywords: string[]) =>
  new Set([...(focus ? [focus] : []), ...keywords].map(normalizeKeyword));

/**
 * The candidates a link may point at: other articles in the same cluster or sharing a keyword.
 * Everything else is never shown to the model and never linked (no links to unrelated pages).
 */
export function relatedCandidates(input: Input): LinkCandidate[] {
  const mine = keywordSet(input.article.focusKeyword, input.article.keywords);
  const selfId = input.article.id ?? input.contentId;
  return input.candidates.filter((c) => {
    if (c.id === selfId) return false;
    if (input.article.clusterId && c.clusterId === input.article.clusterId) return true;
    return [...keywordSet(c.focusKeyword, c.keywords)].some((k) => mine.has(k));
  });
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Whether `anchor` occurs in `text` as whole words (what applyLinks will look for). */
export const anchorInText = (text: string, anchor: string) =>
  new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRe(anchor.trim())}($|[^\\p{L}\\p{N}])`, 'iu').test(text);

function issues(input: Input, out: SuggestLinksOutput): string[] {
  const allowed = new Set(relatedCandidates(input).map((c) => c.id));
  const problems: string[] = [];
  if (out.links.length > input.maxLinks)
    problems.push(`links: at most ${input.maxLinks} links, got ${out.links.length}`);
  const targets = new Set<string>();
  const anchors = new Set<string>();
  out.links.forEach((l, i) => {
    if (!allowed.has(l.targetId))
      problems.push(`links.${i}.targetId: "${l.targetId}" is not one of the candidate ids`);
    if (targets.has(l.targetId))
      problems.push(`links.${i}: a second link to ${l.targetId}; one link per target`);
    targets.add(l.targetId);
    const a = normalizeKeyword(l.anchor);
    if (anchors.has(a)) problems.push(`links.${i}.anchor: "${l.anchor}" is used twice; vary the anchors`);
    anchors.add(a);
    if (!anchorInText(input.article.text, l.anchor)) {
      problems.push(
        `links.${i}.anchor: "${l.anchor}" does not occur in the article text; copy a phrase exactly`,
      );
    }
  });
  return problems;
}

/** Keep only links that are valid on their own; order and the limit are kept. */
function fix(input: Input, out: SuggestLinksOutput): SuggestLinksOutput {
  const allowed = new Set(relatedCandidates(input).map((c) => c.id));
  const targets = new Set<string>();
  const anchors = new Set<string>();
  const links = out.links.filter((l) => {
    const a = normalizeKeyword(l.anchor);
    if (!allowed.has(l.targetId) || targets.has(l.targetId) || anchors.has(a)) return false;
    if (!anchorInText(input.article.text, l.anchor)) return false;
    targets.add(l.targetId);
    anchors.add(a);
    return true;
  });
  return { links: links.slice(0, input.maxLinks) };
}

function finalize(input: Input, out: SuggestLinksOutput): { links: SuggestedLink[] } {
  const byId = new Map(input.candidates.map((c) => [c.id, c]));
  return {
    links: out.links.map((l) => {
      const c = byId.get(l.targetId)!;
      return {
        targetContentId: c.id,
        targetTitle: c.title,
        anchor: l.anchor,
        href: c.url || `/${c.slug ?? c.id}/`,
        reason: l.reason,
      };
    }),
  };
}

/** Article + related siblings → ≤ N internal links with varied anchors. The writer saves them (saveSuggestedLinks). */
export const suggestLinks = defineTextFunction({
  name: 'suggest_links',
  kind: 'text',
  summary:
    'Propose internal links to related articles (same cluster or shared keywords) with varied anchors.',
  promptKey: 'suggest_links',
  requiredVariables: PROMPT_REQUIRED_VARIABLES.suggest_links,
  input: SuggestLinksInputSchema,
  output: SuggestLinksOutputSchema,
  minimumCredits: 1,
  promptVars: (input) => ({
    max_links: input.maxLinks,
    article_title: input.article.title,
    input_json: inputJson({
      article: input.article,
      candidates: relatedCandidates(input).map((c) => ({
        id: c.id,
        title: c.title,
        focusKeyword: c.focusKeyword ?? null,
        keywords: c.keywords,
      })),
      maxLinks: input.maxLinks,
    }),
  }),
  maxOutputTokens: (input) => 250 + input.maxLinks * 120,
  check: issues,
  fix,
  finalize,
  skip: (input) => (relatedCandidates(input).length === 0 ? { links: [] } : undefined),
  object: (input) => {
    const id = input.contentId ?? input.article.id;
    return id ? { type: 'content', id } : undefined;
  },
});
