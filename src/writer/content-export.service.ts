import { z } from 'zod';
import { Igny8Error, parseInput } from '../errors/index.js';
import type { Scope } from '../tenancy/scope.js';
import type { ContentService } from './content.service.js';
import type { ContentView, ImageView } from './content-view.js';
import type { ArticleSite } from './article-site.js';
import { renderArticle, type RenderedArticle } from './export-content.js';

/** The most articles one export returns (the whole batch travels in one response). */
export const MAX_EXPORT_ARTICLES = 500;

export const ContentExportSchema = z.object({
  format: z.enum(['md', 'html']).describe('md: Markdown with YAML front matter; html: a document.'),
  status: z
    .enum(['draft', 'review', 'approved', 'rejected'])
    .optional()
    .describe('Only articles with this status (default approved when no ids are given).'),
  ids: z.array(z.string().min(1).max(100)).min(1).max(MAX_EXPORT_ARTICLES).optional(),
  siteId: z.string().min(1).max(100).optional().describe('Only articles of this site.'),
});
export type ContentExportInput = z.input<typeof ContentExportSchema>;

/** Where a document points for an image it shows (e.g. the API's file URL); null leaves it out. */
export type ImageUrlFor = (image: ImageView, article: ContentView) => string | null;

/** Only generated images have a file to point at. */
const srcOf = (imageUrl: ImageUrlFor, c: ContentView) => (img: ImageView) =>
  img.status === 'done' && img.filePath ? imageUrl(img, c) : null;

/**
 * Articles rendered as documents in memory (no folder, no copied files), the same rendering as
 * `igny8 content export`: front matter, body with its images placed, image references from `imageUrl`.
 * @example await core.contentExport.renderOne({ accountId }, id, 'md', (img) => `/media/${img.id}`)
 */
export function createContentExportService(
  content: Pick<ContentService, 'get' | 'list'>,
  /** The article's site (JSON-LD author, table-of-contents setting); without it no JSON-LD. */
  siteOf?: (scope: Scope, siteId: string) => Promise<ArticleSite | null>,
) {
  const site = (scope: Scope, c: ContentView) => siteOf?.(scope, c.siteId) ?? Promise.resolve(null);
  async function renderOne(
    scope: Scope,
    id: string,
    format: 'md' | 'html',
    imageUrl: ImageUrlFor,
  ): Promise<RenderedArticle> {
    const c = await content.get(scope, id);
    return renderArticle(c, format, srcOf(imageUrl, c), { site: await site(scope, c) });
  }

  async function matching(scope: Scope, q: z.output<typeof ContentExportSchema>): Promise<ContentView[]> {
    if (q.ids) {
      const items: ContentView[] = [];
      for (const id of new Set(q.ids)) {
        const c = await content.get(scope, id);
        if ((!q.status || c.status === q.status) && (!q.siteId || c.siteId === q.siteId)) items.push(c);
      }
      return items;
    }
    const page = await content.list(scope, {
      siteId: q.siteId,
      status: q.status ?? 'approved',
      limit: MAX_EXPORT_ARTICLES,
    });
    if (page.total > MAX_EXPORT_ARTICLES) {
      throw new Igny8Error(
        'VALIDATION_FAILED',
        `${page.total} articles match; one export returns at most ${MAX_EXPORT_ARTICLES}`,
        { hint: 'Narrow it with siteId or status, or pass the ids to export in batches.' },
      );
    }
    const items: ContentView[] = [];
    for (const c of page.items) items.push(await content.get(scope, c.id));
    return items;
  }

  /** Render every matching article (default: approved ones); an unknown id is CONTENT_NOT_FOUND. */
  async function renderMany(
    scope: Scope,
    input: ContentExportInput,
    imageUrl: ImageUrlFor,
  ): Promise<RenderedArticle[]> {
    const q = parseInput(ContentExportSchema, input, 'content export');
    const items = await matching(scope, q);
    const out: RenderedArticle[] = [];
    for (const c of items) {
      out.push(renderArticle(c, q.format, srcOf(imageUrl, c), { site: await site(scope, c) }));
    }
    return out;
  }

  return { renderOne, renderMany };
}

export type ContentExportService = ReturnType<typeof createContentExportService>;
