import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isIgny8Error, type Igny8Error } from '../../src/errors/index.js';
import {
  createWordPressClient,
  DEFAULT_WP_RETRY,
  planWpRetry,
  type WordPressClientOptions,
} from '../../src/publishing/wordpress/index.js';
import { parseRetryAfter } from '../../src/publishing/wordpress/retry-policy.js';
import { fakeWordPress, INDEX, json, post, type FakeHandler } from './fake-wordpress.js';

const PASSWORD = 'abcd EFGH ijkl MNOP qrst UVWX';
const SECRET_FORMS = [PASSWORD, Buffer.from(`editor:${PASSWORD}`).toString('base64')];

function client(handler: FakeHandler, extra: Partial<WordPressClientOptions> = {}) {
  const fake = fakeWordPress(handler);
  const sleeps: number[] = [];
  const wp = createWordPressClient({
    url: 'https://wp.test',
    user: 'editor',
    appPassword: PASSWORD,
    fetch: fake.fetch,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...extra,
  });
  return { wp, calls: fake.calls, sleeps };
}

async function failure(promise: Promise<unknown>): Promise<Igny8Error> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isIgny8Error(err)) throw new Error(`expected an Igny8Error, got ${String(err)}`);
  // Whatever went wrong, the credentials are never part of what we show or log.
  const shown = JSON.stringify({
    message: err.message,
    hint: err.hint,
    details: err.details,
    stack: err.stack,
  });
  for (const secret of SECRET_FORMS) expect(shown).not.toContain(secret);
  return err;
}

const isPosts = (c: { url: URL }) => c.url.pathname === '/wp-json/wp/v2/posts';

