import { z } from 'zod';
import {
  GscConnectRequestSchema,
  GscConnectionSchema,
  GscImportReportSchema,
  GscImportRequestSchema,
  GscPullReportSchema,
  GscPullRequestSchema,
  GscSeriesQuerySchema,
  GscSeriesSchema,
  GscStatusSchema,
  GscTopItemSchema,
  GscTopQuerySchema,
  SiteParamsSchema,
} from '../../src/api-contract/index.js';
import type { Core, Scope } from '../../src/index.js';
import { jsonRoute, listRoute } from '../route.js';

const tags = ['search console'];

/** The site of the path, checked against the caller's account (a foreign id reads as not found). */
async function siteScope(core: Core, scope: Scope, siteId: string) {
  const site = await core.tenancy.getSite(scope, siteId);
  return { accountId: scope.accountId, siteId: site.id };
}

const top = (dim: 'pages' | 'queries') =>
  listRoute({
    path: `/sites/:siteId/search-console/${dim}`,
    summary: `Top ${dim} over a window (default: the last 28 days held), by clicks unless sorted otherwise`,
    tags,
    params: SiteParamsSchema,
    query: GscTopQuerySchema,
    item: GscTopItemSchema,
    handler: async ({ core, scope, params, query, page }) => {
      const s = await siteScope(core, scope, params.siteId);
      const q = { ...query, limit: page.limit, offset: page.offset };
      return dim === 'pages' ? core.searchConsole.topPages(s, q) : core.searchConsole.topQueries(s, q);
    },
  });

export const searchConsoleRoutes = [
  jsonRoute({
    method: 'get',
    path: '/sites/:siteId/search-console',
    summary: "The site's Search Console connection (never its key), the days held and the latest syncs",
    tags,
    params: SiteParamsSchema,
    response: GscStatusSchema,
    handler: async ({ core, scope, params }) =>
      core.searchConsole.status(await siteScope(core, scope, params.siteId)),
  }),
  top('pages'),
  top('queries'),
  jsonRoute({
    method: 'get',
    path: '/sites/:siteId/search-console/series',
    summary:
      'One page, one query or one page × query day by day, with totals (position weighted by impressions)',
    tags,
    params: SiteParamsSchema,
    query: GscSeriesQuerySchema,
    response: GscSeriesSchema,
    handler: async ({ core, scope, params, query }) =>
      core.searchConsole.series(await siteScope(core, scope, params.siteId), query),
  }),
  jsonRoute({
    method: 'post',
    path: '/sites/:siteId/search-console/import',
    summary: 'Import a per-day Search Console CSV; its date range is replaced in one transaction',
    description:
      'The file travels in the JSON body: `content` as text or `contentBase64` as bytes. Accepted: a table ' +
      'with Date, Page and/or Query, Clicks, Impressions and Position (Looker Studio, Sheets, the BigQuery ' +
      "bulk export's sum_position). The UI's Export zip holds period totals and is refused (GSC_AGGREGATED_EXPORT). " +
      "Pages off the site's domain are counted and listed, not stored.",
    tags,
    params: SiteParamsSchema,
    body: GscImportRequestSchema,
    response: GscImportReportSchema,
    handler: async ({ core, scope, params, body }) => {
      const s = await siteScope(core, scope, params.siteId);
      const bytes =
        body.content !== undefined
          ? Buffer.from(body.content, 'utf8')
          : Buffer.from(body.contentBase64!, 'base64');
      return core.searchConsole.importFile(s, {
        bytes,
        ...(body.fileName ? { fileName: body.fileName } : {}),
      });
    },
  }),
  jsonRoute({
    method: 'post',
    path: '/sites/:siteId/search-console/pull',
    summary: 'Pull from the Search Console API with the site’s service account (incremental by default)',
    tags,
    params: SiteParamsSchema,
    body: GscPullRequestSchema,
    response: GscPullReportSchema,
    handler: async ({ core, scope, params, body }) =>
      core.searchConsole.pull(await siteScope(core, scope, params.siteId), body),
  }),
  jsonRoute({
    method: 'put',
    path: '/sites/:siteId/search-console/connection',
    summary: "Store the site's Search Console property and service-account key (encrypted, never returned)",
    tags,
    role: 'admin',
    params: SiteParamsSchema,
    body: GscConnectRequestSchema,
    response: GscConnectionSchema,
    handler: async ({ core, scope, params, body }) =>
      core.searchConsole.connect(await siteScope(core, scope, params.siteId), body),
  }),
  jsonRoute({
    method: 'delete',
    path: '/sites/:siteId/search-console/connection',
    summary: "Forget the site's Search Console property and key (the data stays)",
    tags,
    role: 'admin',
    params: SiteParamsSchema,
    response: z.object({ removed: z.boolean() }),
    handler: async ({ core, scope, params }) =>
      core.searchConsole.disconnect(await siteScope(core, scope, params.siteId)),
  }),
];
