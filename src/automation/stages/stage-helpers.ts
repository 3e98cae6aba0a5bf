import type { StageContext } from '../stage-context.js';

/** The site's context handed to AI functions (name, domain, industry) for grounding. */
export async function siteContext(
  ctx: StageContext,
): Promise<{ name: string; domain?: string; industry?: string }> {
  const s = await ctx.core.db
    .selectFrom('sites')
    .select(['name', 'domain', 'industry'])
    .where('account_id', '=', ctx.scope.accountId)
    .where('id', '=', ctx.scope.siteId)
    .executeTakeFirstOrThrow();
  return {
    name: s.name,
    ...(s.domain ? { domain: s.domain } : {}),
    ...(s.industry ? { industry: s.industry } : {}),
  };
}

/** Rows of a site-scoped table narrowed to the run's sector when it has one. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any table's select builder; columns are checked by the caller's query
export function inRun<Q extends { where: (...args: any[]) => Q }>(ctx: StageContext, q: Q, prefix = ''): Q {
  let out = q
    .where(`${prefix}account_id`, '=', ctx.scope.accountId)
    .where(`${prefix}site_id`, '=', ctx.scope.siteId);
  if (ctx.options.sectorId) out = out.where(`${prefix}sector_id`, '=', ctx.options.sectorId);
  return out;
}
