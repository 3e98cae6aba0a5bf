import { transaction } from '../../db/index.js';
import { Igny8Error } from '../../errors/index.js';
import { isUniqueViolation } from '../../tenancy/db-errors.js';
import { nowIso } from '../../util/ids.js';
import { parseJson, toJson } from '../../util/json.js';
import { scoreContent } from '../../writer/index.js';
import type { Stage } from '../stage-context.js';
import { inRun, recordFailure, siteContext } from './stage-helpers.js';

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
      const t = await trx
        .selectFrom('tasks')
        .selectAll()
        .where('account_id', '=', scope.accountId)
        .where('id', '=', item.id)
        .executeTakeFirst();
      if (!t || t.status === 'done') return null;
      await trx
        .updateTable('tasks')
        .set({ status: 'running', attempts: t.attempts + 1, updated_at: nowIso() })
        .where('id', '=', t.id)
        .execute();
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
      const res = await ctx.core.ai.run(
        { ...scope, sectorId: task.sector_id },
        'generate_content',
        {
          taskId: task.id,
          ideaId: idea.id,
          clusterId: idea.cluster_id,
          idea: {
            title: idea.title,
            brief: idea.brief,
            outline: parseJson(idea.outline, { sections: [] }),
            primaryKeywords: parseJson<string[]>(idea.primary_keywords, []),
            secondaryKeywords: parseJson<string[]>(idea.secondary_keywords, []),
            targetWords: idea.target_words,
            contentType: idea.content_type as never,
            structure: idea.structure as never,
          },
          site: await siteContext(ctx),
        },
        {
          opId: `content:${task.id}`,
          model: ctx.options.textModel,
          item: idea.title,
          save: true,
          beforeSave: ctx.beforeSave,
          taskPromptOverride: task.prompt_override,
        },
      );
      // Score it now so review and the dashboard see the SEO report straight away.
      const content = await db
        .selectFrom('contents')
        .selectAll()
        .where('account_id', '=', scope.accountId)
        .where('task_id', '=', task.id)
        .executeTakeFirst();
      if (content) {
        const report = await scoreContent(db, content);
        await db
          .updateTable('contents')
          .set({ seo_score: report.score, seo_report: toJson(report) })
          .where('id', '=', content.id)
          .execute();
      }
      return { credits: res.credits, created: content ? 1 : 0 };
    } catch (err) {
      // Another process saved this task's article first (contents_task_id_key): already done.
      if (isUniqueViolation(err) && (await taskDone(ctx, task.id))) return { credits: 0, created: 0 };
      const message = err instanceof Error ? err.message : String(err);
      await recordFailure(ctx, (trx) =>
        trx
          .updateTable('tasks')
          .set({ status: 'failed', error: message.slice(0, 2000), updated_at: nowIso() })
          .where('id', '=', task.id)
          .where('status', '=', 'running')
          .execute(),
      );
      throw err instanceof Igny8Error ? err : new Igny8Error('INTERNAL', message, { cause: err });
    }
  },
  estimateItem: () => 8,
};

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
