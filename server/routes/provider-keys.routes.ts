import { z } from 'zod';
import {
  ProviderKeyInfoSchema,
  ProviderKeyParamsSchema,
  ProviderKeyQuerySchema,
  ProviderKeySetResultSchema,
  ProviderKeySetSchema,
} from '../../src/api-contract/index.js';
import { refusePrivateUrl } from '../refuse-private-url.js';
import { jsonRoute, listRoute } from '../route.js';

const tags = ['provider-keys'];

export const providerKeyRoutes = [
  listRoute({
    path: '/provider-keys',
    summary: 'Provider API keys in use, masked (stored, environment and config)',
    tags,
    role: 'admin',
    item: ProviderKeyInfoSchema,
    handler: async ({ core, scope, page }) => {
      const all = await core.providerKeys.list(scope);
      return { items: all.slice(page.offset, page.offset + page.limit), total: all.length };
    },
  }),
  jsonRoute({
    method: 'post',
    path: '/provider-keys',
    summary: 'Store a provider API key for this account (encrypted at rest)',
    tags,
    role: 'admin',
    status: 201,
    body: ProviderKeySetSchema,
    response: ProviderKeySetResultSchema,
    handler: async ({ core, scope, body }) => {
      if (body.baseUrl) await refusePrivateUrl(body.baseUrl, core.config.server.allowPrivateUrls);
      return core.providerKeys.set(scope, body);
    },
  }),
  jsonRoute({
    method: 'delete',
    path: '/provider-keys/:provider',
    summary: 'Remove a stored provider key',
    tags,
    role: 'admin',
    params: ProviderKeyParamsSchema,
    query: ProviderKeyQuerySchema,
    response: z.object({ provider: z.string(), name: z.string(), deleted: z.literal(true) }),
    handler: async ({ core, scope, params, query }) => {
      const name = query.name ?? 'default';
      await core.providerKeys.remove(scope, params.provider, name);
      return { provider: params.provider, name, deleted: true as const };
    },
  }),
];
