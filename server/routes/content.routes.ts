import {
  ContentApproveRequestSchema,
  ContentImageParamsSchema,
  ContentEditRequestSchema,
  ContentExportQuerySchema,
  ContentExportRequestSchema,
  ContentExportResultSchema,
  ContentListQuerySchema,
  ContentParamsSchema,
  ContentRejectRequestSchema,
  ContentSchema,
  ContentSummarySchema,
  OptimizeDiffSchema,
  OptimizeRequestSchema,
  OptimizeResultSchema,
} from '../../src/api-contract/index.js';
import type { ImageUrlFor } from '../../src/index.js';
import { API_PREFIX } from '../openapi.js';
import { jsonRoute, listRoute, rawRoute, Reply } from '../route.js';
import { sendImageFile } from '../send-image-file.js';

const tags = ['content'];
const writer = { module: 'writer' } as const;

const MEDIA_TYPES = { md: 'text/markdown', html: 'text/html' } as const;

/** Exported documents point at the image file route, which checks access like every other. */
const apiImageUrl: ImageUrlFor = (img) => `${API_PREFIX}/images/${encodeURIComponent(img.id)}/file`;

export const contentRoutes = [
  listRoute({
    path: '/content',
    summary: 'Articles, newest first, by site, status or text',
    tags,
    ...writer,
    query: ContentListQuerySchema,
    item: ContentSummarySchema,
    handler: async ({ core, scope, query, page }) =>
      core.content.list(scope, { ...query, limit: page.limit, offset: page.offset }),
  }),
  jsonRoute({
    method: 'get',
    path: '/content/:contentId',
    summary: 'One article with its SEO report, link suggestions and images',
    tags,
    ...writer,
    params: ContentParamsSchema,
    response: ContentSchema,
    handler: async ({ core, scope, params }) => core.content.get(scope, params.contentId),
  }),
  jsonRoute({
    method: 'patch',
    path: '/content/:contentId',
    summary: 'Edit an article (HTML is sanitized; word count and SEO score are recomputed)',
    description:
      'Send `baseUpdatedAt` (the `updatedAt` the edit started from) so an edit never overwrites a ' +
      "teammate's: when the article changed since, nothing is saved and the answer is 409 " +
      'CONTENT_CHANGED. Without it the edit applies whatever changed meanwhile.',
    tags,
    ...writer,
    params: ContentParamsSchema,
    body: ContentEditRequestSchema,
    response: ContentSchema,
    handler: async ({ core, scope, params, body }) => core.content.edit(scope, params.contentId, body),
  }),
  jsonRoute({
    method: 'post',
    path: '/content/:contentId/approve',
    summary: 'Approve an article (applies the reviewed internal links), ready to publish',
    tags,
    ...writer,
    params: ContentParamsSchema,
    body: ContentApproveRequestSchema,
    response: ContentSchema,
    handler: async ({ core, scope, params, body }) => core.content.approve(scope, params.contentId, body),
  }),
  jsonRoute({
    method: 'post',
    path: '/content/:contentId/reject',
    summary: 'Reject an article, with a reason',
    tags,
    ...writer,
    params: ContentParamsSchema,
    body: ContentRejectRequestSchema,
    response: ContentSchema,
    handler: async ({ core, scope, params, body }) =>
      core.content.reject(scope, params.contentId, body.reason),
  }),
  jsonRoute({
    method: 'post',
    path: '/content/:contentId/optimize',
    summary: 'De-AI pass over an article: phrase scrubber, optionally an AI rewrite first (metered)',
    description:
      'The same pass as `igny8 optimize`: tell-tale AI phrasing and the site voice guide’s banned phrases ' +
      'are scrubbed; `rewrite: true` first rewrites the article with the optimize_content AI function ' +
      '(charged once, also on a dry run); `dryRun: true` saves nothing. A saved change sends an approved ' +
      'article back to review.',
    tags,
    module: 'optimizer',
    rateLimit: 'ai',
    params: ContentParamsSchema,
    body: OptimizeRequestSchema,
    response: OptimizeResultSchema,
    handler: async ({ core, scope, params, body }) => {
      // The CLI prints this notice before a rewrite; the API puts it in the envelope's message.
      const notice = body.rewrite ? await core.ai.providerNotice(scope) : null;
      const result = await core.optimizer.optimize(scope, params.contentId, body);
      return notice ? new Reply(result, notice) : result;
    },
  }),
  jsonRoute({
    method: 'get',
    path: '/content/:contentId/optimize/diff',
    summary: "The last de-AI pass's word diff: the text before it against the article now",
    tags,
    module: 'optimizer',
    params: ContentParamsSchema,
    response: OptimizeDiffSchema,
    handler: async ({ core, scope, params }) => core.optimizer.lastDiff(scope, params.contentId),
  }),
  rawRoute({
    method: 'get',
    path: '/content/:contentId/images/:imageId/file',
    summary: "An article's generated image file (only to members of its account)",
    tags,
    ...writer,
    params: ContentImageParamsSchema,
    produces: 'image/*',
    handler: async ({ core, scope, params, res }) => {
      const article = await core.content.get(scope, params.contentId);
      const image = article.images?.find((i) => i.id === params.imageId);
      await sendImageFile(core, res, image, params.imageId);
    },
  }),
  rawRoute({
    method: 'get',
    path: '/content/:contentId/export',
    summary: 'An article as a Markdown or HTML document with front matter (images point at the API)',
    description:
      'The same rendering as `igny8 content export`: `?format=md` (default) answers text/markdown with ' +
      'YAML front matter; `?format=html` answers text/html with the front matter in a leading comment. ' +
      "Image references are this API's file URLs (`/api/v1/images/{imageId}/file`).",
    tags,
    ...writer,
    params: ContentParamsSchema,
    query: ContentExportQuerySchema,
    produces: 'text/markdown',
    handler: async ({ core, scope, params, query, res }) => {
      const doc = await core.contentExport.renderOne(scope, params.contentId, query.format, apiImageUrl);
      res.status(200);
      res.setHeader('Content-Type', `${MEDIA_TYPES[query.format]}; charset=utf-8`);
      res.setHeader('Content-Disposition', `inline; filename="${doc.filename.replace(/[^\w.-]/g, '_')}"`);
      // The document is the user's own sanitized HTML; a sandbox keeps it inert if opened directly.
      res.setHeader(
        'Content-Security-Policy',
        "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
      );
      res.send(doc.body);
    },
  }),
  jsonRoute({
    method: 'post',
    path: '/content/export',
    summary: 'Render several articles as Markdown or HTML documents (default: every approved one)',
    description:
      'Nothing is written: each document comes back as text, named `<slug>.<format>`. At most 500 ' +
      'articles per call; an unknown id is 404.',
    tags,
    ...writer,
    role: 'viewer',
    readOnly: true,
    body: ContentExportRequestSchema,
    response: ContentExportResultSchema,
    handler: async ({ core, scope, body }) => {
      const docs = await core.contentExport.renderMany(scope, body, apiImageUrl);
      return {
        files: docs.map((d) => ({
          contentId: d.contentId,
          slug: d.slug,
          filename: d.filename,
          body: d.body,
        })),
      };
    },
  }),
];
