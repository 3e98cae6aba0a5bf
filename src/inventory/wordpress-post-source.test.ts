import { describe, expect, it } from 'vitest';
import { fakeWordPress, json } from '../../test/wordpress/fake-wordpress.js';
import { createWordPressClient } from '../publishing/wordpress/index.js';
import { plainText, readWordPressPosts } from './wordpress-post-source.js';

describe('readWordPressPosts', () => {
  it('falls back to the public view for a user who may not edit, and decodes rendered titles', async () => {
    const site = fakeWordPress((call) => {
      const p = call.url.pathname;
      if (p === '/wp-json/wp/v2/posts' || p === '/wp-json/wp/v2/pages') {
        if (call.url.searchParams.get('context') === 'edit')
          return json({ code: 'rest_forbidden_context', message: 'Sorry', data: { status: 403 } }, 403);
        const posts = p.endsWith('posts')
          ? [
              {
                id: 7,
                link: 'https://wp.test/barista/',
                slug: 'barista',
                modified_gmt: '2026-02-03T04:05:06',
                title: { rendered: 'The barista&#8217;s <em>guide</em> &amp; more' },
                excerpt: { rendered: '<p>Short &hellip;</p>' },
                categories: [],
                tags: [],
                meta: { rank_math_focus_keyword: 'barista guide,latte art' },
              },
            ]
          : [];
        return json(posts, 200, { 'x-wp-totalpages': '1' });
      }
      return undefined;
    });
    const client = createWordPressClient({
      url: 'https://wp.test',
      user: 'author',
      appPassword: 'x',
      fetch: site.fetch,
    });
    const [post] = await readWordPressPosts(client);
    expect(post).toMatchObject({
      remoteId: '7',
      title: 'The barista’s guide & more',
      excerpt: 'Short …',
      focusKeyword: 'barista guide',
      modifiedAt: '2026-02-03T04:05:06.000Z',
    });
    expect(plainText('a&#x41;&nbsp;b')).toBe('aA b');
  });
});
