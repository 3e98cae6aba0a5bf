import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseConfig, type Core } from '../src/index.js';
import { createLogger } from './logger.js';
import { jsonRoute, rawRoute, type AnyRoute } from './route.js';
import { openSse } from './sse.js';
import { startServer } from './start-server.js';

const stubCore = { config: parseConfig({}) } as unknown as Core;

describe('startServer', () => {
  it('closes gracefully: in-flight requests finish, SSE streams end, new connections are refused', async () => {
    let releaseSlow!: () => void;
    const slowGate = new Promise<void>((r) => (releaseSlow = r));
    let slowStarted!: () => void;
    const slowRunning = new Promise<void>((r) => (slowStarted = r));
    const routes: AnyRoute[] = [
      jsonRoute({
        method: 'get',
        path: '/slow',
        summary: 'slow',
        tags: ['t'],
        public: true,
        response: z.object({ done: z.boolean() }),
        handler: async () => {
          slowStarted();
          await slowGate;
          return { done: true };
        },
      }),
      rawRoute({
        method: 'get',
        path: '/events',
        summary: 'events',
        tags: ['t'],
        public: true,
        produces: 'text/event-stream',
        handler: async ({ req, res, deps }) => {
          openSse(req, res, { registry: deps.sse }).send('hello', { n: 1 });
        },
      }),
    ];
    const running = await startServer(stubCore, {
      port: 0,
      host: '127.0.0.1',
      routes,
      logger: createLogger('silent'),
    });
    const base = `${running.url}/api/v1`;

    const sse = await new Promise<http.IncomingMessage>((r) => http.get(`${base}/events`, r));
    const sseEnded = new Promise<void>((r) => sse.on('end', () => r()));
    sse.resume();
    const slow = fetch(`${base}/slow`).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as { data: unknown },
    }));
    await slowRunning;

    const closed = running.close(5_000);
    await sseEnded;
    await expect(fetch(`${base}/slow`)).rejects.toThrow();
    releaseSlow();
    const finished = await slow;
    expect(finished.status).toBe(200);
    expect(finished.body.data).toEqual({ done: true });
    await closed;
    expect(running.server.listening).toBe(false);
  });
});
