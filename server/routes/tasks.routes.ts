import {
  TaskListQuerySchema,
  TaskParamsSchema,
  TaskPromptClearSchema,
  TaskPromptQuerySchema,
  TaskPromptSchema,
  TaskPromptSetSchema,
  TaskSchema,
} from '../../src/api-contract/index.js';
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
  jsonRoute({
    method: 'get',
    path: '/tasks/:taskId/prompt',
    summary: "The prompt a task is written with (its override, the account's, or the default)",
    tags,
    ...writer,
    params: TaskParamsSchema,
    query: TaskPromptQuerySchema,
    response: TaskPromptSchema,
    handler: async ({ core, scope, params, query }) =>
      core.tasks.prompt.show(scope, params.taskId, query.function),
  }),
  jsonRoute({
    method: 'put',
    path: '/tasks/:taskId/prompt',
    summary: 'Override the prompt for one task (refused when it drops a required variable)',
    tags,
    ...writer,
    role: 'editor',
    params: TaskParamsSchema,
    query: TaskPromptQuerySchema,
    body: TaskPromptSetSchema,
    response: TaskPromptSchema,
    handler: async ({ core, scope, params, query, body }) =>
      core.tasks.prompt.set(scope, params.taskId, query.function, body.body),
  }),
  jsonRoute({
    method: 'delete',
    path: '/tasks/:taskId/prompt',
    summary: "Drop a task's prompt override",
    tags,
    ...writer,
    role: 'editor',
    params: TaskParamsSchema,
    query: TaskPromptQuerySchema,
    response: TaskPromptClearSchema,
    handler: async ({ core, scope, params, query }) =>
      core.tasks.prompt.clear(scope, params.taskId, query.function),
  }),
];
