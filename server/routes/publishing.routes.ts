import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import {
  CalendarEntrySchema,
  CalendarQuerySchema,
  DeletedSchema,
  DestinationListQuerySchema,
  DestinationParamsSchema,
  DestinationSchema,
  DestinationTestResultSchema,
  FolderDestinationRequestSchema,
  PublishRequestSchema,
  PublishResultSchema,
  WordPressConnectRequestSchema,
  WebhookDestinationRequestSchema,
  WebhookDestinationResultSchema,
  WordPressConnectResultSchema,
} from '../../src/api-contract/index.js';
import {
  connectWordPress,
  openDestination,
  testWordPress,
  toDestinationView,
} from '../../src/publishing/index.js';
import { refusePrivateUrl } from '../refuse-private-url.js';
import { resolveExportFolder } from '../resolve-export-folder.js';
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
    path: '/destinations/webhook',
    summary: 'Add a signed webhook destination (the signing secret is in this answer only)',
    tags,
    ...publishing,
    permission: 'settings.manage',
    status: 201,
    body: WebhookDestinationRequestSchema,
    response: WebhookDestinationResultSchema,
    handler: async ({ core, scope, body }) => {
      const site = await core.tenancy.getSite(scope, body.siteId);
      await refusePrivateUrl(body.url, core.config.server.allowPrivateUrls);
      // Generated when not given; returned once here, stored encrypted, never shown again.
      const secret = body.secret ?? randomBytes(32).toString('base64url');
      const destination = await core.destinations.upsert(
        { ...scope, siteId: site.id },
        {
          kind: 'webhook',
          ...(body.name ? { name: body.name } : {}),
          config: { url: body.url, includeImages: body.includeImages ?? false },
          secret,
        },
      );
      return { destination, secret };
    },
  }),
  jsonRoute({
    method: 'post',
    path: '/destinations/folder',
    summary: 'Add a folder destination (Markdown/HTML files) inside the server export folder',
    tags,
    ...publishing,
    permission: 'settings.manage',
    status: 201,
    body: FolderDestinationRequestSchema,
    response: DestinationSchema,
    handler: async ({ core, scope, body }) => {
      const site = await core.tenancy.getSite(scope, body.siteId);
      const dir = resolveExportFolder(core.resolvePath(core.config.server.exportDir), body.folder);
      return core.destinations.upsert(
        { ...scope, siteId: site.id },
        {
          kind: 'folder',
          ...(body.name ? { name: body.name } : {}),
          config: { dir, format: body.format ?? 'md' },
        },
      );
    },
  }),
  jsonRoute({
    method: 'post',
    path: '/destinations/:destinationId/test',
    summary: 'Check a destination again (WordPress: connection report; folder: writable; webhook: reachable)',
    tags,
    ...publishing,
    params: DestinationParamsSchema,
    response: DestinationTestResultSchema,
    handler: async ({ core, scope, params }) => {
      const row = await core.destinations.getRow(scope, params.destinationId);
      const urlGuard = { allowPrivate: core.config.server.allowPrivateUrls };
      if (row.kind === 'wordpress') {
        const r = await testWordPress(
          core.destinations,
          { ...scope, siteId: row.site_id },
          row.id,
          guarded(core.config.server.allowPrivateUrls),
        );
        const checks = r.report.problems.map((p) => ({
          name: p.code,
          ok: false,
          detail: p.message,
          ...(p.hint ? { hint: p.hint } : {}),
        }));
        return { destination: r.destination, ok: r.report.ok, checks, report: r.report };
      }
      const adapter = openDestination(row, core.destinations.secretOf(row), {
        mediaDir: core.resolvePath(core.config.media.dir),
        config: core.config,
        urlGuard,
      });
      const r = await adapter.test();
      return { destination: toDestinationView(row), ok: r.ok, checks: r.checks, report: null };
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
