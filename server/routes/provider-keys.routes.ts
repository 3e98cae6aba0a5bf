import { z } from 'zod';
import {
  ProviderKeyInfoSchema,
  ProviderKeyParamsSchema,
  ProviderKeyQuerySchema,
  ProviderKeySetResultSchema,
  ProviderKeySetSchema,
} from '../../src/api-contract/index.js';
import { assertPublicUrl, Igny8Error } from '../../src/index.js';
import { jsonRoute, listRoute } from '../route.js';

const tags = ['provider-keys'];

/** The server will call a provider's base URL itself: refuse its own network unless allowed (SSRF). */
async function refusePrivateUrl(url: string, allowPrivate: boolean): Promise<void> {
  try {
    await assertPublicUrl(url, { allowPrivate });
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
    throw new Igny8Error('URL_NOT_ALLOWED', `Cannot resolve the host of ${new URL(url).host}`, {
      hint: 'Check the address; private endpoints need server.allowPrivateUrls in the config.',
    });
  }
}

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
