import { transaction } from '../../db/index.js';
import { newId, nowIso } from '../../util/ids.js';
import { markIdeaQueued } from '../../planner/index.js';
import { insertTask } from '../../writer/index.js';
import type { Stage } from '../stage-context.js';

/** Stage 3, ideas → tasks: free, no AI. The task row and the idea's status change commit together. */
export const stage3Tasks: Stage = {
  n: 3,
  async select(ctx, limit) {
    let q = ctx.core.db
      .selectFrom('ideas')
      .select(['id', 'title'])
      .where('account_id', '=', ctx.scope.accountId)
      .where('site_id', '=', ctx.scope.siteId)
      .where('status', '=', 'new');
    if (ctx.options.sectorId) q = q.where('sector_id', '=', ctx.options.sectorId);
    const rows = await q
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit ?? 1_000_000)
      .execute();
    return rows.map((r) => ({ id: r.id, label: r.title }));
  },
  async process(ctx, item) {
    return transaction(ctx.core.db, async (trx) => {
      await ctx.beforeSave(trx);
      const idea = await trx
        .selectFrom('ideas')
        .selectAll()
        .where('account_id', '=', ctx.scope.accountId)
        .where('id', '=', item.id)
        .where('status', '=', 'new')
        .executeTakeFirst();
      if (!idea) return { credits: 0, created: 0 };
      const now = nowIso();
      await insertTask(trx, {
        id: newId(),
        account_id: idea.account_id,
        site_id: idea.site_id,
        sector_id: idea.sector_id,
        idea_id: idea.id,
        prompt_override: null,
        attempts: 0,
        error: null,
        status: 'queued',
        created_at: now,
        updated_at: now,
      });
      await markIdeaQueued(trx, idea.id, now);
      return { credits: 0, created: 1 };
    });
  },
};
