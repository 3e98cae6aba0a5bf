import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../src/config/index.js';
import {
  createWordPressDestination,
  placeJsonLd,
  wordpressTestResult,
  type PublishJob,
} from '../../src/publishing/index.js';
import {
  chooseJsonLdRoute,
  JSONLD_META_KEY,
  JSONLD_STRIPPED_WARNING,
  jsonLdMetaExposed,
  linksAllowScripts,
  type WpConnectionReport,
} from '../../src/publishing/wordpress/index.js';
import type { ContentView } from '../../src/writer/index.js';
import { fakeWordPress, json, post, type FakeCall } from '../wordpress/fake-wordpress.js';
import { ArticleLd, LdItem, ldOf } from './schema-org-shapes.js';

const ARTICLE = { '@context': 'https://schema.org', '@type': 'Article', headline: 'H' };
const SELF = { self: [{ href: 'https://wp.test/wp-json/wp/v2/posts/1' }] };
const ACTION = { 'wp:action-unfiltered-html': [{ href: 'https://wp.test/wp-json/wp/v2/posts/1' }] };

describe('choosing how JSON-LD reaches the page', () => {
  it('prefers the companion meta, then the content where scripts are kept, else nothing with a warning', () => {
    expect(chooseJsonLdRoute({ metaKey: true, unfilteredHtml: false })).toEqual({
      via: 'meta',
      warning: null,
    });
    expect(chooseJsonLdRoute({ metaKey: true, unfilteredHtml: true }).via).toBe('meta');
    expect(chooseJsonLdRoute({ metaKey: false, unfilteredHtml: true })).toEqual({
      via: 'content',
      warning: null,
    });
    expect(chooseJsonLdRoute({ metaKey: false, unfilteredHtml: false })).toEqual({
      via: 'none',
      warning: JSONLD_STRIPPED_WARNING,
    });
    // The site would not say: as before (in the content); the saved post's links then tell.
    expect(chooseJsonLdRoute({ metaKey: false, unfilteredHtml: null }).via).toBe('content');
  });

  it('reads the meta key from the post schema and the capability from a post’s links', () => {
    expect(jsonLdMetaExposed({ properties: { meta: { properties: { [JSONLD_META_KEY]: {} } } } })).toBe(true);
    expect(jsonLdMetaExposed({ properties: { meta: { properties: { _yoast_wpseo_title: {} } } } })).toBe(
      false,
    );
    expect(jsonLdMetaExposed(null)).toBe(false);
    expect(linksAllowScripts({ ...SELF, ...ACTION })).toBe(true);
    expect(linksAllowScripts({ ...SELF, 'https://api.w.org/action-unfiltered-html': [] })).toBe(true);
    expect(linksAllowScripts(SELF)).toBe(false);
    expect(linksAllowScripts(undefined)).toBeNull();
  });

  it('places the JSON-LD in exactly one of meta and content', () => {
    const meta = placeJsonLd([ARTICLE], { via: 'meta', warning: null });
    expect(meta).toEqual({ script: '', meta: { [JSONLD_META_KEY]: JSON.stringify(ARTICLE) }, warning: null });
    const content = placeJsonLd([ARTICLE, ARTICLE], { via: 'content', warning: null });
    expect(content.meta).toEqual({});
    expect(ldOf(content.script)).toEqual([ARTICLE, ARTICLE]);
    const none = placeJsonLd([ARTICLE], { via: 'none', warning: JSONLD_STRIPPED_WARNING });
    expect(none).toMatchObject({ script: '', meta: {} });
    expect(none.warning).toContain(JSONLD_STRIPPED_WARNING);
    expect(placeJsonLd([], { via: 'none', warning: JSONLD_STRIPPED_WARNING }).warning).toBeNull();
  });

  it('adds a json-ld line to `igny8 wp test` only when it is not the usual script in the content', () => {
    const report = (jsonLd: WpConnectionReport['jsonLd']): WpConnectionReport => ({
      ok: true,
      site: 'https://wp.test',
      restRoot: 'https://wp.test/wp-json/',
      siteName: 'x',
      rest: true,
      prettyPermalinks: true,
      user: null,
      seo: null,
      jsonLd,
      problems: [],
    });
    const line = (r: WpConnectionReport) => wordpressTestResult(r).checks.find((c) => c.name === 'json-ld');
    expect(line(report({ via: 'content', warning: null }))).toBeUndefined();
    expect(line(report({ via: 'meta', warning: null }))).toMatchObject({ ok: true });
    const none = report({ via: 'none', warning: JSONLD_STRIPPED_WARNING });
    expect(line(none)).toMatchObject({ ok: false, detail: JSONLD_STRIPPED_WARNING });
    expect(line(none)!.hint).toContain('igny8 wp plugin --out DIR');
    expect(wordpressTestResult(none).ok).toBe(true);
  });
});

const article: ContentView = {
  id: 'c1',
  siteId: 's1',
  sectorId: 'x1',
  taskId: null,
  ideaId: null,
  clusterId: null,
  title: 'Cold brew',
  slug: 'cold-brew',
  html: '<p>Intro</p><h2>Beans</h2><p>Pick.</p>',
  excerpt: 'Short.',
  metaTitle: null,
  metaDescription: 'How to.',
  focusKeyword: null,
  keywords: [],
  wordCount: 3,
  seoScore: 80,
  seoReport: null,
  linkSuggestions: null,
  provenance: {},
  status: 'approved',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  images: [],
};

