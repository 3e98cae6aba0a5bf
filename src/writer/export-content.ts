import fs from 'node:fs';
import path from 'node:path';
import type YAML from 'yaml';
import { lazyRequire } from '../util/lazy-require.js';
import type { ContentView, ImageView } from './content-view.js';
import { composeArticleHtml } from './compose-article.js';
import type { ArticleSite } from './article-site.js';
import { htmlToMarkdown } from './markdown.js';
import { jsonLdScript, structuredData, withTableOfContents } from './structured-data.js';

export interface ExportOptions {
  format: 'md' | 'html';
  dir: string;
  /** Folder the images' file paths are relative to. */
  mediaDir: string;
  /** When the article is scheduled to go live: the front matter's date (static sites publish by it). */
  scheduledAt?: Date | null;
  /** The articles' site by id: JSON-LD (author, publisher) and its table-of-contents setting. */
  sites?: Map<string, ArticleSite>;
}

export interface ExportedFile {
  contentId: string;
  file: string;
  images: string[];
}

function frontMatter(
  c: ContentView,
  featured: string | null,
  images: Array<{ file: string; alt: string | null; role: string }>,
  scheduledAt: Date | null,
) {
  return {
    title: c.title,
    slug: c.slug,
    date: scheduledAt ? scheduledAt.toISOString() : c.updatedAt,
    ...(scheduledAt ? { scheduled_at: scheduledAt.toISOString() } : {}),
    status: c.status,
    excerpt: c.excerpt,
    meta_title: c.metaTitle,
    meta_description: c.metaDescription,
    focus_keyword: c.focusKeyword,
    keywords: c.keywords,
    seo_score: c.seoScore,
    word_count: c.wordCount,
    featured_image: featured,
    images,
    generator: c.provenance.sandbox ? 'igny8 (sandbox provider)' : 'igny8',
  };
}

/** Copy an image into DIR/images/<sha>.<ext> once; returns its path relative to DIR. */
function copyImage(img: ImageView, opts: ExportOptions): string | null {
  if (img.status !== 'done' || !img.filePath) return null;
  const src = path.resolve(opts.mediaDir, img.filePath);
  if (!fs.existsSync(src)) return null;
  const name = path.basename(src);
  const dest = path.join(opts.dir, 'images', name);
  if (!fs.existsSync(dest)) {
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.copyFileSync(src, dest);
  }
  return `images/${name}`;
}

/** One article rendered as a document: its file name, the text, and the images it references. */
export interface RenderedArticle {
  contentId: string;
  slug: string;
  /** `<slug>.md` or `<slug>.html`. */
  filename: string;
  body: string;
  /** The images the document references (done images with a source), as listed in its front matter. */
  images: Array<{ id: string; file: string; alt: string | null; role: string }>;
}

// Loaded on the first export, not by every command (P11).
const yaml = lazyRequire<typeof YAML>('yaml');

/**
 * Render one article as Markdown (YAML front matter + body) or HTML (front matter in a leading
 * comment). Pure apart from `srcFor`, which is asked once per image for the reference to put in the
 * document (a copied file's relative path, an API URL) or null to leave the image out.
 * @example renderArticle(article, 'md', (img) => `/api/v1/images/${img.id}/file`).body
 */
export function renderArticle(
  c: ContentView,
  format: 'md' | 'html',
  srcFor: (image: ImageView) => string | null,
  opts: { scheduledAt?: Date | null; site?: ArticleSite | null } = {},
): RenderedArticle {
  const images = c.images ?? [];
  const srcs = new Map(images.map((i) => [i.id, srcFor(i)]));
  const featuredImg = images.find((i) => i.role === 'featured');
  const featured = featuredImg ? (srcs.get(featuredImg.id) ?? null) : null;
  const composed = composeArticleHtml(
    c.html.replace(/<!--[\s\S]*?-->\s*/g, ''),
    images,
    (i) => srcs.get(i.id) ?? null,
  );
  const html = opts.site?.toc ? withTableOfContents(composed) : composed;
  // schema.org Article (+ FAQPage, HowTo) when the site is known: it is the author and publisher.
  const jsonLd = opts.site
    ? jsonLdScript(
        structuredData(c, {
          site: opts.site,
          datePublished: opts.scheduledAt ? opts.scheduledAt.toISOString() : c.updatedAt,
          dateModified: c.updatedAt,
          imageUrl: featured,
        }),
      )
    : null;
  const listed = images
    .filter((i) => srcs.get(i.id))
    .map((i) => ({ id: i.id, file: srcs.get(i.id)!, alt: i.alt, role: i.role }));
  const fm = yaml()
    .stringify(
      frontMatter(
        c,
        featured,
        listed.map(({ file, alt, role }) => ({ file, alt, role })),
        opts.scheduledAt ?? null,
      ),
    )
    .trimEnd();
  const body =
    format === 'md'
      ? `---\n${fm}\n---\n\n# ${c.title}\n\n${htmlToMarkdown(html)}\n${jsonLd ? `\n${jsonLd}\n` : ''}`
      : `<!--\n${fm.replace(/--/g, '- -')}\n-->\n<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(c.metaTitle ?? c.title)}</title><meta name="description" content="${escapeHtml(c.metaDescription ?? '')}">${jsonLd ?? ''}</head>\n<body><article>\n<h1>${escapeHtml(c.title)}</h1>\n${featured ? `<img src="${featured}" alt="${escapeHtml(featuredImg?.alt ?? '')}">\n` : ''}${html}\n</article></body></html>\n`;
  return { contentId: c.id, slug: c.slug, filename: `${c.slug}.${format}`, body, images: listed };
}

/**
 * Write articles as Markdown (YAML front matter + body) or HTML (front matter in a leading comment),
 * with their images copied beside them. Re-exporting overwrites the same files: one file per slug.
 */
export function exportContent(items: ContentView[], opts: ExportOptions): ExportedFile[] {
  fs.mkdirSync(opts.dir, { recursive: true });
  const out: ExportedFile[] = [];
  for (const c of items) {
    const doc = renderArticle(c, opts.format, (i) => copyImage(i, opts), {
      scheduledAt: opts.scheduledAt,
      site: opts.sites?.get(c.siteId) ?? null,
    });
    const file = path.join(opts.dir, doc.filename);
    fs.writeFileSync(file, doc.body);
    out.push({ contentId: c.id, file, images: doc.images.map((l) => l.file) });
  }
  return out;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
