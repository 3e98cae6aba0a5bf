import type { Request, Response } from 'express';

export interface SseStream {
  /** Send one event; false when the stream is already closed. */
  send(event: string, data: unknown, id?: string | number): boolean;
  /** End the stream from the server side (done, or shutting down). */
  close(): void;
  readonly closed: boolean;
  /** Called once when the stream ends, whoever ended it. */
  onClose(fn: () => void): void;
}

export interface SseRegistry {
  add(stream: SseStream): void;
  /** Close every open stream (graceful shutdown). */
  closeAll(): void;
  readonly size: number;
}

export function createSseRegistry(): SseRegistry {
  const open = new Set<SseStream>();
  return {
    add(stream) {
      open.add(stream);
      stream.onClose(() => open.delete(stream));
    },
    closeAll() {
      for (const s of [...open]) s.close();
    },
    get size() {
      return open.size;
    },
  };
}

export interface OpenSseOptions {
  /** Comment line sent this often so proxies keep the connection (default 15 s). */
  heartbeatMs?: number;
  /** Client reconnect delay hint. */
  retryMs?: number;
  registry?: SseRegistry;
}

/**
 * Turn a response into a Server-Sent Events stream: headers, a heartbeat, and cleanup when the
 * client disconnects. Data is JSON, one `data:` line per event.
 */
export function openSse(req: Request, res: Response, options: OpenSseOptions = {}): SseStream {
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('Connection', 'keep-alive');
  // nginx buffers responses unless told otherwise, which would hold events back.
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  res.write(`retry: ${options.retryMs ?? 3000}\n\n`);

  let closed = false;
  const listeners: Array<() => void> = [];
  const heartbeat = setInterval(() => {
    if (!closed) res.write(': heartbeat\n\n');
  }, options.heartbeatMs ?? 15_000);
  heartbeat.unref();

  const finish = (endResponse: boolean) => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    if (endResponse && !res.writableEnded) res.end();
    for (const fn of listeners.splice(0)) fn();
  };
  req.on('close', () => finish(false));
  res.on('close', () => finish(false));

  const stream: SseStream = {
    send(event, data, id) {
      if (closed) return false;
      // JSON never contains a raw newline, so one data line per event is always well-formed.
      const idLine = id === undefined ? '' : `id: ${String(id).replace(/[\r\n]/g, '')}\n`;
      res.write(`${idLine}event: ${event.replace(/[\r\n]/g, '')}\ndata: ${JSON.stringify(data ?? null)}\n\n`);
      return true;
    },
    close: () => finish(true),
    get closed() {
      return closed;
    },
    onClose(fn) {
      if (closed) fn();
      else listeners.push(fn);
    },
  };
  options.registry?.add(stream);
  return stream;
}
