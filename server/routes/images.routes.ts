import {
  GalleryImageSchema,
  ImageListQuerySchema,
  ImageParamsSchema,
  ImageRegenerateRequestSchema,
} from '../../src/api-contract/index.js';
import { jsonRoute, listRoute, rawRoute } from '../route.js';
import { sendImageFile } from '../send-image-file.js';

const tags = ['images'];
const images = { module: 'images' } as const;

export const imageRoutes = [
  listRoute({
    path: '/images',
    summary: 'The image gallery: prompts, alt text, size and status, by article (newest first)',
    tags,
    ...images,
    query: ImageListQuerySchema,
    item: GalleryImageSchema,
    handler: async ({ core, scope, query, page }) => {
      const { siteId, sectorId, ...filters } = query;
      return core.images.list(
        { accountId: scope.accountId, ...(siteId ? { siteId } : {}), ...(sectorId ? { sectorId } : {}) },
        { ...filters, limit: page.limit, offset: page.offset },
      );
    },
  }),
  jsonRoute({
    method: 'get',
    path: '/images/:imageId',
    summary: 'One image with its prompt and the article it belongs to',
    tags,
    ...images,
    params: ImageParamsSchema,
    response: GalleryImageSchema,
    handler: async ({ core, scope, params }) => core.images.get(scope, params.imageId),
  }),
  rawRoute({
    method: 'get',
    path: '/images/:imageId/file',
    summary: "An image's generated file (only to members of its account)",
    tags,
    ...images,
    params: ImageParamsSchema,
    produces: 'image/*',
    handler: async ({ core, scope, params, res }) =>
      sendImageFile(core, res, await core.images.get(scope, params.imageId), params.imageId),
  }),
  jsonRoute({
    method: 'post',
    path: '/images/:imageId/regenerate',
    summary: 'Draw an image again, with its prompt or a new one (metered: charges image credits)',
    description:
      'Resets the image to pending, then runs generate_images for it through the AI engine: credits are ' +
      'reserved before the call and settled after it (released on failure). If the drawing fails, an ' +
      'image that had a file keeps it and carries the error.',
    tags,
    ...images,
    role: 'editor',
    rateLimit: 'image',
    params: ImageParamsSchema,
    body: ImageRegenerateRequestSchema,
    response: GalleryImageSchema,
    handler: async ({ core, scope, params, body }) => core.images.regenerate(scope, params.imageId, body),
  }),
];
