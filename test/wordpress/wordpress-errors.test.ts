import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isIgny8Error, type Igny8Error } from '../../src/errors/index.js';
import {
  checkConnection,
  connectionError,
  createWordPressClient,
} from '../../src/publishing/wordpress/index.js';
import { newId } from '../../src/util/ids.js';
import { startWordPress, wordpressSkipReason, type WpInstance } from './wp-instance.js';
import { freePort } from '../helpers/free-port.js';

const skip = wordpressSkipReason();

async function failure(promise: Promise<unknown>, secrets: string[] = []): Promise<Igny8Error> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isIgny8Error(err)) throw new Error(`expected an Igny8Error, got ${String(err)}`);
  const shown = JSON.stringify({
    message: err.message,
    hint: err.hint,
    details: err.details,
    stack: err.stack,
  });
  for (const secret of secrets) expect(shown).not.toContain(secret);
  return err;
}

describe.skipIf(skip !== null)('WordPress errors say what to fix (real WordPress)', () => {
  let wp: WpInstance;

  beforeAll(async () => {
    wp = await startWordPress({ plain: true });
  }, 120_000);
  afterAll(async () => {
    await wp?.stop();
  });

  it('a wrong application password gives WP_AUTH_FAILED with the fix, and never shows the password', async () => {
    const wrong = 'wXyZ 1234 aBcD 5678 eFgH 9012';
    const client = createWordPressClient({ url: wp.main.url, user: wp.main.user, appPassword: wrong });
    const secrets = [wrong, Buffer.from(`${wp.main.user}:${wrong}`).toString('base64')];
    const me = await failure(client.me(), secrets);
    expect(me.code).toBe('WP_AUTH_FAILED');
    expect(me.message).toContain(`"${wp.main.user}"`);
    expect(me.hint).toMatch(
      /check the application password; create one under Users → Profile → Application Passwords/i,
    );
    expect((await failure(client.createPost({ title: 'x' }), secrets)).code).toBe('WP_AUTH_FAILED');

    const report = await checkConnection(client);
    expect(report.ok).toBe(false);
    expect(report.rest).toBe(true);
    expect(report.problems.map((p) => p.code)).toEqual(['WP_AUTH_FAILED']);
    expect(connectionError(report)?.code).toBe('WP_AUTH_FAILED');
  });

  it('an unreachable site gives WP_UNREACHABLE after the allowed attempts', async () => {
    const client = createWordPressClient({
      url: `http://127.0.0.1:${await freePort()}`,
      user: 'admin',
      appPassword: 'x',
      retry: { maxAttempts: 2, baseDelayMs: 1 },
    });
    const err = await failure(client.createPost({ title: 'x' }));
    expect(err.code).toBe('WP_UNREACHABLE');
    expect(err.message).toContain('connection refused');
    expect(err.hint).toContain('reachable');
    expect(err.details?.attempts).toBe(2);
    expect((await checkConnection(client)).problems.map((p) => p.code)).toEqual(['WP_UNREACHABLE']);
  });

  it('a site with plain permalinks gives WP_PERMALINKS with the setting to change', async () => {
    const client = createWordPressClient(wp.plain!);
    const d = await client.discover();
    expect(d.prettyPermalinks).toBe(false);
    const err = await failure(client.createPost({ title: 'x', status: 'draft' }));
    expect(err.code).toBe('WP_PERMALINKS');
    expect(err.hint).toContain('Settings → Permalinks');
    expect(err.hint).toContain('Post name');

    // The connection check still sees the rest: credentials are fine, no SEO plugin here.
    const report = await checkConnection(client);
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.code)).toEqual(['WP_PERMALINKS']);
    expect(report.user?.canPublish).toBe(true);
    expect(report.seo).toEqual({ plugins: [], target: null, companion: false, writeAll: false });
  });

  it('with allowPlainPermalinks the client works through ?rest_route=', async () => {
    const client = createWordPressClient({ ...wp.plain!, allowPlainPermalinks: true });
    const slug = `plain-post-${newId().slice(0, 8)}`;
    const post = await client.createPost({ title: 'Plain', status: 'publish', slug });
    expect(post.link).toMatch(/\?p=\d+$/);
    expect((await client.findPostsBySlug(slug)).map((p) => p.id)).toEqual([post.id]);
  });

  it('an address that is not a WordPress REST API gives WP_REST_UNAVAILABLE', async () => {
    const client = createWordPressClient({ ...wp.main, url: `${wp.main.url}/wp-content/uploads` });
    const err = await failure(client.me());
    expect(err.code).toBe('WP_REST_UNAVAILABLE');
    expect(err.hint).toContain('Settings → General');
  });
});
