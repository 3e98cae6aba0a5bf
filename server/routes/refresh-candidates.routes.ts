import {
  MergePlanQuerySchema,
  MergePlanSchema,
  RefreshCandidatesQuerySchema,
  RefreshCandidatesSchema,
  SiteParamsSchema,
} from '../../src/api-contract/index.js';
import { jsonRoute } from '../route.js';

const tags = ['refresh'];

export const refreshCandidateRoutes = [
  jsonRoute({
    method: 'get',
    path: '/sites/:siteId/refresh/candidates',
    summary: "The site's refresh candidates, ranked by estimated clicks at stake, each with its reason",
    description:
      'decay (clicks or position lost, the last `window` days with Search Console data against the ones before), ' +
      'striking (queries at positions 8–20 the page does not cover yet), cannibal (pages splitting one query, ' +
      'with each share) and orphan (no internal link points to the page). An empty list carries a `hint`.',
    tags,
    params: SiteParamsSchema,
    query: RefreshCandidatesQuerySchema,
    response: RefreshCandidatesSchema,
    handler: async ({ core, scope, params, query }) => {
      const site = await core.tenancy.getSite(scope, params.siteId);
      return core.refreshCandidates.rank(
        { ...scope, siteId: site.id },
        {
          ...(query.kind ? { kinds: [query.kind] } : {}),
          ...(query.page ? { page: query.page } : {}),
          windowDays: query.window,
          limit: query.limit,
        },
      );
    },
  }),
  jsonRoute({
    method: 'get',
    path: '/sites/:siteId/refresh/merge-plan',
    summary: 'For pages competing for one query: the page to keep and 301 redirects from the others',
    description:
      'Kept: most clicks, then best position, then most internal links (`why` says which decided). Pages with a ' +
      'tiny share of the query are listed in `ignored`, not redirected. Nothing is changed on the site.',
    tags,
    params: SiteParamsSchema,
    query: MergePlanQuerySchema,
    response: MergePlanSchema,
    handler: async ({ core, scope, params, query }) => {
      const site = await core.tenancy.getSite(scope, params.siteId);
      return core.refreshCandidates.mergePlan(
        { ...scope, siteId: site.id },
        { query: query.query, windowDays: query.window },
      );
    },
  }),
];
