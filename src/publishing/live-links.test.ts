import { describe, expect, it } from 'vitest';
import type { PublishDestinationsTable } from '../db/schema.js';
import { destinationHome, planInternalLinks } from './live-links.js';

const dest = (kind: PublishDestinationsTable['kind'], url: string) =>
  ({ kind, config: JSON.stringify({ url, user: 'u' }) }) as PublishDestinationsTable;

describe('planInternalLinks', () => {
  const home = destinationHome(dest('wordpress', 'http://host.example/blog/wp-json/'))!;
  const targets = {
    home,
    articles: new Map([
      ['live-one', 'id-live'],
      ['not-yet', 'id-pending'],
    ]),
    live: new Map([['live-one', 'http://host.example/blog/live-one/']]),
  };

  it('links live articles by their absolute URL under a sub-path home, leaves the others out as pending', () => {
    expect(home).toBe('http://host.example/blog/');
    const { html, links } = planInternalLinks(
      '<p>See <a href="/live-one/#steep">the live one</a>, <a href="/not-yet/">the <em>next</em> one</a>, ' +
        '<a href="/about/">about us</a> and <a href="https://other.example/x/">elsewhere</a>.</p>',
      targets,
    );
    expect(html).toBe(
      '<p>See <a href="http://host.example/blog/live-one/#steep">the live one</a>, the <em>next</em> one, ' +
        '<a href="/about/">about us</a> and <a href="https://other.example/x/">elsewhere</a>.</p>',
    );
    expect(links).toEqual([
      { targetContentId: 'id-live', anchor: 'the live one', live: true },
      { targetContentId: 'id-pending', anchor: 'the next one', live: false },
    ]);
  });

  it('has no home (and so no live-only rewriting) for folder and webhook destinations', () => {
    expect(destinationHome(dest('folder', '/tmp/out'))).toBeNull();
  });
});
