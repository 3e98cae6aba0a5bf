import type { Outline } from '../../ai/functions/common.schema.js';
import { transaction } from '../../db/index.js';
import { groundIdea } from '../../kb/ground-idea.js';
import { Igny8Error } from '../../errors/index.js';
import { isUniqueViolation } from '../../tenancy/db-errors.js';
import { parseJson, toJson } from '../../util/json.js';
import {
  findContentByTask,
  findTask,
  markTaskFailed,
  markTaskRunning,
  optimizeContent,
  scoreContent,
  updateContent,
} from '../../writer/index.js';
import type { Stage } from '../stage-context.js';
import { inRun, recordFailure, writingContext } from './stage-helpers.js';
import { saveGeneratedDraft } from '../../writer/save-generated-draft.js';

/**
 * Stage 4, tasks → articles, following each idea's stored outline. A task is marked running before
 * the call; "done" commits with the article (the checkpoint). A crashed run finds it running again
 * and redoes it under the same op id, so the credits are charged once.
 */
export const stage4Write: Stage = {
  n: 4,
  async select(ctx, limit) {
    const rows = await inRun(
      ctx,
      ctx.core.db.selectFrom('tasks').select(['id', 'idea_id', 'status', 'attempts']),
    )
      .where((eb) =>
        eb.or([
          eb('status', 'in', ['queued', 'running']),
          eb.and([eb('status', '=', 'failed'), eb('attempts', '<', ctx.options.maxAttempts)]),
        ]),
      )
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit ?? 1_000_000)
      .execute();
    return rows.map((r) => ({ id: r.id, label: `task ${r.id.slice(0, 8)}` }));
  },
  async process(ctx, item) {
    const db = ctx.core.db;
    const scope = ctx.scope;
    const task = await transaction(db, async (trx) => {
      await ctx.assertOwned(trx);
      const t = await findTask(trx, scope, item.id);
      if (!t || t.status === 'done') return null;
      await markTaskRunning(trx, t.id, t.attempts + 1);
      return t;
    });
    if (!task) return { credits: 0, created: 0 };
    try {
      const idea = await db
        .selectFrom('ideas')
        .selectAll()
        .where('account_id', '=', scope.accountId)
        .where('id', '=', task.idea_id)
        .executeTakeFirstOrThrow();
      const ideaInput = {
        title: idea.title,
        brief: idea.brief,
        outline: parseJson<Outline>(idea.outline, { sections: [] }),
        primaryKeywords: parseJson<string[]>(idea.primary_keywords, []),
        secondaryKeywords: parseJson<string[]>(idea.secondary_keywords, []),
        targetWords: idea.target_words,
        contentType: idea.content_type as never,
        structure: idea.structure as never,
      };
      // The site's knowledge-base passages for each section: the article must cite them.
      const grounding = await groundIdea(db, { accountId: scope.accountId, siteId: idea.site_id }, ideaInput);
      const writing = await writingContext(ctx, task.sector_id);
      const res = await ctx.core.ai.run(
        { ...scope, sectorId: task.sector_id },
        'generate_content',
        {
          taskId: task.id,
          ideaId: idea.id,
          clusterId: idea.cluster_id,
          idea: ideaInput,
          site: writing.site,
          ...grounding,
          // The site's voice and style guide (`igny8 site voice`): every article is written in it.
          ...writing.voice,
        },
        {
          opId: `content:${task.id}`,
          model: ctx.options.textModel,
          item: idea.title,
          save: true,
          persist: saveGeneratedDraft,
          beforeSave: ctx.beforeSave,
          taskPromptOverride: task.prompt_override,
        },
      );
      // Score it now so review and the dashboard see the SEO report straight away.
      const content = await findContentByTask(db, scope, task.id);
      if (content) {
        // Scored in the language and against the target length just read, unless the saved row
        // belongs elsewhere (a twin process's article for another idea or sector).
        const known =
          content.idea_id === idea.id &&
          content.site_id === scope.siteId &&
          content.sector_id === task.sector_id
            ? { language: writing.language, targetWords: idea.target_words }
            : {};
        const report = await scoreContent(db, content, known);
        await updateContent(db, scope, content.id, { seo_score: report.score, seo_report: toJson(report) });
      }
      // The run's de-AI pass (`--optimize`); a redone task rewrites under the same op id, charged once.
      const optimizeCredits = content ? await optimizeArticle(ctx, task.id, content.id) : 0;
      return { credits: res.credits + optimizeCredits, created: content ? 1 : 0 };
    } catch (err) {
      // Another process saved this task's article first (contents_task_id_key): already done.
      if (isUniqueViolation(err) && (await taskDone(ctx, task.id))) return { credits: 0, created: 0 };
      const message = err instanceof Error ? err.message : String(err);
      await recordFailure(ctx, (trx) => markTaskFailed(trx, task.id, message));
      throw err instanceof Igny8Error ? err : new Igny8Error('INTERNAL', message, { cause: err });
    }
  },
  // A rewrite pass costs about as much again as the article.
  estimateItem: (ctx) => (ctx.options.optimize === 'rewrite' ? 16 : 8),
};

/**
 * The run's de-AI pass (`optimize`) over the article just written. The article stands whatever
 * happens here: a failed pass is logged, not a failed task (the task is already done with its
 * article). A redone task rewrites under the same op id, so a rewrite is charged once.
 */
async function optimizeArticle(
  ctx: Parameters<Stage['process']>[0],
  taskId: string,
  contentId: string,
): Promise<number> {
  if (ctx.options.optimize === 'off') return 0;
  try {
    const res = await optimizeContent(
      ctx.core.db,
      { ai: ctx.core.ai },
      ctx.scope,
      contentId,
      { rewrite: ctx.options.optimize === 'rewrite' },
      {
        opId: `content:${taskId}:optimize`,
        beforeSave: ctx.beforeSave,
        ...(ctx.options.textModel ? { model: ctx.options.textModel } : {}),
      },
    );
    return res.credits;
  } catch (err) {
    ctx.log(
      'warn',
      `optimize (${ctx.options.optimize}) of article ${contentId} failed: ${(err as Error).message}`,
    );
    return 0;
  }
}

/** The task is done and its article exists. */
async function taskDone(ctx: Parameters<Stage['process']>[0], taskId: string): Promise<boolean> {
  const row = await ctx.core.db
    .selectFrom('tasks')
    .innerJoin('contents', 'contents.task_id', 'tasks.id')
    .select('tasks.status')
    .where('tasks.account_id', '=', ctx.scope.accountId)
    .where('tasks.id', '=', taskId)
    .executeTakeFirst();
  return row?.status === 'done';
}
