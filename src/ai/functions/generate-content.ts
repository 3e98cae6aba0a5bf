import type { z } from 'zod';
import type { Db } from '../../db/index.js';
import { Igny8Error } from '../../errors/index.js';
import type { Scope } from '../../tenancy/scope.js';
import { newId, nowIso, slugify } from '../../util/ids.js';
import { toJson } from '../../util/json.js';
import { countWords, headings, htmlToText } from '../../writer/html-text.js';
import { sanitizeArticleHtml } from '../../writer/sanitize-article.js';
import { defineTextFunction, type AiRunMeta } from '../ai-function.js';
import { allStructureGuides, getStructure } from '../structures.js';
import { AI_PHRASE_EXAMPLES } from '../ai-phrases.js';
import { inputJson, siteLine } from './common.schema.js';
import {
  GenerateContentInputSchema,
  GenerateContentOutputSchema,
  type GenerateContentOutput,
  type GeneratedContent,
} from './generate-content.schema.js';

type Input = z.output<typeof GenerateContentInputSchema>;

function issues(input: Input, out: GenerateContentOutput): string[] {
  const problems: string[] = [];
  const hs = headings(out.html);
  const h2 = hs.filter((h) => h.level === 2).length;
  const wanted = input.idea.outline.sections.length;
  if (hs.some((h) => h.level === 1))
    problems.push('html: must not contain <h1> (the title is the H1); use <h2> for sections');
  if (h2 < wanted - 1)
    problems.push(`html: follow the outline: ${wanted} <h2> sections expected, found ${h2}`);
  const words = countWords(htmlToText(out.html));
  // A half-length article is almost always a truncated answer.
  if (words < input.idea.targetWords * 0.5) {
    problems.push(
      `html: ${words} words is far below the target of about ${input.idea.targetWords}; write the full article`,
    );
  }
  return problems;
}

function finalize(input: Input, out: GenerateContentOutput): GeneratedContent {
  // The title is the page's H1: demote any stray H1 rather than lose its text in sanitizing.
  const html = sanitizeArticleHtml(out.html.replace(/<(\/?)h1(\s|>)/gi, '<$1h2$2'));
  const keywords = [...new Set([...input.idea.primaryKeywords, ...input.idea.secondaryKeywords])];
  return {
    ...out,
    html,
    slug: slugify(out.slug && out.slug.length > 2 ? out.slug : out.focusKeyword),
    wordCount: countWords(htmlToText(html)),
    keywords,
  };
}

export interface SavedContent {
  contentId: string;
  /** False when a content row for the task existed and was rewritten. */
  created: boolean;
}

/**
 * Save: insert the article as a draft (or rewrite the draft already made for the same task), with
 * provenance, and mark the task done. The idea, task and cluster come from the input ids.
 */
async function save(
  trx: Db,
  scope: Scope,
  input: Input,
  out: GeneratedContent,
  meta: AiRunMeta,
): Promise<SavedContent> {
  const task = input.taskId
    ? await trx
        .selectFrom('tasks')
        .selectAll()
        .where('account_id', '=', scope.accountId)
        .where('id', '=', input.taskId)
        .executeTakeFirst()
    : undefined;
  if (input.taskId && !task) throw new Igny8Error('TASK_NOT_FOUND', `Task ${input.taskId} not found`);
  const ideaId = task?.idea_id ?? input.ideaId;
  if (!ideaId) {
    throw new Igny8Error(
      'VALIDATION_FAILED',
      'generate_content: the input names no task or idea, so the article cannot be saved',
      {
        hint: 'Pass taskId (or ideaId) to save the article, or use the output without saving.',
      },
    );
  }
  const idea = await trx
    .selectFrom('ideas')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .where('id', '=', ideaId)
    .executeTakeFirst();
  if (!idea) throw new Igny8Error('IDEA_NOT_FOUND', `Idea ${ideaId} not found`);
  const now = nowIso();
  const values = {
    title: out.title,
    slug: out.slug,
    html: out.html,
    excerpt: out.excerpt,
    meta_title: out.metaTitle,
    meta_description: out.metaDescription,
    focus_keyword: out.focusKeyword,
    keywords: toJson(out.keywords),
    word_count: out.wordCount,
    seo_score: null,
    seo_report: null,
    provenance: toJson({
      provider: meta.provider,
      model: meta.model,
      tokensIn: meta.tokensIn,
      tokensOut: meta.tokensOut,
      credits: meta.credits,
      promptKey: meta.promptKey,
      promptVersion: meta.promptVersion,
      promptSource: meta.promptSource,
      sandbox: meta.sandbox,
      opId: meta.opId,
      structure: input.idea.structure,
    }),
    updated_at: now,
  };
  const existing = task
    ? await trx
        .selectFrom('contents')
        .select('id')
        .where('account_id', '=', scope.accountId)
        .where('task_id', '=', task.id)
        .executeTakeFirst()
    : undefined;
  let contentId = existing?.id;
  if (contentId) {
    await trx
      .updateTable('contents')
      .set(values)
      .where('account_id', '=', scope.accountId)
      .where('id', '=', contentId)
      .execute();
  } else {
    contentId = newId();
    await trx
      .insertInto('contents')
      .values({
        ...values,
        id: contentId,
        account_id: scope.accountId,
        site_id: idea.site_id,
        sector_id: idea.sector_id,
        task_id: task?.id ?? null,
        idea_id: idea.id,
        cluster_id: input.clusterId ?? idea.cluster_id,
        link_suggestions: null,
        status: 'draft',
        created_at: now,
      })
      .execute();
  }
  if (task) {
    await trx
      .updateTable('tasks')
      .set({ status: 'done', error: null, updated_at: now })
      .where('account_id', '=', scope.accountId)
      .where('id', '=', task.id)
      .execute();
  }
  return { contentId, created: !existing };
}

/** Idea (outline, keywords, structure) → sanitized HTML article with SEO meta. Saves the content + task status. */
export const generateContent = defineTextFunction({
  name: 'generate_content',
  kind: 'text',
  summary: "Write the article from the idea's outline and structure, with title, slug, excerpt and SEO meta.",
  promptKey: 'generate_content',
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
      avoid_phrases: AI_PHRASE_EXAMPLES.map((p) => `  - ${p}`),
      input_json: inputJson({ idea: input.idea, site: input.site }),
    };
  },
  // ~1.4 tokens per English word, plus HTML tags and the JSON envelope.
  maxOutputTokens: (input) => Math.ceil(input.idea.targetWords * 2) + 800,
  check: issues,
  finalize,
  save,
  object: (input) =>
    input.taskId
      ? { type: 'task', id: input.taskId }
      : input.ideaId
        ? { type: 'idea', id: input.ideaId }
        : undefined,
});
