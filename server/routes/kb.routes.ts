import { z } from 'zod';
import {
  KbAddRequestSchema,
  KbAddResultSchema,
  KbHitSchema,
  KbSearchQuerySchema,
  KbSourceDetailSchema,
  KbSourceParamsSchema,
  KbSourceSchema,
  SiteParamsSchema,
} from '../../src/api-contract/index.js';
import { refusePrivateUrl } from '../refuse-private-url.js';
import { jsonRoute, listRoute } from '../route.js';

const tags = ['knowledge base'];

export const kbRoutes = [
  listRoute({
    path: '/sites/:siteId/kb/sources',
    summary: "The site's knowledge-base sources, newest first",
    tags,
    params: SiteParamsSchema,
    item: KbSourceSchema,
    handler: async ({ core, scope, params, page }) => {
      const site = await core.tenancy.getSite(scope, params.siteId);
      return core.kb.list({ ...scope, siteId: site.id }, { limit: page.limit, offset: page.offset });
    },
  }),
  jsonRoute({
    method: 'post',
    path: '/sites/:siteId/kb/sources',
    summary: 'Add a source (a page fetched once, or a Markdown, text, HTML, PDF or DOCX file)',
    description:
      'Split into passages and full-text indexed in one transaction. A page is fetched once, now, with ' +
      'its main content extracted; private and loopback addresses (and redirects to them) are refused ' +
      'unless server.allowPrivateUrls.',
    tags,
    status: 201,
    params: SiteParamsSchema,
    body: KbAddRequestSchema,
    response: KbAddResultSchema,
    handler: async ({ core, scope, params, body }) => {
      const site = await core.tenancy.getSite(scope, params.siteId);
      const siteScope = { ...scope, siteId: site.id };
      const title = body.title ? { title: body.title } : {};
      if (body.url) {
        // The address itself here; the core's guarded fetch re-checks every redirect (igny8 serve).
        await refusePrivateUrl(body.url, core.config.server.allowPrivateUrls);
        return core.kb.add(siteScope, { kind: 'url', url: body.url, ...title });
      }
      const bytes =
        body.content !== undefined
          ? Buffer.from(body.content, 'utf8')
          : Buffer.from(body.contentBase64!, 'base64');
      return core.kb.add(siteScope, {
        kind: 'bytes',
        bytes,
        ...title,
        ...(body.fileName ? { fileName: body.fileName } : {}),
        ...(body.format ? { format: body.format } : {}),
        ...(body.sourceUrl ? { url: body.sourceUrl } : {}),
      });
    },
  }),
  jsonRoute({
    method: 'get',
    path: '/kb/sources/:sourceId',
    summary: 'A knowledge-base source with its passages',
    tags,
    params: KbSourceParamsSchema,
    response: KbSourceDetailSchema,
    handler: async ({ core, scope, params }) => core.kb.show(scope, params.sourceId),
  }),
  jsonRoute({
    method: 'delete',
    path: '/kb/sources/:sourceId',
    summary: 'Remove a knowledge-base source and its passages (articles keep their citations)',
    tags,
    params: KbSourceParamsSchema,
    response: KbSourceSchema,
    handler: async ({ core, scope, params }) => core.kb.remove(scope, params.sourceId),
  }),
  jsonRoute({
    method: 'get',
    path: '/sites/:siteId/kb/search',
    summary: "The site's passages that best match the query, ranked by the full-text index",
    tags,
    params: SiteParamsSchema,
    query: KbSearchQuerySchema,
    response: z.object({ items: z.array(KbHitSchema) }),
    handler: async ({ core, scope, params, query }) => {
      const site = await core.tenancy.getSite(scope, params.siteId);
      return { items: await core.kb.search({ ...scope, siteId: site.id }, query.q, query.limit) };
    },
  }),
];
