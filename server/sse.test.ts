import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createSseRegistry, openSse, type SseStream } from './sse.js';

interface Harness {
  url: string;
  server: http.Server;
  registry: ReturnType<typeof createSseRegistry>;
  opened: Promise<SseStream>;
}

async function start(heartbeatMs: number): Promise<Harness> {
  const registry = createSseRegistry();
  const app = express();
  let resolveOpened!: (s: SseStream) => void;
  const opened = new Promise<SseStream>((r) => (resolveOpened = r));
  app.get('/events', (req, res) => {
    const stream = openSse(req, res, { heartbeatMs, registry });
    stream.send('hello', { n: 1, text: 'line one\nline two' }, 7);
    resolveOpened(stream);
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/events`, server, registry, opened };
}

/** Read from the stream until `until` matches the text so far. */
function readUntil(res: http.IncomingMessage, until: (text: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (until(text)) {
        res.off('data', onData);
        resolve(text);
      }
    };
    res.on('data', onData);
    res.once('end', () => resolve(text));
    res.once('error', reject);
  });
}

describe('openSse', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    h?.registry.closeAll();
    await new Promise((r) => h?.server.close(r));
  });

  it('sends event-stream headers, JSON events with ids, and heartbeats', async () => {
    h = await start(10);
    const res = await new Promise<http.IncomingMessage>((r) => http.get(h!.url, r));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(res.headers['cache-control']).toContain('no-cache');
    const text = await readUntil(res, (t) => t.includes(': heartbeat'));
    expect(text).toContain('retry: ');
    const event = text.split('\n\n').find((block) => block.includes('event: hello'))!;
    expect(event).toContain('id: 7');
    const dataLine = event.split('\n').find((l) => l.startsWith('data: '))!;
    // A newline inside the data must not split the event: it travels JSON-escaped on one line.
    expect(JSON.parse(dataLine.slice('data: '.length))).toEqual({ n: 1, text: 'line one\nline two' });
    res.destroy();
  });

  it('cleans up when the client disconnects', async () => {
    h = await start(60_000);
    const req = http.get(h.url);
    const res = await new Promise<http.IncomingMessage>((r) => req.once('response', r));
    const stream = await h.opened;
    expect(h.registry.size).toBe(1);
    const closed = new Promise<void>((r) => stream.onClose(r));
    res.destroy();
    await closed;
    expect(stream.closed).toBe(true);
    expect(h.registry.size).toBe(0);
    expect(stream.send('late', {})).toBe(false);
  });

  it('closeAll ends every open stream from the server side', async () => {
    h = await start(60_000);
    const res = await new Promise<http.IncomingMessage>((r) => http.get(h!.url, r));
    await h.opened;
    const ended = new Promise<void>((r) => res.once('end', () => r()));
    res.resume();
    h.registry.closeAll();
    await ended;
    expect(h.registry.size).toBe(0);
  });
});
