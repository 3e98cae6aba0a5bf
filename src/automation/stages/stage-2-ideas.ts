import { parseJson } from '../../util/json.js';
import type { Stage } from '../stage-context.js';
import { inRun, siteContext } from './stage-helpers.js';
import { saveGeneratedIdeas } from '../../planner/save-generated-ideas.js';

/** Stage 2, clusters → ideas: 3–7 ideas with outlines per cluster; the cluster turns "planned" with them. */
export const stage2Ideas: Stage = {
  n: 2,
  async select(ctx, limit) {
    const rows = await inRun(
      ctx,
      ctx.core.db.selectFrom('clusters').select(['id', 'name']).where('status', '=', 'new'),
    )
      .orderBy('volume_sum', 'desc')
      .orderBy('id')
      .limit(limit ?? 1_000_000)
      .execute();
    return rows.map((r) => ({ id: r.id, label: r.name }));
  },
  async process(ctx, item) {
    const db = ctx.core.db;
    const c = await db
      .selectFrom('clusters')
      .selectAll()
      .where('account_id', '=', ctx.scope.accountId)
      .where('id', '=', item.id)
      .where('status', '=', 'new')
      .executeTakeFirst();
    if (!c) return { credits: 0, created: 0 };
    const keywords = await db
      .selectFrom('keywords')
      .select(['keyword', 'volume'])
      .where('account_id', '=', ctx.scope.accountId)
      .where('cluster_id', '=', c.id)
      .orderBy('volume', 'desc')
      .limit(100)
      .execute();
    if (keywords.length === 0) keywords.push({ keyword: c.primary_keyword ?? c.name, volume: null });
    const titles = await db
      .selectFrom('ideas')
      .select('title')
      .where('account_id', '=', ctx.scope.accountId)
      .where('site_id', '=', ctx.scope.siteId)
      .limit(200)
      .execute();
    const res = await ctx.core.ai.run(
      { ...ctx.scope, sectorId: c.sector_id },
      'generate_ideas',
      {
        cluster: {
          id: c.id,
          name: c.name,
          description: c.description,
          primaryKeyword: c.primary_keyword,
          keywords,
        },
        count: ctx.options.ideasPerCluster,
        site: await siteContext(ctx, c.sector_id),
        existingTitles: titles.map((t) => t.title),
      },
      {
        opId: `ideas:${c.id}`,
        item: c.name,
        save: true,
        persist: saveGeneratedIdeas,
        beforeSave: ctx.beforeSave,
        model: ctx.options.textModel,
      },
    );
    const made = parseJson<unknown[]>(
      JSON.stringify((res.output as { ideas?: unknown[] }).ideas ?? []),
      [],
    ).length;
    return { credits: res.credits, created: made };
  },
  estimateItem: () => 5,
};
