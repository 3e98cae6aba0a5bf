import { z } from 'zod';
import {
  CalendarEntrySchema,
  CalendarQuerySchema,
  DeletedSchema,
  DestinationListQuerySchema,
  DestinationParamsSchema,
  DestinationSchema,
  PublishRequestSchema,
  PublishResultSchema,
  WordPressConnectRequestSchema,
  WordPressConnectResultSchema,
  WordPressTestResultSchema,
} from '../../src/api-contract/index.js';
import { connectWordPress, testWordPress } from '../../src/publishing/index.js';
import { jsonRoute, listRoute } from '../route.js';

const tags = ['publishing'];
const publishing = { module: 'publishing' } as const;

/** In server mode the WordPress client refuses the server's own network unless the config allows it. */
const guarded = (allowPrivate: boolean) => ({ urlGuard: { allowPrivate } });

export const publishingRoutes = [
  listRoute({
    path: '/destinations',
    summary: 'Publishing destinations (never their secrets)',
    tags,
    ...publishing,
    query: DestinationListQuerySchema,
    item: DestinationSchema,
    handler: async ({ core, scope, query, page }) => {
      const all = await core.destinations.list({
        ...scope,
        ...(query.siteId ? { siteId: query.siteId } : {}),
      });
      return { items: all.slice(page.offset, page.offset + page.limit), total: all.length };
    },
  }),
  jsonRoute({
    method: 'post',
    path: '/destinations/wordpress',
    summary: 'Connect a site to WordPress (checks REST API, credentials, permalinks and rights first)',
    tags,
    ...publishing,
    permission: 'settings.manage',
    status: 201,
    body: WordPressConnectRequestSchema,
    response: WordPressConnectResultSchema,
    handler: async ({ core, scope, body }) => {
      const { siteId, ...input } = body;
      // The site must be the caller's: the destination hangs off it.
      const site = await core.tenancy.getSite(scope, siteId);
      return connectWordPress(
        core.destinations,
        { ...scope, siteId: site.id },
        input,
        guarded(core.config.server.allowPrivateUrls),
      );
    },
  }),
  jsonRoute({
    method: 'post',
    path: '/destinations/:destinationId/test',
    summary: 'Check a WordPress destination again',
    tags,
    ...publishing,
    params: DestinationParamsSchema,
    response: WordPressTestResultSchema,
    handler: async ({ core, scope, params }) => {
      const row = await core.destinations.getRow(scope, params.destinationId);
      return testWordPress(
        core.destinations,
        { ...scope, siteId: row.site_id },
        row.id,
        guarded(core.config.server.allowPrivateUrls),
      );
    },
  }),
  jsonRoute({
    method: 'delete',
    path: '/destinations/:destinationId',
    summary: 'Remove a publishing destination',
    tags,
    ...publishing,
    permission: 'settings.manage',
    params: DestinationParamsSchema,
    response: DeletedSchema,
    handler: async ({ core, scope, params }) => {
      const row = await core.destinations.getRow(scope, params.destinationId);
      await core.destinations.remove(scope, row.id);
      return { id: row.id, deleted: true as const };
    },
  }),
  jsonRoute({
    method: 'post',
    path: '/publish',
    summary: "Publish or schedule approved articles (exactly once; follows the site's schedule by default)",
    tags,
    ...publishing,
    body: PublishRequestSchema,
    response: z.array(PublishResultSchema),
    handler: async ({ core, scope, body }) => {
      const { siteId, ...options } = body;
      return core.publisher.publish({ ...scope, siteId }, options);
    },
  }),
  jsonRoute({
    method: 'get',
    path: '/publishing/calendar',
    summary: 'Scheduled and published posts in a time window',
    tags,
    ...publishing,
    query: CalendarQuerySchema,
    response: z.array(CalendarEntrySchema),
    handler: async ({ core, scope, query }) => core.publisher.calendar(scope, query),
  }),
];
