import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../src/config/index.js';
import type { PublishJob } from '../../src/publishing/index.js';
import {
  createWordPressDestination,
  internalHrefResolver,
  termNamesFor,
} from '../../src/publishing/index.js';
import type { ContentView } from '../../src/writer/index.js';
import { fakeWordPress, json, post, type FakeCall } from '../wordpress/fake-wordpress.js';
import { png } from './seed-publish.js';

const ctx = { mediaDir: os.tmpdir(), config: ConfigSchema.parse({}) };
const config = { url: 'https://wp.test', user: 'editor', categories: ['Guides'] };
const fast = { retry: { maxAttempts: 1 } };

function content(extra: Partial<ContentView> = {}): ContentView {
  return {
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
    metaTitle: 'Cold brew guide',
    metaDescription: 'How to.',
    focusKeyword: 'cold brew',
    keywords: ['cold brew', 'Cold Brew', 'iced coffee'],
    wordCount: 3,
    seoScore: 80,
    seoReport: null,
    linkSuggestions: null,
    provenance: {},
    status: 'approved',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    images: [],
    ...extra,
  };
}

function job(extra: Partial<PublishJob> = {}): PublishJob & { saved: Record<string, unknown> } {
  const saved: Record<string, unknown> = {};
  return {
    recordId: 'r1',
    marker: 'igny8-0123456789abcdef',
    content: content(),
    clusterName: null,
    images: [],
    status: 'publish',
    scheduledAt: null,
    remoteId: null,
    remoteMedia: {},
    saveMedia: async (id, m) => {
      saved[id] = m;
    },
    saveRemoteId: async (id) => {
      saved.remoteId = id;
    },
    saved,
    ...extra,
  };
}

const route = (c: FakeCall) => `${c.method} ${c.url.pathname.replace(/^\/wp-json/, '')}`;
const schemaWith = (keys: string[]) =>
  json({ schema: { properties: { meta: { properties: Object.fromEntries(keys.map((k) => [k, {}])) } } } });

