import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import type { ContentView, ImageView } from './content-view.js';
import { exportContent, renderArticle } from './export-content.js';

const image = (
  id: string,
  role: 'featured' | 'inline',
  position: number,
  filePath: string | null,
): ImageView => ({
  id,
  contentId: 'c1',
  role,
  position,
  prompt: `prompt ${id}`,
  negativePrompt: null,
  alt: `alt ${id}`,
  caption: null,
  filePath,
  sha256: null,
  mime: 'image/png',
  width: 1,
  height: 1,
  sizeBytes: 1,
  model: null,
  status: filePath ? 'done' : 'failed',
  error: null,
});

const article = (images: ImageView[]): ContentView => ({
  id: 'c1',
  siteId: 's',
  sectorId: 't',
  taskId: null,
  ideaId: null,
  clusterId: null,
  title: 'Cold brew at home',
  slug: 'cold-brew-at-home',
  html: '<!-- provenance --><p>Intro.</p><h2>Beans</h2><p>Pick beans.</p><h2>Steep</h2><p>Steep long.</p>',
  excerpt: 'Short.',
  metaTitle: 'Cold brew',
  metaDescription: 'How to.',
  focusKeyword: 'cold brew',
  keywords: ['cold brew'],
  wordCount: 6,
  seoScore: 80,
  seoReport: null,
  linkSuggestions: null,
  provenance: {},
  status: 'approved',
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-02T00:00:00.000Z',
  images,
});

describe('renderArticle', () => {
  it('renders Markdown with front matter and asks once per image where it lives', () => {
    const asked: string[] = [];
    const doc = renderArticle(
      article([
        image('f', 'featured', 0, 'f.png'),
        image('i', 'inline', 1, 'i.png'),
        image('x', 'inline', 2, null),
      ]),
      'md',
      (img) => {
        asked.push(img.id);
        return img.filePath ? `/files/${img.id}` : null;
      },
    );
    expect(asked).toEqual(['f', 'i', 'x']);
    expect(doc.filename).toBe('cold-brew-at-home.md');
    const [, fm, body] = doc.body.split(/^---$/m);
    expect(YAML.parse(fm!)).toMatchObject({
      title: 'Cold brew at home',
      slug: 'cold-brew-at-home',
      status: 'approved',
      featured_image: '/files/f',
      images: [
        { file: '/files/f', alt: 'alt f', role: 'featured' },
        { file: '/files/i', alt: 'alt i', role: 'inline' },
      ],
      generator: 'igny8',
    });
    expect(body).toContain('# Cold brew at home');
    expect(body).toContain('![alt i](/files/i)');
    expect(body).not.toContain('provenance');
    expect(doc.images.map((i) => i.id)).toEqual(['f', 'i']);
  });

  it('renders HTML with the front matter in a comment and the featured image first', () => {
    const doc = renderArticle(
      article([image('f', 'featured', 0, 'f.png')]),
      'html',
      (img) => `/files/${img.id}`,
    );
    expect(doc.filename).toBe('cold-brew-at-home.html');
    expect(doc.body.startsWith('<!--\ntitle: Cold brew at home\n')).toBe(true);
    expect(doc.body).toContain('<h1>Cold brew at home</h1>\n<img src="/files/f" alt="alt f">');
    expect(doc.body).toContain('<title>Cold brew</title>');
  });
});

describe('exportContent', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes exactly what renderArticle renders, with images copied beside the file', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-export-'));
    const media = path.join(dir, 'media');
    fs.mkdirSync(media);
    fs.writeFileSync(path.join(media, 'abc.png'), 'png');
    const c = article([image('f', 'featured', 0, 'abc.png'), image('m', 'inline', 1, 'missing.png')]);
    const [file] = exportContent([c], { format: 'md', dir: path.join(dir, 'out'), mediaDir: media });
    expect(file).toEqual({
      contentId: 'c1',
      file: path.join(dir, 'out', 'cold-brew-at-home.md'),
      images: ['images/abc.png'],
    });
    expect(fs.readFileSync(path.join(dir, 'out', 'images', 'abc.png'), 'utf8')).toBe('png');
    const expected = renderArticle(c, 'md', (img) => (img.id === 'f' ? 'images/abc.png' : null)).body;
    expect(fs.readFileSync(file!.file, 'utf8')).toBe(expected);
  });
});
