import fs from 'node:fs';
import path from 'node:path';
import TurndownService from 'turndown';
import YAML from 'yaml';
import type { ContentView, ImageView } from './content-view.js';
import { composeArticleHtml } from './compose-article.js';

export interface ExportOptions {
  format: 'md' | 'html';
  dir: string;
  /** Folder the images' file paths are relative to. */
  mediaDir: string;
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
) {
  return {
    title: c.title,
    slug: c.slug,
    date: c.updatedAt,
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

/**
 * Write articles as Markdown (YAML front matter + body) or HTML (front matter in a leading comment),
 * with their images copied beside them. Re-exporting overwrites the same files: one file per slug.
 */
export function exportContent(items: ContentView[], opts: ExportOptions): ExportedFile[] {
  fs.mkdirSync(opts.dir, { recursive: true });
  const turndown = new TurndownService({
    headingStyle: 'atx',
    bulletListMarker: '-',
    codeBlockStyle: 'fenced',
  });
  const out: ExportedFile[] = [];
  for (const c of items) {
    const images = c.images ?? [];
    const copied = new Map(images.map((i) => [i.id, copyImage(i, opts)]));
    const featuredImg = images.find((i) => i.role === 'featured');
    const featured = featuredImg ? (copied.get(featuredImg.id) ?? null) : null;
    const body = composeArticleHtml(
      c.html.replace(/<!--[\s\S]*?-->\s*/g, ''),
      images,
      (i) => copied.get(i.id) ?? null,
    );
    const listed = images
      .filter((i) => copied.get(i.id))
      .map((i) => ({ file: copied.get(i.id)!, alt: i.alt, role: i.role }));
    const fm = YAML.stringify(frontMatter(c, featured, listed)).trimEnd();
    const file = path.join(opts.dir, `${c.slug}.${opts.format}`);
    const text =
      opts.format === 'md'
        ? `---\n${fm}\n---\n\n# ${c.title}\n\n${turndown.turndown(body)}\n`
        : `<!--\n${fm.replace(/--/g, '- -')}\n-->\n<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(c.metaTitle ?? c.title)}</title><meta name="description" content="${escapeHtml(c.metaDescription ?? '')}"></head>\n<body><article>\n<h1>${escapeHtml(c.title)}</h1>\n${featured ? `<img src="${featured}" alt="${escapeHtml(featuredImg?.alt ?? '')}">\n` : ''}${body}\n</article></body></html>\n`;
    fs.writeFileSync(file, text);
    out.push({ contentId: c.id, file, images: listed.map((l) => l.file) });
  }
  return out;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
