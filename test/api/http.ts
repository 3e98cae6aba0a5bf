import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestListener } from 'node:http';

export interface Listening {
  base: string;
  close(): Promise<void>;
}

/** Serve an app on an ephemeral loopback port for the length of a test. */
export async function listen(app: RequestListener): Promise<Listening> {
  const server = http.createServer(app);
  // Longer than any test: a keep-alive socket the server closes just as fetch reuses it is an ECONNRESET.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface CallOptions {
  token?: string;
  apiKey?: string;
  body?: unknown;
  /** Sent as-is (malformed JSON, oversized bodies). */
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export interface CallResult {
  status: number;
  headers: Headers;
  json: any;
  text: string;
}

/** One HTTP call; `path` starts with /api/v1 or is relative to it. */
export async function call(
  base: string,
  method: string,
  path: string,
  opts: CallOptions = {},
): Promise<CallResult> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.apiKey) headers.authorization = `ApiKey ${opts.apiKey}`;
  let body: string | Buffer | undefined;
  if (opts.rawBody !== undefined) body = opts.rawBody;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  const url = `${base}${path.startsWith('/api/') ? path : `/api/v1${path}`}`;
  // A stream that should have been refused would otherwise hang the test instead of failing it.
  const res = await fetch(url, {
    method: method.toUpperCase(),
    headers,
    body,
    signal: AbortSignal.timeout(opts.timeoutMs ?? 20_000),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text };
}
