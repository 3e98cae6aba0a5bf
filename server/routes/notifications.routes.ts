import {
  MarkReadRequestSchema,
  MarkReadResultSchema,
  NotificationListRequestSchema,
  NotificationSchema,
} from '../../src/api-contract/index.js';
import { jsonRoute, listRoute } from '../route.js';

const tags = ['notifications'];

export const notificationRoutes = [
  listRoute({
    path: '/notifications',
    summary: 'Notifications of your account, newest first',
    tags,
    query: NotificationListRequestSchema,
    item: NotificationSchema,
    handler: async ({ core, scope, query, page }) =>
      core.notifications.list(scope, {
        unreadOnly: query.unread ?? false,
        limit: page.limit,
        offset: page.offset,
      }),
  }),
  jsonRoute({
    method: 'post',
    path: '/notifications/read',
    summary: 'Mark notifications read (ids, or "all")',
    tags,
    role: 'viewer',
    personal: true,
    body: MarkReadRequestSchema,
    response: MarkReadResultSchema,
    handler: async ({ core, scope, body }) => ({
      updated: await core.notifications.markRead(scope, body.ids),
    }),
  }),
];
