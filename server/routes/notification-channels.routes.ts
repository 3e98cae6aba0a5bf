import { z } from 'zod';
import {
  ChannelParamsSchema,
  ChannelRequestSchema,
  ChannelSchema,
  ChannelTestResultSchema,
} from '../../src/api-contract/index.js';
import { refusePrivateUrl } from '../refuse-private-url.js';
import { jsonRoute, listRoute } from '../route.js';

const tags = ['notification-channels'];

export const notificationChannelRoutes = [
  listRoute({
    path: '/notification-channels',
    summary: 'Where notifications go besides the bell (webhooks show only their origin)',
    tags,
    item: ChannelSchema,
    handler: async ({ core, scope, page }) => {
      const all = await core.channels.list(scope);
      return { items: all.slice(page.offset, page.offset + page.limit), total: all.length };
    },
  }),
  jsonRoute({
    method: 'post',
    path: '/notification-channels',
    summary: "Add a signed webhook or an email channel (a webhook's secret is in this answer only)",
    tags,
    role: 'admin',
    status: 201,
    body: ChannelRequestSchema,
    response: ChannelSchema,
    handler: async ({ core, scope, body }) => {
      if (body.url) await refusePrivateUrl(body.url, core.config.server.allowPrivateUrls);
      return core.channels.add(scope, body);
    },
  }),
  jsonRoute({
    method: 'post',
    path: '/notification-channels/:channelId/test',
    summary: 'Send a test message to a channel now',
    tags,
    role: 'admin',
    params: ChannelParamsSchema,
    response: ChannelTestResultSchema,
    handler: async ({ core, scope, params }) => core.channels.test(scope, params.channelId),
  }),
  jsonRoute({
    method: 'delete',
    path: '/notification-channels/:channelId',
    summary: 'Remove a channel',
    tags,
    role: 'admin',
    params: ChannelParamsSchema,
    response: z.object({ id: z.string(), deleted: z.literal(true) }),
    handler: async ({ core, scope, params }) => {
      await core.channels.remove(scope, params.channelId);
      return { id: params.channelId, deleted: true as const };
    },
  }),
];
