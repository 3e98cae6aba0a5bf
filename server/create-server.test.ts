import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Igny8Error, parseConfig, type Actor, type Core } from '../src/index.js';
import { call, listen, type Listening } from '../test/api/http.js';
import { createServer } from './create-server.js';
import { createLogger } from './logger.js';
import { jsonRoute, listRoute, Reply, type AnyRoute } from './route.js';

// The framework on its own: a stub core and a route table made for these tests.
const ACTORS: Record<string, Actor> = {
  viewer: { accountId: 'acct-1', userId: 'u-viewer', role: 'viewer' },
  owner: { accountId: 'acct-1', userId: 'u-owner', role: 'owner' },
  other: { accountId: 'acct-2', userId: 'u-other', role: 'owner' },
};

function stubCore(): Core {
  const config = parseConfig({ server: { bodyLimit: '1kb', corsOrigins: ['https://dash.example'] } });
  return {
    config,
    auth: {
      authenticate: async (header: string) => {
        const actor = ACTORS[header.replace(/^Bearer /, '')];
        if (!actor) throw new Igny8Error('TOKEN_INVALID', 'bad token');
        return { actor, sessionId: 'sess' };
      },
    },
    tenancy: {
      assertOwned: async () => {},
      assertModuleEnabled: async (_scope: unknown, module: string) => {
        if (module === 'off') throw new Igny8Error('MODULE_DISABLED', 'The off module is disabled');
      },
    },
  } as unknown as Core;
}

const NUMBERS = Array.from({ length: 7 }, (_, i) => ({ n: i + 1 }));

const routes: AnyRoute[] = [
  jsonRoute({
    method: 'get',
    path: '/hello',
    summary: 'hello',
    tags: ['t'],
    public: true,
    response: z.object({ hi: z.string() }),
    handler: async () => new Reply({ hi: 'there' }, 'greeted'),
  }),
  jsonRoute({
    method: 'post',
    path: '/things/:thingId',
    summary: 'make',
    tags: ['t'],
    params: z.object({ thingId: z.string().min(3) }),
    body: z.object({ name: z.string().min(1), size: z.number().int().min(0) }),
    response: z.object({ id: z.string(), name: z.string() }),
    handler: async ({ params, body, scope }) => ({
      id: `${scope.accountId}:${params.thingId}`,
      name: body.name,
      // Not in the response schema: the envelope must drop it.
      passwordHash: 'should-never-leave',
    }),
  }),
  listRoute({
    path: '/numbers',
    summary: 'numbers',
    tags: ['t'],
    query: z.object({ odd: z.enum(['true', 'false']).optional() }),
    item: z.object({ n: z.number() }),
    handler: async ({ page, query }) => {
      const all = query.odd === 'true' ? NUMBERS.filter((x) => x.n % 2) : NUMBERS;
      return { items: all.slice(page.offset, page.offset + page.limit), total: all.length };
    },
  }),
  jsonRoute({
    method: 'get',
    path: '/boom',
    summary: 'boom',
    tags: ['t'],
    response: z.object({}),
    handler: async () => {
      throw new Error('db password=hunter2 exploded');
    },
  }),
  jsonRoute({
    method: 'get',
    path: '/gone',
    summary: 'gone',
    tags: ['t'],
    response: z.object({}),
    handler: async () => {
      throw new Igny8Error('SITE_NOT_FOUND', 'No site "x"');
    },
  }),
  jsonRoute({
    method: 'get',
    path: '/wrong-shape',
    summary: 'bug',
    tags: ['t'],
    response: z.object({ count: z.number() }),
    handler: async () => ({ count: 'many' }) as unknown as { count: number },
  }),
  jsonRoute({
    method: 'get',
    path: '/disabled',
    summary: 'module',
    tags: ['t'],
    module: 'off',
    response: z.object({}),
    handler: async () => ({}),
  }),
  jsonRoute({
    method: 'post',
    path: '/limited',
    summary: 'strict',
    tags: ['t'],
    public: true,
    rateLimit: 'auth_strict',
    response: z.object({ ok: z.boolean() }),
    handler: async () => ({ ok: true }),
  }),
];

