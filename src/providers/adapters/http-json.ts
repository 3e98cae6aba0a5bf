/**
 * The small fetch layer the REST adapters (Runware, Bria) share. Failures are thrown in the shapes
 * classifyProviderError understands: HttpStatusError for non-2xx, SyntaxError for unreadable bodies,
 * fetch's own TypeError for connection problems.
 */
export class HttpStatusError extends Error {
  override readonly name = 'HttpStatusError';
  constructor(
    readonly status: number,
    readonly headers: Headers,
    /** The parsed JSON body when there was one. */
    readonly error: unknown,
    message: string,
  ) {
    super(message);
  }
}

export interface HttpRequest {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: unknown;
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

function errorMessage(status: number, body: unknown, text: string): string {
  const b = body as {
    errors?: Array<{ message?: unknown }>;
    error?: { message?: unknown } | string;
    message?: unknown;
  };
  const fromBody =
    (Array.isArray(b?.errors) ? b.errors[0]?.message : undefined) ??
    (typeof b?.error === 'object' ? b.error?.message : b?.error) ??
    b?.message;
  const detail = typeof fromBody === 'string' ? fromBody : text.slice(0, 200);
  return `${status} ${detail}`.trim();
}

async function send(req: HttpRequest): Promise<Response> {
  const doFetch = req.fetch ?? fetch;
  const res = await doFetch(req.url, {
    method: req.method ?? (req.body === undefined ? 'GET' : 'POST'),
    headers: {
      accept: 'application/json',
      ...(req.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...req.headers,
    },
    body: req.body === undefined ? undefined : JSON.stringify(req.body),
    signal: req.signal,
  });
  if (!res.ok) {
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    throw new HttpStatusError(res.status, res.headers, body, errorMessage(res.status, body, text));
  }
  return res;
}

/** Send JSON, get JSON; `headers` of the answer come back for the throttle. */
export async function requestJson<T>(req: HttpRequest): Promise<{ data: T; headers: Headers }> {
  const res = await send(req);
  const text = await res.text();
  return { data: JSON.parse(text) as T, headers: res.headers };
}

/** Fetch raw bytes (a generated image's URL). */
export async function requestBytes(req: HttpRequest): Promise<Buffer> {
  const res = await send({ ...req, headers: { accept: '*/*', ...req.headers } });
  return Buffer.from(await res.arrayBuffer());
}
