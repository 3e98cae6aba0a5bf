import { describe, expect, it } from 'vitest';
import type { PublishDestinationsTable } from '../db/schema.js';
import { destinationHome, linkedSlugs, planInternalLinks } from './live-links.js';

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

describe('planInternalLinks and linkedSlugs on tricky HTML', () => {
  const targets = {
    home: 'https://x.example/',
    articles: new Map([
      ['live-one', 'id-live'],
      ['not-yet', 'id-pending'],
    ]),
    live: new Map([['live-one', 'https://x.example/live-one/']]),
  };

  it('reads links in any quoting, decodes anchors, and ignores links in comments and attributes', () => {
    const html =
      "<p><a class='btn' href='/live-one/'>AT&amp;T <b>guide</b></a> and <a href=/not-yet/>next</a>.</p>" +
      '<!-- <a href="/not-yet/">old</a> --><img alt=\'<a href="/live-one/">x</a>\'>';
    const { html: out, links } = planInternalLinks(html, targets);
    expect(out).toBe(
      '<p><a class="btn" href="https://x.example/live-one/">AT&amp;T <b>guide</b></a> and next.</p>' +
        '<!-- <a href="/not-yet/">old</a> --><img alt=\'<a href="/live-one/">x</a>\'>',
    );
    expect(links).toEqual([
      { targetContentId: 'id-live', anchor: 'AT&T guide', live: true },
      { targetContentId: 'id-pending', anchor: 'next', live: false },
    ]);
    expect(linkedSlugs(html)).toEqual(['live-one', 'not-yet']);
  });
});