describe('createServer (framework)', () => {
  let srv: Listening;
  let logs: string[];
  beforeEach(async () => {
    logs = [];
    const app = createServer(stubCore(), {
      routes,
      logger: createLogger('debug', (line) => logs.push(line)),
      rateLimits: { auth_strict: 3 },
      dashboard: false,
    });
    srv = await listen(app);
  });
  afterEach(async () => srv.close());

  it('wraps data in the envelope and generates a request id', async () => {
    const r = await call(srv.base, 'get', '/hello');
    expect(r.status).toBe(200);
    const id = r.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.json).toEqual({ success: true, data: { hi: 'there' }, message: 'greeted', request_id: id });
  });

  it('echoes a sane X-Request-ID and replaces an unsafe one', async () => {
    const sane = await call(srv.base, 'get', '/hello', { headers: { 'x-request-id': 'trace-42.a:b' } });
    expect(sane.headers.get('x-request-id')).toBe('trace-42.a:b');
    expect(sane.json.request_id).toBe('trace-42.a:b');
    const unsafe = await call(srv.base, 'get', '/hello', { headers: { 'x-request-id': 'x y<script>' } });
    expect(unsafe.headers.get('x-request-id')).not.toBe('x y<script>');
    expect(unsafe.json.request_id).toBe(unsafe.headers.get('x-request-id'));
  });

  it('sets security headers and answers CORS only for configured origins', async () => {
    const allowed = await call(srv.base, 'get', '/hello', { headers: { origin: 'https://dash.example' } });
    expect(allowed.headers.get('x-content-type-options')).toBe('nosniff');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://dash.example');
    expect(allowed.headers.get('x-powered-by')).toBeNull();
    const other = await call(srv.base, 'get', '/hello', { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('validates params and body with field errors, and shapes the response by its schema', async () => {
    const bad = await call(srv.base, 'post', '/things/ab', { token: 'owner', body: { name: '', size: -1 } });
    expect(bad.status).toBe(400);
    expect(bad.json.success).toBe(false);
    expect(bad.json.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(bad.json.errors)).toEqual(['thingId']);
    const badBody = await call(srv.base, 'post', '/things/abc', {
      token: 'owner',
      body: { name: '', size: 1.5 },
    });
    expect(badBody.status).toBe(400);
    expect(Object.keys(badBody.json.errors).sort()).toEqual(['name', 'size']);
    expect(badBody.json.errors.size[0]).toMatch(/int/i);
    const ok = await call(srv.base, 'post', '/things/abc', { token: 'owner', body: { name: 'n', size: 1 } });
    expect(ok.status).toBe(200);
    expect(ok.json.data).toEqual({ id: 'acct-1:abc', name: 'n' });
    expect(ok.text).not.toContain('should-never-leave');
  });

  it('refuses anonymous callers, bad tokens and too-low roles', async () => {
    const anon = await call(srv.base, 'post', '/things/abc', { body: { name: 'n', size: 1 } });
    expect([anon.status, anon.json.code]).toEqual([401, 'UNAUTHENTICATED']);
    const bad = await call(srv.base, 'post', '/things/abc', {
      token: 'nobody',
      body: { name: 'n', size: 1 },
    });
    expect([bad.status, bad.json.code]).toEqual([401, 'TOKEN_INVALID']);
    const viewer = await call(srv.base, 'post', '/things/abc', {
      token: 'viewer',
      body: { name: 'n', size: 1 },
    });
    expect([viewer.status, viewer.json.code]).toEqual([403, 'FORBIDDEN']);
    const weird = await call(srv.base, 'get', '/hello', { headers: { authorization: 'Basic abc' } });
    expect(weird.status).toBe(401);
  });

  it('pages lists with page/page_size and limit/offset, keeping other query parameters', async () => {
    const p1 = await call(srv.base, 'get', '/numbers?page_size=3', { token: 'viewer' });
    expect(p1.json.data.count).toBe(7);
    expect(p1.json.data.results).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(p1.json.data.previous).toBeNull();
    const p2 = await call(srv.base, 'get', p1.json.data.next, { token: 'viewer' });
    expect(p2.json.data.results).toEqual([{ n: 4 }, { n: 5 }, { n: 6 }]);
    const p3 = await call(srv.base, 'get', p2.json.data.next, { token: 'viewer' });
    expect(p3.json.data.results).toEqual([{ n: 7 }]);
    expect(p3.json.data.next).toBeNull();
    const back = await call(srv.base, 'get', p3.json.data.previous, { token: 'viewer' });
    expect(back.json.data.results).toEqual(p2.json.data.results);

    const o = await call(srv.base, 'get', '/numbers?odd=true&limit=2&offset=1', { token: 'viewer' });
    expect(o.json.data).toMatchObject({ count: 4, results: [{ n: 3 }, { n: 5 }] });
    expect(o.json.data.next).toBe('/api/v1/numbers?odd=true&limit=2&offset=3');
    expect(o.json.data.previous).toBe('/api/v1/numbers?odd=true&limit=2&offset=0');

    const bad = await call(srv.base, 'get', '/numbers?page_size=100000', { token: 'viewer' });
    expect([bad.status, Object.keys(bad.json.errors)]).toEqual([400, ['page_size']]);
  });

  it('answers malformed JSON with 400 and an oversized body with 413', async () => {
    const malformed = await call(srv.base, 'post', '/things/abc', {
      token: 'owner',
      rawBody: '{"name": "x",',
    });
    expect([malformed.status, malformed.json.code]).toEqual([400, 'MALFORMED_BODY']);
    const big = await call(srv.base, 'post', '/things/abc', {
      token: 'owner',
      body: { name: 'x'.repeat(5000), size: 1 },
    });
    expect([big.status, big.json.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(big.json.request_id).toBe(big.headers.get('x-request-id'));
  });

  it('maps catalog errors to their status and hides unexpected ones', async () => {
    const gone = await call(srv.base, 'get', '/gone', { token: 'viewer' });
    expect(gone.status).toBe(404);
    expect(gone.json).toEqual({
      success: false,
      error: 'No site "x"',
      code: 'SITE_NOT_FOUND',
      request_id: gone.headers.get('x-request-id'),
    });
    const boom = await call(srv.base, 'get', '/boom', { token: 'viewer' });
    expect(boom.status).toBe(500);
    expect(boom.json.code).toBe('INTERNAL');
    expect(boom.text).not.toMatch(/hunter2|exploded|at .*\.ts/);
    const logged = logs.map((l) => JSON.parse(l)).find((l) => l.level === 'error');
    expect(logged.requestId).toBe(boom.json.request_id);
    expect(logged.stack).toContain('exploded');
    const shape = await call(srv.base, 'get', '/wrong-shape', { token: 'viewer' });
    expect([shape.status, shape.json.code]).toEqual([500, 'INTERNAL']);
    const none = await call(srv.base, 'get', '/nowhere', { token: 'viewer' });
    expect([none.status, none.json.code, none.json.success]).toEqual([404, 'NOT_FOUND', false]);
  });

  it('refuses a route whose module the account disabled', async () => {
    const r = await call(srv.base, 'get', '/disabled', { token: 'viewer' });
    expect([r.status, r.json.code]).toEqual([403, 'MODULE_DISABLED']);
  });

  it('rate-limits per scope with X-RateLimit headers and a 429 envelope', async () => {
    const seen: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await call(srv.base, 'post', '/limited');
      expect(r.status).toBe(200);
      expect(r.headers.get('x-ratelimit-limit')).toBe('3');
      expect(Number(r.headers.get('x-ratelimit-reset'))).toBeGreaterThan(0);
      seen.push(Number(r.headers.get('x-ratelimit-remaining')));
    }
    expect(seen).toEqual([2, 1, 0]);
    const over = await call(srv.base, 'post', '/limited');
    expect([over.status, over.json.code, over.json.success]).toEqual([429, 'RATE_LIMITED', false]);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another scope keeps its own counter.
    const other = await call(srv.base, 'get', '/hello');
    expect([other.status, other.headers.get('x-ratelimit-limit')]).toEqual([
      200,
      String(parseConfig({}).server.rateLimits.content_read),
    ]);
  });

  it('never writes a secret-named field to the log', async () => {
    await call(srv.base, 'get', '/hello', { token: 'viewer' });
    const log = createLogger('info', (line) => logs.push(line));
    log.info('test', { password: 'p4ss', nested: { apiKey: 'k3y', ok: 1 }, authorization: 'Bearer t0k' });
    const last = JSON.parse(logs.at(-1)!);
    expect(last).toMatchObject({
      password: '[redacted]',
      nested: { apiKey: '[redacted]', ok: 1 },
      authorization: '[redacted]',
    });
    expect(logs.join('\n')).not.toMatch(/p4ss|k3y|t0k/);
  });

  it('routes by first segment as Express would: any case, trailing slash, params, unknown paths', async () => {
    const upper = await call(srv.base, 'get', '/HELLO');
    expect([upper.status, upper.json.data]).toEqual([200, { hi: 'there' }]);
    const slash = await call(srv.base, 'get', '/hello/');
    expect([slash.status, slash.json.data]).toEqual([200, { hi: 'there' }]);
    const made = await call(srv.base, 'post', '/Things/abc', {
      token: 'owner',
      body: { name: 'n', size: 1 },
    });
    expect([made.status, made.json.data]).toEqual([200, { id: 'acct-1:abc', name: 'n' }]);
    for (const path of ['/nothing', '/hello/deeper', '/h%65llo', '/things']) {
      const r = await call(srv.base, 'get', path);
      expect([path, r.status, r.json.code]).toEqual([path, 404, 'NOT_FOUND']);
    }
  });
});