describe('WordPress transport: auth, retries, concurrency, error mapping (fake site, no port)', () => {
  it('sends Basic auth from user + application password and reads posts', async () => {
    const { wp, calls } = client((c) =>
      c.url.pathname === '/wp-json/wp/v2/posts/7' ? json(post(7)) : undefined,
    );
    const got = await wp.getPost(7);
    expect(got?.id).toBe(7);
    const last = calls.at(-1)!;
    expect(last.headers.get('authorization')).toBe(
      `Basic ${Buffer.from(`editor:${PASSWORD}`).toString('base64')}`,
    );
    expect(last.url.searchParams.get('context')).toBe('edit');
  });

  it('drops credentials written into the site URL', async () => {
    const { wp, calls } = client(
      (c) => (c.url.pathname === '/wp-json/wp/v2/posts/7' ? json(post(7)) : undefined),
      {
        url: 'https://someone:hunter2@wp.test/wp-json/?x=1#y',
      },
    );
    expect(wp.site).toBe('https://wp.test');
    await wp.getPost(7);
    expect(calls.every((c) => c.url.username === '' && c.url.password === '')).toBe(true);
  });

  it('honours Retry-After on 429 and then succeeds', async () => {
    const retries: string[] = [];
    const { wp, sleeps } = client(
      (c, n) =>
        isPosts(c) && c.method === 'GET' && n === 2
          ? json({ code: 'too_many' }, 429, { 'retry-after': '2' })
          : isPosts(c)
            ? json([])
            : undefined,
      {
        onRetry: (e) =>
          retries.push(`${e.method} ${e.route}: ${e.reason} (attempt ${e.attempt}, wait ${e.delayMs} ms)`),
      },
    );
    expect(await wp.searchPosts('x')).toEqual([]);
    expect(sleeps).toEqual([2000]);
    expect(retries).toEqual(['GET /wp/v2/posts: HTTP 429 (attempt 1, wait 2000 ms)']);
  });

  it('gives up at once with WP_RATE_LIMITED when Retry-After exceeds the cap', async () => {
    const { wp, sleeps, calls } = client(
      (c) => (isPosts(c) ? json({}, 429, { 'retry-after': '120' }) : undefined),
      {
        retry: { retryAfterCapMs: 30_000 },
      },
    );
    const err = await failure(wp.searchPosts('x'));
    expect(err.code).toBe('WP_RATE_LIMITED');
    expect(err.details?.retryAfterMs).toBe(120_000);
    expect(sleeps).toEqual([]);
    expect(calls.filter(isPosts)).toHaveLength(1);
  });

  it('retries 5xx on reads with growing, jittered backoff', async () => {
    let failures = 2;
    const { wp, sleeps } = client((c) => {
      if (!isPosts(c)) return undefined;
      return failures-- > 0 ? json({ code: 'oops' }, 503) : json([post(1)]);
    });
    const found = await wp.searchPosts('x');
    expect(found.map((p) => p.id)).toEqual([1]);
    // random() = 0.5: half the ceiling plus a quarter of it.
    expect(sleeps).toEqual([DEFAULT_WP_RETRY.baseDelayMs * 0.75, DEFAULT_WP_RETRY.baseDelayMs * 2 * 0.75]);
  });

  it('never retries a create after a 5xx (it may have been applied) and says so', async () => {
    const { wp, calls } = client((c) =>
      isPosts(c) && c.method === 'POST' ? json({ code: 'db' }, 500) : undefined,
    );
    const err = await failure(wp.createPost({ title: 'A', status: 'draft' }));
    expect(err.code).toBe('WP_SERVER_ERROR');
    expect(err.details?.mayHaveApplied).toBe(true);
    expect(calls.filter((c) => isPosts(c) && c.method === 'POST')).toHaveLength(1);
  });

  it('retries a create refused with 429 (never applied) and creates it once', async () => {
    let first = true;
    const { wp, calls } = client((c) => {
      if (!(isPosts(c) && c.method === 'POST')) return undefined;
      if (first) {
        first = false;
        return json({ code: 'slow_down' }, 429);
      }
      return json(post(5, { title: { raw: JSON.parse(c.body).title } }), 201);
    });
    const created = await wp.createPost({ title: 'Once', status: 'draft' });
    expect(created).toMatchObject({ id: 5, title: 'Once' });
    expect(calls.filter((c) => isPosts(c) && c.method === 'POST')).toHaveLength(2);
  });

  it('retries a create when the connection was refused, not when it was reset', async () => {
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    const reset = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } });
    let n = 0;
    const a = client((c) => {
      if (isPosts(c) && c.method === 'POST' && n++ === 0) throw refused;
      return isPosts(c) ? json(post(9), 201) : undefined;
    });
    expect((await a.wp.createPost({ title: 'x' })).id).toBe(9);
    const b = client((c) => {
      if (isPosts(c) && c.method === 'POST') throw reset;
      return undefined;
    });
    const err = await failure(b.wp.createPost({ title: 'x' }));
    expect(err.code).toBe('WP_UNREACHABLE');
    expect(err.details?.attempts).toBe(1);
    expect(b.calls.filter((c) => isPosts(c) && c.method === 'POST')).toHaveLength(1);
  });

  it('maps an attempt timeout to WP_UNREACHABLE after the allowed attempts', async () => {
    const fake = fakeWordPress(() => undefined);
    const hang = (input: string | URL, init: RequestInit = {}) =>
      new Promise<Response>((_, reject) => {
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    const wp = createWordPressClient({
      url: 'https://wp.test',
      user: 'editor',
      appPassword: PASSWORD,
      fetch: (input, init) =>
        String(input).includes('/wp-json/wp/') ? hang(input, init) : fake.fetch(input, init),
      timeoutMs: 30,
      retry: { maxAttempts: 2, baseDelayMs: 1 },
    });
    const err = await failure(wp.getPost(1));
    expect(err.code).toBe('WP_UNREACHABLE');
    expect(err.message).toContain('no answer within 30 ms');
    expect(err.details?.attempts).toBe(2);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const { wp } = client(
      async (c) => {
        if (!c.url.pathname.startsWith('/wp-json/wp/v2/posts/')) return undefined;
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        return json(post(Number(c.url.pathname.split('/').pop())));
      },
      { concurrency: 2 },
    );
    const got = await Promise.all(Array.from({ length: 10 }, (_, i) => wp.getPost(i + 1)));
    expect(got.map((p) => p?.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(peak).toBe(2);
  });

  it('maps WordPress error answers to catalog codes', async () => {
    const { wp } = client((c) => {
      const p = c.url.pathname;
      if (p === '/wp-json/wp/v2/users/me')
        return json({ code: 'rest_not_logged_in', message: 'Not logged in' }, 401);
      if (p === '/wp-json/wp/v2/posts' && c.method === 'POST') {
        return json(
          { code: 'rest_cannot_create', message: 'Sorry, you are not allowed to create posts.' },
          403,
        );
      }
      if (p === '/wp-json/wp/v2/posts/3')
        return json({ code: 'rest_post_invalid_id', message: 'Invalid post ID.' }, 404);
      if (p === '/wp-json/wp/v2/posts/4') {
        return json(
          {
            code: 'rest_invalid_param',
            message: 'Invalid parameter(s): status',
            data: { params: { status: 'bad' } },
          },
          400,
        );
      }
      if (p === '/wp-json/wp/v2/media') return new Response('<html>blocked</html>', { status: 403 });
      return undefined;
    });
    const auth = await failure(wp.me());
    expect(auth.code).toBe('WP_AUTH_FAILED');
    expect(auth.hint).toContain('Users → Profile → Application Passwords');
    expect((await failure(wp.createPost({ title: 'x' }))).code).toBe('WP_FORBIDDEN');
    expect(await wp.getPost(3)).toBeNull();
    const rejected = await failure(wp.updatePost(4, { title: 'x' }));
    expect(rejected.code).toBe('WP_REQUEST_REJECTED');
    expect(rejected.details?.params).toEqual({ status: 'bad' });
    expect((await failure(wp.uploadMedia(new Uint8Array([1]), 'a.png', 'image/png'))).code).toBe(
      'WP_REST_UNAVAILABLE',
    );
    expect((await failure(wp.request('GET', '/nope/v1/x'))).code).toBe('WP_REST_UNAVAILABLE');
  });

  it('reads JSON that PHP notices were printed in front of', async () => {
    const { wp } = client((c) =>
      c.url.pathname === '/wp-json/wp/v2/posts/2'
        ? new Response(`<br />\n<b>Deprecated</b>: something in x.php<br />\n${JSON.stringify(post(2))}`, {
            status: 200,
          })
        : undefined,
    );
    expect((await wp.getPost(2))?.id).toBe(2);
  });

  it('fails with WP_REST_UNAVAILABLE when the answer is not JSON', async () => {
    const { wp } = client((c) =>
      c.url.pathname === '/wp-json/wp/v2/posts/2' ? new Response('<html>cached page</html>') : undefined,
    );
    expect((await failure(wp.getPost(2))).code).toBe('WP_REST_UNAVAILABLE');
  });
});

describe('WordPress discovery (fake site)', () => {
  const html404 = () =>
    new Response('<html>404</html>', { status: 404, headers: { 'content-type': 'text/html' } });

  it('detects plain permalinks from ?rest_route= and fails calls with WP_PERMALINKS', async () => {
    const { wp } = client((c) => {
      if (c.url.pathname === '/wp-json/') return html404();
      if (c.url.searchParams.get('rest_route') === '/') {
        return json(INDEX, 200, { link: '<https://wp.test/?rest_route=/>; rel="https://api.w.org/"' });
      }
      return undefined;
    });
    const d = await wp.discover();
    expect(d.prettyPermalinks).toBe(false);
    const err = await failure(wp.createPost({ title: 'x' }));
    expect(err.code).toBe('WP_PERMALINKS');
    expect(err.hint).toContain('Settings → Permalinks');
  });

  it('uses a custom REST prefix the site advertises', async () => {
    const { wp, calls } = client((c) => {
      if (c.url.pathname === '/wp-json/') return html404();
      if (c.url.searchParams.get('rest_route') === '/') {
        return json(INDEX, 200, { link: '<https://wp.test/api/>; rel="https://api.w.org/"' });
      }
      if (c.url.pathname === '/api/') return json(INDEX);
      if (c.url.pathname === '/api/wp/v2/posts/1') return json(post(1));
      return undefined;
    });
    expect((await wp.discover()).restRoot).toBe('https://wp.test/api/');
    expect((await wp.getPost(1))?.id).toBe(1);
    expect(calls.at(-1)!.url.pathname).toBe('/api/wp/v2/posts/1');
  });

  it('reports WP_REST_UNAVAILABLE for a site that is not WordPress, and tries again later', async () => {
    let wordpress = false;
    const { wp } = client((c) => (c.url.pathname === '/wp-json/' && wordpress ? json(INDEX) : html404()));
    const err = await failure(wp.discover());
    expect(err.code).toBe('WP_REST_UNAVAILABLE');
    expect(err.message).toContain('/wp-json/: HTTP 404');
    wordpress = true;
    expect((await wp.discover()).prettyPermalinks).toBe(true);
  });
});

describe('retry policy (pure)', () => {
  it('retries creates only when the site cannot have applied them', () => {
    const p = { ...DEFAULT_WP_RETRY, maxAttempts: 5 };
    expect(planWpRetry(1, 'server', false, undefined, p).retry).toBe(false);
    expect(planWpRetry(1, 'lost', false, undefined, p).retry).toBe(false);
    expect(planWpRetry(1, 'rate_limited', false, undefined, p).retry).toBe(true);
    expect(planWpRetry(1, 'not_sent', false, undefined, p).retry).toBe(true);
    expect(planWpRetry(1, 'server', true, undefined, p).retry).toBe(true);
    expect(planWpRetry(5, 'server', true, undefined, p).retry).toBe(false);
  });

  it('keeps every backoff between half and all of its capped exponential ceiling', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (attempt, r) => {
          const policy = { ...DEFAULT_WP_RETRY, maxAttempts: 100 };
          const { retry, delayMs } = planWpRetry(attempt, 'server', true, undefined, policy, () => r);
          const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
          expect(retry).toBe(true);
          expect(delayMs).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
          expect(delayMs).toBeLessThanOrEqual(ceiling);
        },
      ),
    );
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2030-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Tue, 01 Jan 2030 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
