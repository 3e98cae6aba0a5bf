import type { Db } from '../db/index.js';
import { Igny8Error } from '../errors/index.js';
import type { Scope } from '../tenancy/scope.js';
import { newId, nowIso } from '../util/ids.js';
import { toJson } from '../util/json.js';
import { findIdea } from '../planner/ideas.repository.js';
import { findContentByTask, insertContent, updateContent } from './contents.repository.js';
import { findTask, markTaskDone } from './tasks.repository.js';

/** A written article as the writer stores it; the AI function that wrote it says where it came from. */
export interface DraftArticle {
  title: string;
  slug: string;
  html: string;
  excerpt: string | null;
  metaTitle: string | null;
  metaDescription: string | null;
  focusKeyword: string | null;
  keywords: string[];
  wordCount: number;
  /** Stored as the article's provenance (who wrote it, at what cost, from which prompt). */
  provenance: Record<string, unknown>;
  /** Which knowledge-base passages were supplied and cited (generate_content); left as is when absent. */
  grounding?: unknown;
}

export interface SavedDraft {
  contentId: string;
  /** False when a content row for the task existed and was rewritten. */
  created: boolean;
}

/**
 * Save a written article as a draft (or rewrite the draft already made for the same task), and
 * mark the task done. The idea, task and cluster come from the ids; `name` labels errors.
 */
export async function saveDraft(
  trx: Db,
  scope: Scope,
  from: {
    name: string;
    taskId?: string | undefined;
    ideaId?: string | undefined;
    clusterId?: string | null | undefined;
  },
  article: DraftArticle,
): Promise<SavedDraft> {
  const task = from.taskId ? await findTask(trx, scope, from.taskId) : undefined;
  if (from.taskId && !task) throw new Igny8Error('TASK_NOT_FOUND', `Task ${from.taskId} not found`);
  const ideaId = task?.idea_id ?? from.ideaId;
  if (!ideaId) {
    throw new Igny8Error(
      'VALIDATION_FAILED',
      `${from.name}: the input names no task or idea, so the article cannot be saved`,
      {
        hint: 'Pass taskId (or ideaId) to save the article, or use the output without saving.',
      },
    );
  }
  const idea = await findIdea(trx, scope, ideaId);
  if (!idea) throw new Igny8Error('IDEA_NOT_FOUND', `Idea ${ideaId} not found`);
  const now = nowIso();
  const values = {
    title: article.title,
    slug: article.slug,
    html: article.html,
    excerpt: article.excerpt,
    meta_title: article.metaTitle,
    meta_description: article.metaDescription,
    focus_keyword: article.focusKeyword,
    keywords: toJson(article.keywords),
    word_count: article.wordCount,
    seo_score: null,
    seo_report: null,
    provenance: toJson(article.provenance),
    ...(article.grounding !== undefined ? { grounding: toJson(article.grounding) } : {}),
    updated_at: now,
  };
  const existing = task ? await findContentByTask(trx, scope, task.id) : undefined;
  let contentId = existing?.id;
  if (contentId) {
    await updateContent(trx, scope, contentId, values);
  } else {
    contentId = newId();
    await insertContent(trx, {
      ...values,
      id: contentId,
      account_id: scope.accountId,
      site_id: idea.site_id,
      sector_id: idea.sector_id,
      task_id: task?.id ?? null,
      idea_id: idea.id,
      cluster_id: from.clusterId ?? idea.cluster_id,
      link_suggestions: null,
      status: 'draft',
      created_at: now,
    });
  }
  if (task) await markTaskDone(trx, scope, task.id, now);
  return { contentId, created: !existing };
}
