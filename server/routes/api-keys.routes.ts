import {
  ApiKeyCreateRequestSchema,
  ApiKeyParamsSchema,
  ApiKeySchema,
  CreatedApiKeySchema,
} from '../../src/api-contract/index.js';
import { jsonRoute, listRoute, Reply } from '../route.js';

const tags = ['api-keys'];

export const apiKeyRoutes = [
  listRoute({
    path: '/api-keys',
    summary: 'API keys of your account (never the secrets)',
    tags,
    permission: 'apikeys.manage',
    item: ApiKeySchema,
    handler: async ({ core, scope, page }) => {
      const all = await core.tenancy.listApiKeys(scope);
      return { items: all.slice(page.offset, page.offset + page.limit), total: all.length };
    },
  }),
  jsonRoute({
    method: 'post',
    path: '/api-keys',
    summary: 'Create an API key; the secret is in this response only',
    tags,
    permission: 'apikeys.manage',
    status: 201,
    body: ApiKeyCreateRequestSchema,
    response: CreatedApiKeySchema,
    handler: async ({ core, scope, actor, body }) =>
      new Reply(
        await core.tenancy.createApiKey(scope, body, { by: actor }),
        'Store the key now: it is not shown again',
      ),
  }),
  jsonRoute({
    method: 'delete',
    path: '/api-keys/:apiKeyId',
    summary: 'Revoke an API key',
    tags,
    permission: 'apikeys.manage',
    params: ApiKeyParamsSchema,
    response: ApiKeySchema,
    handler: async ({ core, scope, params }) => core.tenancy.revokeApiKey(scope, params.apiKeyId),
  }),
];
