import { TaskListQuerySchema, TaskParamsSchema, TaskSchema } from '../../src/api-contract/index.js';
import { jsonRoute, listRoute } from '../route.js';

const tags = ['tasks'];
const writer = { module: 'writer' } as const;

export const taskRoutes = [
  listRoute({
    path: '/tasks',
    summary: "Writing tasks with their idea's title, newest first, by site, sector, status or idea",
    tags,
    ...writer,
    query: TaskListQuerySchema,
    item: TaskSchema,
    handler: async ({ core, scope, query, page }) => {
      const { siteId, sectorId, ...filters } = query;
      return core.tasks.list(
        { accountId: scope.accountId, ...(siteId ? { siteId } : {}), ...(sectorId ? { sectorId } : {}) },
        { ...filters, limit: page.limit, offset: page.offset },
      );
    },
  }),
  jsonRoute({
    method: 'get',
    path: '/tasks/:taskId',
    summary: 'One writing task',
    tags,
    ...writer,
    params: TaskParamsSchema,
    response: TaskSchema,
    handler: async ({ core, scope, params }) => core.tasks.get(scope, params.taskId),
  }),
];
