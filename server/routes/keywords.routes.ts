import {
  BulkResultSchema,
  ClusterAiReportSchema,
  ClusterAiRequestSchema,
  ClusterListQuerySchema,
  ClusterLocalRequestSchema,
  ClusterRunReportSchema,
  ClusterSchema,
  ImportReportSchema,
  KeywordIdsRequestSchema,
  KeywordImportRequestSchema,
  KeywordListQuerySchema,
  KeywordSchema,
} from '../../src/api-contract/index.js';
import { jsonRoute, listRoute } from '../route.js';

const planner = { module: 'planner', rateLimit: 'planner' } as const;

/** The scope a list asks for: the account, narrowed to a site and sector when given. */
const narrowed = (accountId: string, q: { siteId?: string; sectorId?: string }) => ({
  accountId,
  ...(q.siteId ? { siteId: q.siteId } : {}),
  ...(q.sectorId ? { sectorId: q.sectorId } : {}),
});

const bulk = (action: 'exclude' | 'restore' | 'delete', summary: string) =>
  jsonRoute({
    method: 'post',
    path: `/keywords/${action}`,
    summary,
    tags: ['keywords'],
    ...planner,
    body: KeywordIdsRequestSchema,
    response: BulkResultSchema,
    handler: async ({ core, scope, body }) => {
      const fn = {
        exclude: core.planner.excludeKeywords,
        restore: core.planner.restoreKeywords,
        delete: core.planner.deleteKeywords,
      }[action];
      return fn(scope, body.ids);
    },
  });

export const keywordRoutes = [
  listRoute({
    path: '/keywords',
    summary: 'Keywords with filters, search and sorting',
    tags: ['keywords'],
    ...planner,
    query: KeywordListQuerySchema,
    item: KeywordSchema,
    handler: async ({ core, scope, query, page }) => {
      const { siteId: _s, sectorId: _t, ...filters } = query;
      return core.planner.listKeywords(narrowed(scope.accountId, query), {
        ...filters,
        limit: page.limit,
        offset: page.offset,
      });
    },
  }),
  jsonRoute({
    method: 'post',
    path: '/keywords/import',
    summary: 'Import a keyword export (Semrush, Ahrefs, Keyword Planner, Search Console, CSV, plain list)',
    description:
      'The file travels in the JSON body: `content` as text, or `contentBase64` for raw bytes (UTF-16 ' +
      'Keyword Planner exports). All or nothing: one transaction; bad rows are reported with line numbers.',
    tags: ['keywords'],
    ...planner,
    body: KeywordImportRequestSchema,
    response: ImportReportSchema,
    handler: async ({ core, scope, body }) => {
      const { siteId, sectorId, content, contentBase64, ...options } = body;
      const bytes =
        content !== undefined ? Buffer.from(content, 'utf8') : Buffer.from(contentBase64!, 'base64');
      return core.planner.importKeywords(
        { accountId: scope.accountId, siteId, sectorId },
        { ...options, bytes },
      );
    },
  }),
  bulk('exclude', 'Exclude keywords from clustering and planning'),
  bulk('restore', 'Bring excluded keywords back as new'),
  bulk('delete', 'Delete keywords'),
  listRoute({
    path: '/clusters',
    summary: 'Keyword clusters with filters and sorting',
    tags: ['clusters'],
    ...planner,
    query: ClusterListQuerySchema,
    item: ClusterSchema,
    handler: async ({ core, scope, query, page }) => {
      const { siteId: _s, sectorId: _t, ...filters } = query;
      return core.planner.listClusters(narrowed(scope.accountId, query), {
        ...filters,
        limit: page.limit,
        offset: page.offset,
      });
    },
  }),
  jsonRoute({
    method: 'post',
    path: '/clusters/local',
    summary: "Cluster a sector's new keywords locally (deterministic, no credits)",
    tags: ['clusters'],
    ...planner,
    body: ClusterLocalRequestSchema,
    response: ClusterRunReportSchema,
    handler: async ({ core, scope, body }) => {
      const { siteId, sectorId, ...options } = body;
      return core.planner.clusterLocal({ accountId: scope.accountId, siteId, sectorId }, options);
    },
  }),
  jsonRoute({
    method: 'post',
    path: '/clusters/ai',
    summary: "Cluster a sector's new keywords with the AI (metered; batches are checkpoints)",
    tags: ['clusters'],
    module: 'planner',
    rateLimit: 'ai',
    body: ClusterAiRequestSchema,
    response: ClusterAiReportSchema,
    handler: async ({ core, scope, body }) => {
      const { siteId, sectorId, ...options } = body;
      return core.planner.clusterAi({ accountId: scope.accountId, siteId, sectorId }, options);
    },
  }),
];
