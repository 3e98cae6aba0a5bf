import {
  RefreshDetailSchema,
  RefreshListQuerySchema,
  RefreshParamsSchema,
  RefreshResultsQuerySchema,
  RefreshResultsSchema,
  RefreshRunRequestSchema,
  RefreshSchema,
  RefreshStartedSchema,
  SiteParamsSchema,
} from '../../src/api-contract/index.js';
import {
  requireJobQueue,
  type Core,
  type RefreshRunControl,
  type RefreshRunResult,
  type SiteScope,
} from '../../src/index.js';
import type { RunHub } from '../run-hub.js';
import { jsonRoute, listRoute } from '../route.js';

const tags = ['refresh'];
const writer = { module: 'writer' } as const;

/**
 * Start a refresh's run in the background (the run hub, followed over the runs SSE stream) or, with
 * `detach`, on the PostgreSQL job queue; answers with the refresh and its run id.
 */
async function launch(
  core: Core,
  runs: RunHub,
  site: SiteScope,
  id: string,
  detach: boolean,
  start: (control: RefreshRunControl) => Promise<RefreshRunResult>,
) {
  if (detach) {
    const jobs = requireJobQueue(core);
    const { run } = await start({ trigger: 'api', detach: true });
    if (run.status === 'queued') await jobs.enqueueRun(site, run.id);
    return { refresh: await core.refresh.get(site, id), runId: run.id };
  }
  const runId = await runs.launch(site, async (onEvent) => {
    try {
      return (await start({ trigger: 'api', onEvent })).run;
    } catch (err) {
      // A refresh left stale or failed says so on the refresh; the run itself is the hub's.
      const runId = (err as { details?: { runId?: string } }).details?.runId;
      if (runId) return core.automation.get(site, runId);
      throw err;
    }
  });
  return { refresh: await core.refresh.get(site, id), runId };
}

export const refreshRunRoutes = [
  listRoute({
    path: '/sites/:siteId/refresh',
    summary: "The site's refreshes of existing posts, newest first",
    tags,
    ...writer,
    params: SiteParamsSchema,
    query: RefreshListQuerySchema,
    item: RefreshSchema,
    handler: async ({ core, scope, params, query, page }) => {
      const site = await core.tenancy.getSite(scope, params.siteId);
      return core.refresh.list(scope, {
        siteId: site.id,
        limit: page.limit,
        offset: page.offset,
        ...(query.status ? { statuses: [query.status] } : {}),
      });
    },
  }),
  jsonRoute({
    method: 'post',
    path: '/sites/:siteId/refresh',
    summary:
      'Refresh an existing post: a run of stage 8 fetches it live, rewrites it (missing queries, knowledge-base facts, internal links) and leaves a draft for review',
    tags,
    ...writer,
    rateLimit: 'ai',
    status: 202,
    params: SiteParamsSchema,
    body: RefreshRunRequestSchema,
    response: RefreshStartedSchema,
    handler: async ({ deps, core, scope, params, body }) => {
      const site = { ...scope, siteId: (await core.tenancy.getSite(scope, params.siteId)).id };
      const { detach, force, ...input } = body;
      // On SQLite there are no workers: refused before anything is recorded.
      if (detach) requireJobQueue(core);
      const prepared = await core.refresh.prepare(site, input);
      return launch(core, deps.runs, site, prepared.id, !!detach, (control) =>
        core.refresh.start(site, prepared.id, { ...control, ...(force ? { force } : {}) }),
      );
    },
  }),
  jsonRoute({
    method: 'get',
    path: '/refresh/:refreshId',
    summary: 'A refresh with the word diff of its draft against the live version',
    tags,
    ...writer,
    params: RefreshParamsSchema,
    response: RefreshDetailSchema,
    handler: async ({ core, scope, params }) => core.refresh.show(scope, params.refreshId),
  }),
  jsonRoute({
    method: 'post',
    path: '/refresh/:refreshId/approve',
    summary: 'Approve a refreshed draft for publishing',
    tags,
    ...writer,
    params: RefreshParamsSchema,
    response: RefreshSchema,
    handler: async ({ core, scope, params }) => core.refresh.approve(scope, params.refreshId),
  }),
  jsonRoute({
    method: 'post',
    path: '/refresh/:refreshId/publish',
    summary:
      'Publish an approved refresh in place: the same WordPress post is updated (one revision), exactly once; REFRESH_LIVE_CHANGED when the post was edited on the site since it was fetched',
    tags,
    ...writer,
    status: 202,
    params: RefreshParamsSchema,
    response: RefreshStartedSchema,
    handler: async ({ deps, core, scope, params }) => {
      const { siteId } = await core.refresh.get(scope, params.refreshId);
      const site = { ...scope, siteId };
      return launch(core, deps.runs, site, params.refreshId, false, (control) =>
        core.refresh.publish(site, params.refreshId, control),
      );
    },
  }),
  jsonRoute({
    method: 'get',
    path: '/sites/:siteId/refresh/results',
    summary:
      "Each refresh that went live: the page's clicks, impressions and weighted position N days before against N days after, once N full days have arrived",
    tags,
    ...writer,
    params: SiteParamsSchema,
    query: RefreshResultsQuerySchema,
    response: RefreshResultsSchema,
    handler: async ({ core, scope, params, query }) => {
      const site = await core.tenancy.getSite(scope, params.siteId);
      return { items: await core.refresh.results({ ...scope, siteId: site.id }, { days: query.days }) };
    },
  }),
];
