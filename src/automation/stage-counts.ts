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
    avgTargetWords: avg?.a ? Math.round(Number(avg.a)) : undefined,
  };
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
