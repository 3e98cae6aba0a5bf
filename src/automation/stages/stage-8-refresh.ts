import { Igny8Error } from '../../errors/index.js';
import type { Stage } from '../stage-context.js';

/**
 * Stage 8, refresh (opt-in: runs only when named, as `igny8 refresh run|publish` do). A queued
 * refresh is fetched live from WordPress and rewritten into a draft for review; one whose publish was
 * requested updates the same post in place. The work is src/refresh's (core.refreshWorker).
 */
export const stage8Refresh: Stage = {
  n: 8,
  async select(ctx, limit) {
    let q = ctx.core.db
      .selectFrom('content_refreshes')
      .select(['id', 'url', 'status'])
      .where('account_id', '=', ctx.scope.accountId)
      .where('site_id', '=', ctx.scope.siteId)
      .where('status', 'in', ['queued', 'publishing']);
    if (ctx.options.refreshIds?.length) q = q.where('id', 'in', ctx.options.refreshIds);
    const rows = await q
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit ?? 1_000_000)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      label: `${r.status === 'queued' ? 'rewrite' : 'publish'} ${r.url}`,
    }));
  },
  async process(ctx, item) {
    const worker = ctx.core.refreshWorker;
    if (!worker) throw new Igny8Error('INTERNAL', 'Stage 8 needs the refresh worker (core.refreshWorker)');
    return worker.process(ctx.scope, item.id, {
      runId: ctx.runId,
      maxLinks: ctx.options.maxLinks,
      ...(ctx.options.textModel ? { model: ctx.options.textModel } : {}),
      assertOwned: (trx) => ctx.assertOwned(trx),
      beforeSave: (trx) => ctx.beforeSave(trx),
    });
  },
  // A rewrite is about as dear as writing an article plus a link call; a publish is free.
  estimateItem: (_ctx, item) => (item.label.startsWith('rewrite') ? 8 : 0),
};
