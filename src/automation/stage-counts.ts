import type { Db } from '../db/index.js';
import type { SiteScope } from '../tenancy/scope.js';
import type { StageCounts } from './estimate-run.js';

/** Count what each stage would find eligible now, for the estimate and the dashboard's pipeline widget. */
export async function stageCounts(db: Db, scope: SiteScope, sectorId?: string): Promise<StageCounts> {
  // Kysely's per-table builders share no nameable type, so the filter callbacks are untyped here.
  /* eslint-disable @typescript-eslint/no-explicit-any */
  const count = async (
    table: 'keywords' | 'clusters' | 'ideas' | 'tasks' | 'images' | 'contents',
    where: (q: any) => any,
  ) => {
    let q = db
      .selectFrom(table as 'keywords')
      .where('account_id', '=', scope.accountId)
      .where('site_id', '=', scope.siteId);
    if (sectorId) q = q.where('sector_id', '=', sectorId);
    const row = await where(q)
      .select((eb: any) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  };
  /* eslint-enable @typescript-eslint/no-explicit-any */
  const [newKeywords, newClusters, newIdeas, queuedTasks, pendingImages, contentsToReview] =
    await Promise.all([
      count('keywords', (q) => q.where('status', '=', 'new')),
      count('clusters', (q) => q.where('status', '=', 'new')),
      count('ideas', (q) => q.where('status', '=', 'new')),
      count('tasks', (q) => q.where('status', 'in', ['queued', 'running'])),
      count('images', (q) => q.where('status', 'in', ['pending', 'generating'])),
      count('contents', (q) => q.where('status', '=', 'draft')),
    ]);
  let noPrompts = db
    .selectFrom('contents')
    .where('contents.account_id', '=', scope.accountId)
    .where('contents.site_id', '=', scope.siteId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('images').select('images.id').whereRef('images.content_id', '=', 'contents.id'),
        ),
      ),
    );
  if (sectorId) noPrompts = noPrompts.where('contents.sector_id', '=', sectorId);
  const np = await noPrompts.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  const avg = await db
    .selectFrom('ideas')
    .where('account_id', '=', scope.accountId)
    .where('site_id', '=', scope.siteId)
    .select((eb) => eb.fn.avg<number>('target_words').as('a'))
    .executeTakeFirst();
  const relinkableArticles = await relinkable(db, scope, sectorId);
  const refreshes = await db
    .selectFrom('content_refreshes')
    .select(['status', (eb) => eb.fn.countAll().as('n')])
    .where('account_id', '=', scope.accountId)
    .where('site_id', '=', scope.siteId)
    .where('status', 'in', ['queued', 'publishing'])
    .groupBy('status')
    .execute();
  const refreshCount = (st: string) => Number(refreshes.find((r) => r.status === st)?.n ?? 0);
  return {
    refreshesToRewrite: refreshCount('queued'),
    refreshesToPublish: refreshCount('publishing'),
    newKeywords,
    newClusters,
    newIdeas,
    queuedTasks,
    contentsWithoutImagePrompts: Number(np?.n ?? 0),
    pendingImages,
    contentsToReview,
    relinkableArticles,
    avgTargetWords: avg?.a ? Math.round(Number(avg.a)) : undefined,
  };
}

/**
 * Articles waiting for review (stage 7 is behind them) in a cluster that gets another article when
 * the run goes on: a new idea, a queued or running task, or a draft. Stage 7 revisits such an article
 * when its sibling lands (relinkEarlier: one suggest_links call), so the estimate counts one call each.
 */
async function relinkable(db: Db, scope: SiteScope, sectorId?: string): Promise<number> {
  const site = { account: scope.accountId, site: scope.siteId };
  let q = db
    .selectFrom('contents')
    .where('account_id', '=', site.account)
    .where('site_id', '=', site.site)
    .where('status', '=', 'review')
    .where((eb) =>
      eb.or([
        eb(
          'cluster_id',
          'in',
          eb
            .selectFrom('ideas')
            .select('ideas.cluster_id')
            .where('ideas.account_id', '=', site.account)
            .where('ideas.site_id', '=', site.site)
            .where('ideas.status', '=', 'new'),
        ),
        eb(
          'cluster_id',
          'in',
          eb
            .selectFrom('tasks')
            .innerJoin('ideas', 'ideas.id', 'tasks.idea_id')
            .select('ideas.cluster_id')
            .where('tasks.account_id', '=', site.account)
            .where('tasks.site_id', '=', site.site)
            .where('tasks.status', 'in', ['queued', 'running']),
        ),
        eb(
          'cluster_id',
          'in',
          eb
            .selectFrom('contents as drafts')
            .select('drafts.cluster_id')
            .where('drafts.account_id', '=', site.account)
            .where('drafts.site_id', '=', site.site)
            .where('drafts.status', '=', 'draft'),
        ),
      ]),
    );
  if (sectorId) q = q.where('sector_id', '=', sectorId);
  const row = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Failed tasks stage 4 will try again (fewer attempts than the run allows). */
export async function retryableTasks(
  db: Db,
  scope: SiteScope,
  maxAttempts: number,
  sectorId?: string,
): Promise<number> {
  let q = db
    .selectFrom('tasks')
    .where('account_id', '=', scope.accountId)
    .where('site_id', '=', scope.siteId)
    .where('status', '=', 'failed')
    .where('attempts', '<', maxAttempts);
  if (sectorId) q = q.where('sector_id', '=', sectorId);
  const row = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}
