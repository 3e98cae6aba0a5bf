import { IdeaListQuerySchema, IdeaParamsSchema, IdeaSchema } from '../../src/api-contract/index.js';
import { jsonRoute, listRoute } from '../route.js';

const tags = ['ideas'];
const planner = { module: 'planner', rateLimit: 'planner' } as const;

export const ideaRoutes = [
  listRoute({
    path: '/ideas',
    summary: 'Article ideas with their outlines, newest first, by site, sector, cluster, status or text',
    tags,
    ...planner,
    query: IdeaListQuerySchema,
    item: IdeaSchema,
    handler: async ({ core, scope, query, page }) => {
      const { siteId, sectorId, ...filters } = query;
      return core.planner.listIdeas(
        { accountId: scope.accountId, ...(siteId ? { siteId } : {}), ...(sectorId ? { sectorId } : {}) },
        { ...filters, limit: page.limit, offset: page.offset },
      );
    },
  }),
  jsonRoute({
    method: 'get',
    path: '/ideas/:ideaId',
    summary: 'One idea with its brief, keywords and outline',
    tags,
    ...planner,
    params: IdeaParamsSchema,
    response: IdeaSchema,
    handler: async ({ core, scope, params }) => core.planner.getIdea(scope, params.ideaId),
  }),
];
