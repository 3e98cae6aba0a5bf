import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeApi } from './fake-types.js';

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Start a server-sent-events answer; returns a writer for `event`/`data` frames. */
export function startSse(res: ServerResponse, headers: Record<string, string> = {}) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...headers });
  return {
    send(data: unknown, event?: string) {
      if (res.destroyed) return;
      res.write(
        `${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`,
      );
    },
    end() {
      if (!res.destroyed) res.end();
    },
  };
}

const ERROR_TYPES: Record<FakeApi, Record<number, string>> = {
  openai: {
    400: 'invalid_request_error',
    401: 'invalid_api_key',
    404: 'not_found',
    429: 'rate_limit_exceeded',
    500: 'server_error',
  },
  anthropic: {
    400: 'invalid_request_error',
    401: 'authentication_error',
    404: 'not_found_error',
    429: 'rate_limit_error',
    500: 'api_error',
  },
  runware: {
    400: 'invalidParameter',
    401: 'invalidApiKey',
    404: 'notFound',
    429: 'rateLimitExceeded',
    500: 'internalServerError',
  },
  gemini: {
    400: 'INVALID_ARGUMENT',
    401: 'UNAUTHENTICATED',
    404: 'NOT_FOUND',
    429: 'RESOURCE_EXHAUSTED',
    500: 'INTERNAL',
  },
  bria: {
    400: 'bad_request',
    401: 'unauthorized',
    404: 'not_found',
    429: 'too_many_requests',
    500: 'internal_error',
  },
};

/** An error in each provider's own envelope. */
export function errorBody(api: FakeApi, status: number, message: string): unknown {
  const type = ERROR_TYPES[api][status] ?? 'error';
  if (api === 'openai') return { error: { message, type, param: null, code: type } };
  if (api === 'anthropic') return { type: 'error', error: { type, message } };
  if (api === 'runware') return { errors: [{ code: type, message }] };
  if (api === 'gemini') return { error: { code: status, message, status: type } };
  return { error: { code: status, message } };
}

/** A 200 whose JSON body stops half-way, in each provider's shape. */
export function truncatedBody(api: FakeApi): string {
  if (api === 'openai')
    return '{"id":"chatcmpl-fake","object":"chat.completion","choices":[{"index":0,"message":{"role":"assis';
  if (api === 'anthropic')
    return '{"id":"msg_fake","type":"message","role":"assistant","content":[{"type":"te';
  if (api === 'runware') return '{"data":[{"taskType":"imageInference","imageBase64Data":"iVBORw0';
  if (api === 'gemini') return '{"candidates":[{"content":{"parts":[{"text":"{\\"ti';
  return '{"result":{"image_url":"http://';
}

/** The caller's key as each API carries it. */
export function apiKeyOf(api: FakeApi, req: IncomingMessage): string {
  const h = req.headers;
  if (api === 'bria') return String(h['api_token'] ?? '');
  if (api === 'gemini')
    return String(h['x-goog-api-key'] ?? new URL(req.url ?? '/', 'http://x').searchParams.get('key') ?? '');
  const auth = String(h.authorization ?? '');
  const bearer = auth.toLowerCase().startsWith('bearer ') ? auth.slice(7).trim() : '';
  // Anthropic's API takes x-api-key; its current SDK sends the key as a bearer token.
  if (api === 'anthropic') return String(h['x-api-key'] ?? '') || bearer;
  return bearer;
}

/** ≈4 characters per token, like the adapters' estimates. */
export function tokensOf(text: string): number {
  return Math.ceil(text.length / 4);
}
