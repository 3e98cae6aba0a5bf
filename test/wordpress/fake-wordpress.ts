/**
 * An in-process stand-in for a WordPress site, as a fetch function: no port is opened. Each test
 * scripts the answers it needs; the REST index is answered unless a handler says otherwise.
 */

export interface FakeCall {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

export type FakeHandler = (call: FakeCall, n: number) => Response | undefined | Promise<Response | undefined>;

export const INDEX = {
  name: 'Fake',
  home: 'https://wp.test',
  namespaces: ['wp/v2'],
  routes: { '/wp/v2/posts': {} },
  authentication: { 'application-passwords': {} },
};

export function json(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(data), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

export function post(id: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    status: 'draft',
    slug: `post-${id}`,
    link: `https://wp.test/?p=${id}`,
    title: { raw: `Post ${id}` },
    content: { raw: '<p>x</p>' },
    excerpt: { raw: '' },
    ...extra,
  };
}

/** A fetch that records every call and answers with `handler` (or the REST index, or a 404). */
export function fakeWordPress(handler: FakeHandler) {
  const calls: FakeCall[] = [];
  const fetch = async (input: string | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input));
    const body = typeof init.body === 'string' ? init.body : '';
    const call: FakeCall = {
      method: (init.method ?? 'GET').toUpperCase(),
      url,
      headers: new Headers(init.headers),
      body,
    };
    calls.push(call);
    const answer = await handler(call, calls.length);
    if (answer) return answer;
    if (url.pathname === '/wp-json/') return json(INDEX);
    return json({ code: 'rest_no_route', message: 'No route', data: { status: 404 } }, 404);
  };
  return { fetch, calls };
}