function job(): PublishJob {
  return {
    recordId: 'r1',
    marker: 'igny8-0123456789abcdef',
    content: article,
    site: { name: 'Coffee Blog' },
    clusterName: null,
    images: [],
    status: 'publish',
    scheduledAt: null,
    remoteId: null,
    remoteMedia: {},
    saveMedia: async () => {},
    saveRemoteId: async () => {},
  };
}

const route = (c: FakeCall) => `${c.method} ${c.url.pathname.replace(/^\/wp-json/, '')}`;

/** A fake site: its post schema's meta keys, the posts the probe lists, users/me, the saved post. */
function site(opts: {
  metaKeys?: string[];
  listed?: unknown[];
  caps?: Record<string, boolean>;
  saved?: object;
}) {
  return fakeWordPress((c) => {
    const r = route(c);
    if (r === 'OPTIONS /wp/v2/posts') {
      const props = Object.fromEntries((opts.metaKeys ?? []).map((k) => [k, { type: 'string' }]));
      return json({ schema: { properties: { meta: { properties: props } } } });
    }
    if (r === 'GET /wp/v2/posts') return json(c.url.searchParams.get('_fields') ? (opts.listed ?? []) : []);
    if (r === 'GET /wp/v2/users/me') return json({ id: 2, name: 'editor', capabilities: opts.caps ?? {} });
    if (r === 'POST /wp/v2/posts' || r === 'POST /wp/v2/posts/11')
      return json(post(11, { status: 'publish', ...opts.saved }), r === 'POST /wp/v2/posts' ? 201 : 200);
    return undefined;
  });
}

function destination(fake: ReturnType<typeof site>) {
  const ctx = { mediaDir: os.tmpdir(), config: ConfigSchema.parse({}) };
  return createWordPressDestination({ url: 'https://wp.test', user: 'editor' }, 'pw', ctx, {
    retry: { maxAttempts: 1 },
    fetch: fake.fetch,
  });
}

const bodies = (fake: ReturnType<typeof site>, r: string) =>
  fake.calls.filter((c) => route(c) === r).map((c) => JSON.parse(c.body) as Record<string, any>);

describe('the WordPress destination places JSON-LD the way the site allows (fake site)', () => {
  it('sends it as the companion meta, not in the content, without asking about scripts', async () => {
    const fake = site({ metaKeys: [JSONLD_META_KEY] });
    const res = await destination(fake).publish(job());
    const [body] = bodies(fake, 'POST /wp/v2/posts');
    expect(body!.content).not.toContain('application/ld+json');
    const items = [JSON.parse(body!.meta[JSONLD_META_KEY])].map((i) => LdItem.parse(i));
    expect(ArticleLd.parse(items[0])).toMatchObject({
      headline: 'Cold brew',
      publisher: { name: 'Coffee Blog' },
    });
    expect(res.warnings.join('\n')).not.toContain('JSON-LD');
    expect(fake.calls.some((c) => route(c) === 'GET /wp/v2/users/me')).toBe(false);
  });

  it('leaves it out with a warning when a post’s links say WordPress strips this user’s scripts', async () => {
    // users/me lists the capability (a multisite editor's role has it); the links are what counts.
    const fake = site({ listed: [{ id: 1, _links: SELF }], caps: { unfiltered_html: true } });
    const res = await destination(fake).publish(job());
    const [body] = bodies(fake, 'POST /wp/v2/posts');
    expect(body!.content).not.toContain('<script');
    expect(body!.meta).toBeUndefined();
    expect(res.warnings).toContain(`${JSONLD_STRIPPED_WARNING}; the post was published without it`);
  });

  it('keeps it in the content for a user with unfiltered_html', async () => {
    const fake = site({
      listed: [{ id: 1, _links: { ...SELF, ...ACTION } }],
      saved: { _links: { ...SELF, ...ACTION } },
    });
    const res = await destination(fake).publish(job());
    expect(ldOf(bodies(fake, 'POST /wp/v2/posts')[0]!.content)).toHaveLength(1);
    expect(bodies(fake, 'POST /wp/v2/posts/11')).toEqual([]);
    expect(res.warnings.join('\n')).not.toContain('JSON-LD');
  });

  it('takes the script out again when the saved post shows WordPress stripped it', async () => {
    // No post to ask and users/me says yes, but the saved post's links say no.
    const fake = site({ caps: { unfiltered_html: true }, saved: { _links: SELF } });
    const res = await destination(fake).publish(job());
    expect(ldOf(bodies(fake, 'POST /wp/v2/posts')[0]!.content)).toHaveLength(1);
    const [fix] = bodies(fake, 'POST /wp/v2/posts/11');
    expect(Object.keys(fix!)).toEqual(['content']);
    expect(fix!.content).not.toContain('<script');
    expect(fix!.content).toContain('<!-- igny8:0123456789abcdef -->');
    expect(res.warnings).toContain(`${JSONLD_STRIPPED_WARNING}; the post was published without it`);
  });
});
