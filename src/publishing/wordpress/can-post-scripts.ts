import { isIgny8Error } from '../../errors/index.js';
import { linksAllowScripts, record } from './json-ld-route.js';
import type { WordPressClient, WpCallOptions } from './wordpress-client.js';

/**
 * Whether WordPress keeps <script> in this user's posts: the action links of a post the user can
 * edit, else the unfiltered_html capability of users/me (`capabilities` when the caller has them).
 * Null when the site would not say.
 */
export async function canPostScripts(
  client: WordPressClient,
  opts: WpCallOptions & { capabilities?: Record<string, boolean> } = {},
): Promise<boolean | null> {
  const { capabilities, ...call } = opts;
  try {
    const res = await client.request('GET', '/wp/v2/posts', {
      ...call,
      query: { context: 'edit', per_page: 1, _fields: 'id,_links' },
    });
    const first = Array.isArray(res.data) ? record(res.data[0]) : {};
    const fromLinks = linksAllowScripts(first._links);
    if (fromLinks !== null) return fromLinks;
    const caps = capabilities ?? (await client.me(call)).capabilities;
    return caps.unfiltered_html === true;
  } catch (err) {
    if (!isIgny8Error(err)) throw err;
    return null;
  }
}
