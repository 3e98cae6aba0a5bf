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
    handler: async ({ core, scope, actor, query, page }) =>
      core.notifications.list(scope, {
        unreadOnly: query.unread ?? false,
        // A user sees the account's shared notifications and their own, never a teammate's.
        ...(actor.userId ? { forUser: actor.userId } : {}),
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
