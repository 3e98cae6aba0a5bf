import {
  PromptInfoSchema,
  PromptKeyParamsSchema,
  PromptResetSchema,
  PromptSchema,
  PromptSetSchema,
} from '../../src/api-contract/index.js';
import { jsonRoute, listRoute } from '../route.js';

const tags = ['prompts'];

export const promptRoutes = [
  listRoute({
    path: '/prompts',
    summary: "Prompt templates, with the account's overrides",
    tags,
    item: PromptInfoSchema,
    handler: async ({ core, scope, page }) => {
      const all = await core.prompts.list(scope);
      return { items: all.slice(page.offset, page.offset + page.limit), total: all.length };
    },
  }),
  jsonRoute({
    method: 'get',
    path: '/prompts/:key',
    summary: "A prompt as runs use it (the account's override, else the default)",
    tags,
    params: PromptKeyParamsSchema,
    response: PromptSchema,
    handler: async ({ core, scope, params }) => core.prompts.get(scope, params.key),
  }),
  jsonRoute({
    method: 'get',
    path: '/prompts/:key/default',
    summary: 'The bundled default of a prompt',
    tags,
    params: PromptKeyParamsSchema,
    response: PromptSchema,
    handler: async ({ core, params }) => core.prompts.getDefault(params.key),
  }),
  jsonRoute({
    method: 'put',
    path: '/prompts/:key',
    summary: 'Override a prompt for this account',
    tags,
    role: 'admin',
    params: PromptKeyParamsSchema,
    body: PromptSetSchema,
    response: PromptSchema,
    handler: async ({ core, scope, params, body }) => core.prompts.set(scope, params.key, body.body),
  }),
  jsonRoute({
    method: 'delete',
    path: '/prompts/:key',
    summary: "Drop the account's override (back to the default)",
    tags,
    role: 'admin',
    params: PromptKeyParamsSchema,
    response: PromptResetSchema,
    handler: async ({ core, scope, params }) => core.prompts.reset(scope, params.key),
  }),
];
