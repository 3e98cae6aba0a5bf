import { transaction, type Db } from '../../db/index.js';
import { scoreContent, updateContent } from '../../writer/index.js';
import { nowIso } from '../../util/ids.js';
import { toJson } from '../../util/json.js';
import { siteSettings } from '../../publishing/index.js';
import type { Stage } from '../stage-context.js';
import { inRun } from './stage-helpers.js';
import { relinkEarlier, suggestLinksFor } from './stage-7-links.js';

/**
 * Stage 7, review → publish. Each draft gets its SEO report and internal link suggestions (only to
 * articles sharing its cluster or keywords, selected by index, and to the site's existing posts sharing
 * its keywords), then waits for review — or, when auto-approve is on and the score reaches the
 * minimum, is approved (links applied) and, with auto-publish, published.
 */
export const stage7Review: Stage = {
  n: 7,
  async select(ctx, limit) {
    const rows = await inRun(
      ctx,
      ctx.core.db.selectFrom('contents').select(['id', 'title']).where('status', '=', 'draft'),
    )
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit ?? 1_000_000)
      .execute();
    return rows.map((r) => ({ id: r.id, label: r.title }));
  },
  async process(ctx, item) {
    const db = ctx.core.db;
    const scope = ctx.scope;
    let c = await db
      .selectFrom('contents')
      .selectAll()
      .where('account_id', '=', scope.accountId)
      .where('id', '=', item.id)
      .executeTakeFirstOrThrow();
    let credits = 0;
    if (ctx.options.maxLinks > 0 && c.link_suggestions === null) {
      credits += await suggestLinksFor(ctx, c, `links:${c.id}`, ctx.beforeSave);
      c = await db.selectFrom('contents').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
    }
    // Earlier articles of its cluster that could not link to this one yet (written in an earlier run).
    if (ctx.options.maxLinks > 0) credits += await relinkEarlier(ctx, c);
    const report = await scoreContent(db, c);
    const approve = ctx.options.autoApprove && report.score >= ctx.options.minSeoScore;
    // The fence, the score and the approval commit together: a process that lost the run saves none
    // of them, and a kill between score and approval cannot leave the article short of approved.
    const saveScore = async (trx: Db) => {
      await ctx.beforeSave(trx);
      await updateContent(trx, scope, c.id, {
        seo_score: report.score,
        seo_report: toJson(report),
        status: 'review',
        updated_at: nowIso(),
      });
    };
    if (approve) await ctx.core.content.approve(scope, c.id, { beforeSave: saveScore });
    else await transaction(db, saveScore);
    if (approve) {
      const { publishing } = await siteSettings(db, scope);
      if (ctx.options.autoPublish ?? publishing.autoPublish) {
        const [res] = await ctx.core.publisher.publish(scope, { contentIds: [c.id] });
        if (res?.status === 'failed') ctx.log('warn', `Auto-publish of "${c.title}" failed: ${res.error}`);
      }
    }
    return { credits, created: approve ? 1 : 0 };
  },
  estimateItem: (ctx) => (ctx.options.maxLinks > 0 ? 2 : 0),
};
