import { SearchQuerySchema, SearchResultSchema } from '../../src/api-contract/index.js';
import { jsonRoute } from '../route.js';

export const searchRoutes = [
  jsonRoute({
    method: 'get',
    path: '/search',
    summary: 'Search keywords, clusters, ideas and content of your account by text',
    tags: ['search'],
    query: SearchQuerySchema,
    response: SearchResultSchema,
    handler: async ({ core, scope, query }) =>
      core.search.search(
        { ...scope, ...(query.siteId ? { siteId: query.siteId } : {}) },
        {
          q: query.q,
          ...(query.types ? { types: query.types } : {}),
          ...(query.limit ? { limit: query.limit } : {}),
        },
      ),
  }),
];
