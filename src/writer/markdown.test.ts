import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { createFolderDestination } from '../publishing/folder-destination.js';
import type { PublishJob } from '../publishing/destination.types.js';
import type { ContentView } from './content-view.js';
import { renderArticle } from './export-content.js';
import { htmlToMarkdown } from './markdown.js';

const TABLE =
  '<table><thead><tr><th>Bean</th><th>Ratio</th></tr></thead>' +
  '<tbody><tr><td>Arabica</td><td>1:8</td></tr><tr><td>Robusta</td><td>1:10</td></tr></tbody></table>';

const article = (html: string): ContentView =>
  ({
    id: 'c1',
    title: 'Cold brew',
    slug: 'cold-brew',
    html,
    keywords: [],
    provenance: {},
    status: 'approved',
    updatedAt: '2025-01-02T00:00:00.000Z',
    images: [
      {
        id: 'i1',
        contentId: 'c1',
        role: 'inline',
        position: 1,
        alt: 'A glass of cold brew',
        caption: 'A glass of cold brew',
        filePath: 'i1.png',
        status: 'done',
      },
    ],
  }) as unknown as ContentView;

// Bug fix: the Markdown export turned every table cell into a paragraph and wrote captions twice.
describe('Markdown export keeps tables and writes each caption once', () => {
  it('renders a table as a GFM pipe table', () => {
    expect(htmlToMarkdown(`<p>Ratios:</p>${TABLE}`)).toBe(
      'Ratios:\n\n| Bean | Ratio |\n| --- | --- |\n| Arabica | 1:8 |\n| Robusta | 1:10 |',
    );
  });

  it('renders a figure as one image and one caption line', () => {
    const doc = renderArticle(article(`<p>Intro.</p><h2>Steep</h2><p>Steep long.</p>${TABLE}`), 'md', (i) =>
      i.filePath ? `images/${i.filePath}` : null,
    );
    expect(doc.body).toContain('![A glass of cold brew](images/i1.png)\n*A glass of cold brew*');
    const markdown = doc.body.split(/^---$/m)[2]!;
    expect(markdown.split('A glass of cold brew').length - 1).toBe(2); // alt text + caption, nothing more
    expect(doc.body).toContain('| Arabica | 1:8 |');
  });

  it('folder export keeps the scheduled date in the front matter', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-md-'));
    try {
      const when = new Date('2031-05-06T07:30:00.000Z');
      const dest = createFolderDestination({ dir, format: 'md' }, dir);
      const c = article('<p>Body.</p>');
      const out = await dest.publish({
        content: c,
        images: [],
        status: 'future',
        scheduledAt: when,
      } as unknown as PublishJob);
      const [, fm] = fs.readFileSync(path.join(dir, out.remoteId), 'utf8').split(/^---$/m);
      expect(YAML.parse(fm!)).toMatchObject({ date: when.toISOString(), scheduled_at: when.toISOString() });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
