import {
  ContentApproveRequestSchema,
  ContentImageParamsSchema,
  ContentEditRequestSchema,
  ContentListQuerySchema,
  ContentParamsSchema,
  ContentRejectRequestSchema,
  ContentSchema,
} from '../../src/api-contract/index.js';
import { Igny8Error } from '../../src/index.js';
import { sendMediaFile } from '../send-media-file.js';
import { jsonRoute, listRoute, rawRoute } from '../route.js';

const tags = ['content'];
const writer = { module: 'writer' } as const;

export const contentRoutes = [
  listRoute({
    path: '/content',
    summary: 'Articles, newest first, by site, status or text',
    tags,
    ...writer,
    query: ContentListQuerySchema,
    item: ContentSchema,
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
      if (!image?.filePath || image.status !== 'done')
        throw new Igny8Error('IMAGE_NOT_FOUND', `No generated image ${params.imageId} in this article`);
      await sendMediaFile(res, core.resolvePath(core.config.media.dir), image.filePath, image.mime);
    },
  }),
];
