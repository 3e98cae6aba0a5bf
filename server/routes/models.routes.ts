import {
  AiModelSchema,
  ModelActiveSchema,
  ModelCreateSchema,
  ModelListQuerySchema,
  ModelPatchSchema,
  ModelRefParamsSchema,
} from '../../src/api-contract/index.js';
import { jsonRoute, listRoute } from '../route.js';

const tags = ['models'];

export const modelRoutes = [
  listRoute({
    path: '/models',
    summary: 'AI models in the registry (shared by every account)',
    tags,
    query: ModelListQuerySchema,
    item: AiModelSchema,
    handler: async ({ core, query, page }) => {
      const all = await core.models.list(query);
      return { items: all.slice(page.offset, page.offset + page.limit), total: all.length };
    },
  }),
  jsonRoute({
    method: 'get',
    path: '/models/:modelRef',
    summary: 'One model by id, "provider:modelId" or unique modelId',
    tags,
    params: ModelRefParamsSchema,
    response: AiModelSchema,
    handler: async ({ core, params }) => core.models.get(params.modelRef),
  }),
  jsonRoute({
    method: 'post',
    path: '/models',
    summary: 'Add a model (server operator only)',
    tags,
    role: 'owner',
    operator: true,
    status: 201,
    body: ModelCreateSchema,
    response: AiModelSchema,
    handler: async ({ core, body }) => core.models.add(body),
  }),
  jsonRoute({
    method: 'patch',
    path: '/models/:modelRef',
    summary: 'Change prices, credit rates or limits of a model (server operator only)',
    tags,
    role: 'owner',
    operator: true,
    params: ModelRefParamsSchema,
    body: ModelPatchSchema,
    response: AiModelSchema,
    handler: async ({ core, params, body }) => core.models.update(params.modelRef, body),
  }),
  jsonRoute({
    method: 'put',
    path: '/models/:modelRef/active',
    summary: 'Enable or disable a model (server operator only)',
    tags,
    role: 'owner',
    operator: true,
    params: ModelRefParamsSchema,
    body: ModelActiveSchema,
    response: AiModelSchema,
    handler: async ({ core, params, body }) => core.models.setActive(params.modelRef, body.active),
  }),
  jsonRoute({
    method: 'post',
    path: '/models/:modelRef/default',
    summary: 'Make a model the default of its type (server operator only)',
    tags,
    role: 'owner',
    operator: true,
    params: ModelRefParamsSchema,
    response: AiModelSchema,
    handler: async ({ core, params }) => core.models.setDefault(params.modelRef),
  }),
];