describe('WordPress destination (fake site)', () => {
  it('reports what it could not write: SEO fields without a plugin, a category the user may not create', async () => {
    const site = fakeWordPress((c) => {
      const r = route(c);
      if (r === 'OPTIONS /wp/v2/posts') return schemaWith([]);
      if (r === 'GET /wp/v2/posts') return json([]);
      if (r === 'GET /wp/v2/categories' || r === 'GET /wp/v2/tags') {
        const name = c.url.searchParams.get('search');
        return json(name === 'iced coffee' ? [{ id: 5, name: 'Iced coffee' }] : []);
      }
      if (r === 'POST /wp/v2/tags') return json({ id: 6, name: JSON.parse(c.body).name }, 201);
      if (r === 'POST /wp/v2/categories')
        return json(
          {
            code: 'rest_cannot_create',
            message: 'Sorry, you are not allowed to create terms.',
            data: { status: 403 },
          },
          403,
        );
      if (r === 'POST /wp/v2/posts') {
        const body = JSON.parse(c.body);
        return json(
          post(11, { status: body.status, slug: body.slug, link: 'https://wp.test/cold-brew/' }),
          201,
        );
      }
      return undefined;
    });
    const dest = createWordPressDestination(config, 'pw', ctx, { ...fast, fetch: site.fetch });
    const j = job({ clusterName: 'Coffee' });
    const out = await dest.publish(j);
    expect(out).toEqual({
      remoteId: '11',
      remoteUrl: 'https://wp.test/cold-brew/',
      remoteStatus: 'publish',
      warnings: [
        'category "Guides" not set: WordPress user "editor" may not POST /wp/v2/categories: Sorry, you are not allowed to create terms.',
        'category "Coffee" not set: WordPress user "editor" may not POST /wp/v2/categories: Sorry, you are not allowed to create terms.',
        ...['title', 'description', 'focusKeyword'].map(
          (f) =>
            `SEO ${f} not written: no SEO plugin (Yoast, Rank Math, SEOPress, All in One SEO) exposes fields on this site; the companion plugin would (igny8 wp plugin)`,
        ),
      ],
      repairedMedia: [],
    });
    expect(j.saved.remoteId).toBe('11');
    const created = site.calls.find((c) => route(c) === 'POST /wp/v2/posts')!;
    const body = JSON.parse(created.body);
    expect(body).toMatchObject({
      title: 'Cold brew',
      excerpt: 'Short.',
      slug: 'cold-brew',
      status: 'publish',
      tags: [6, 5],
    });
    expect(body).not.toHaveProperty('categories');
    expect(body).not.toHaveProperty('meta');
    expect(body.content).toContain('<!-- igny8:0123456789abcdef -->');
    // The marker lookup ran before the create.
    const order = site.calls.map(route);
    expect(order.indexOf('GET /wp/v2/posts')).toBeLessThan(order.indexOf('POST /wp/v2/posts'));
  });

  it('updates the checkpointed post with the checkpointed media, uploading and creating nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-wpd-'));
    const file = path.join(dir, 'a.png');
    fs.writeFileSync(file, png(4, 4, 1));
    const site = fakeWordPress((c) => {
      const r = route(c);
      if (r === 'OPTIONS /wp/v2/posts') return schemaWith(['rank_math_title', 'rank_math_description']);
      if (r === 'GET /wp/v2/posts/42') return json(post(42, { status: 'future' }));
      // The checkpointed media still exist, already attached to the post.
      const media = /^GET \/wp\/v2\/media\/(9[12])$/.exec(r);
      if (media)
        return json({
          id: Number(media[1]),
          slug: `m${media[1]}`,
          source_url: media[1] === '91' ? 'https://wp.test/f.png' : 'https://wp.test/i.png',
          post: 42,
          media_details: { width: 4, height: 4, sizes: {} },
        });
      if (r === 'GET /wp/v2/categories' || r === 'GET /wp/v2/tags')
        return json([{ id: 3, name: c.url.searchParams.get('search') }]);
      if (r === 'POST /wp/v2/posts/42') {
        const body = JSON.parse(c.body);
        return json(post(42, { status: body.status, slug: 'cold-brew', link: 'https://wp.test/cold-brew/' }));
      }
      return undefined;
    });
    const dest = createWordPressDestination(config, 'pw', ctx, { ...fast, fetch: site.fetch });
    const image = (id: string, role: 'featured' | 'inline', position: number) => ({
      ...{
        id,
        contentId: 'c1',
        role,
        position,
        prompt: '',
        negativePrompt: null,
        alt: `alt ${id}`,
        caption: null,
      },
      ...{
        filePath: 'a.png',
        sha256: null,
        mime: 'image/png',
        width: 4,
        height: 4,
        sizeBytes: 1,
        model: null,
      },
      ...{ status: 'done' as const, error: null, absolutePath: file },
    });
    const j = job({
      remoteId: '42',
      images: [image('f', 'featured', 0), image('i', 'inline', 1)],
      remoteMedia: {
        f: { id: '91', url: 'https://wp.test/f.png' },
        i: { id: '92', url: 'https://wp.test/i.png' },
      },
      content: content({
        html: '<p>See <a href="/iced-coffee/">iced</a>.</p><h2>Beans</h2><p>Pick.</p><!-- old note -->',
      }),
      resolveInternalHref: internalHrefResolver(new Map([['iced-coffee', 'https://wp.test/iced-coffee/']])),
    });
    const out = await dest.publish(j);
    expect(out).toMatchObject({
      remoteId: '42',
      remoteStatus: 'publish',
      warnings: [
        'SEO focusKeyword not written: Rank Math does not expose its focusKeyword field over the REST API',
      ],
    });
    const routes = site.calls.map(route);
    expect(routes.filter((r) => r.startsWith('POST'))).toEqual(['POST /wp/v2/posts/42']);
    // The media were only looked at (still there?), not uploaded or changed.
    expect(routes.filter((r) => r.includes('/media')).sort()).toEqual([
      'GET /wp/v2/media/91',
      'GET /wp/v2/media/92',
    ]);
    expect(out.repairedMedia).toEqual([]);
    const body = JSON.parse(site.calls.find((c) => route(c) === 'POST /wp/v2/posts/42')!.body);
    expect(body.featured_media).toBe(91);
    expect(body.meta).toEqual({ rank_math_title: 'Cold brew guide', rank_math_description: 'How to.' });
    expect(body.content).toContain(
      '<!-- wp:image {"id":92,"sizeSlug":"full"} -->\n<figure class="wp-block-image size-full"><img src="https://wp.test/i.png" alt="alt i" class="wp-image-92" width="4" height="4"/></figure>',
    );
    expect(body.content).toContain('<a href="https://wp.test/iced-coffee/">iced</a>');
    expect(body.content).not.toContain('old note');
    // It was scheduled; published now, its date moves to now.
    expect(Date.parse(`${body.date_gmt}Z`)).toBeGreaterThan(Date.now() - 60_000);
    expect(j.saved).toEqual({});
  });

  it('syncs status and URL back: trashed stays trash, a deleted post is missing', async () => {
    const site = fakeWordPress((c) => {
      const r = route(c);
      if (r === 'GET /wp/v2/posts/5') return json(post(5, { status: 'trash', link: 'https://wp.test/?p=5' }));
      if (r === 'GET /wp/v2/posts/6')
        return json(
          { code: 'rest_post_invalid_id', message: 'Invalid post ID.', data: { status: 404 } },
          404,
        );
      return undefined;
    });
    const dest = createWordPressDestination(config, 'pw', ctx, { ...fast, fetch: site.fetch });
    expect(await dest.sync!('5')).toMatchObject({ remoteStatus: 'trash', remoteUrl: 'https://wp.test/?p=5' });
    expect(await dest.sync!('6')).toEqual({ remoteId: '6', remoteUrl: null, remoteStatus: 'missing' });
    expect(await dest.sync!('not-a-post')).toBeNull();
  });

  it('test() turns the connection report into checks with hints', async () => {
    const site = fakeWordPress((c) => {
      if (route(c) === 'GET /wp/v2/users/me')
        return json({ code: 'invalid_username', message: 'Unknown username.', data: { status: 401 } }, 401);
      return undefined;
    });
    const dest = createWordPressDestination(config, 'pw', ctx, { ...fast, fetch: site.fetch });
    const res = await dest.test();
    expect(res.ok).toBe(false);
    expect(res.checks.map((c) => [c.name, c.ok])).toEqual([
      ['rest', true],
      ['permalinks', true],
      ['users/me', false],
      ['capabilities', false],
      ['seo-fields', false],
    ]);
    expect(res.checks[2]!.hint).toMatch(/application password/i);
  });

  it('files posts under the configured categories and the cluster, tagged with the keywords once each', () => {
    const names = termNamesFor(
      {
        content: content({ keywords: Array.from({ length: 14 }, (_, i) => `kw ${i}`) }),
        clusterName: 'Coffee',
      },
      ['Guides'],
    );
    expect(names.categories).toEqual(['Guides', 'Coffee']);
    expect(names.tags).toHaveLength(10);
    expect(names.tags[0]).toBe('cold brew');
    expect(termNamesFor({ content: content(), clusterName: null }, []).tags).toEqual([
      'cold brew',
      'iced coffee',
    ]);
  });
});
