import { createParser } from 'eventsource-parser';
import { ApiError, apiUrl, authHeaders, refreshSession } from './client';

export interface SseMessage {
  event: string;
  data: string;
  id: string | null;
}

/**
 * Split a Server-Sent Events text stream into messages (the parsing EventSource does, by
 * eventsource-parser). Keeps the partial last block between calls; the last event id carries over
 * to later messages that name none, as EventSource's lastEventId does.
 */
export function createSseParser(onMessage: (m: SseMessage) => void): (chunk: string) => void {
  let lastId: string | null = null;
  const parser = createParser({
    onEvent(e) {
      if (e.id !== undefined) lastId = e.id;
      onMessage({ event: e.event ?? 'message', data: e.data, id: lastId });
    },
  });
  return (chunk) => parser.feed(chunk);
}

export interface StreamOptions {
  onMessage(m: SseMessage): void;
  /** Resume after this event id (sent as Last-Event-ID). */
  lastEventId?: string | null;
  signal: AbortSignal;
}

/**
 * Read an SSE route with fetch, so the bearer token goes in a header (EventSource cannot send one).
 * Resolves when the server ends the stream; rejects with ApiError on an error status.
 */
export async function streamSse(path: string, opts: StreamOptions): Promise<void> {
  const open = () =>
    fetch(apiUrl(path), {
      headers: {
        accept: 'text/event-stream',
        ...authHeaders(),
        ...(opts.lastEventId ? { 'last-event-id': opts.lastEventId } : {}),
      },
      signal: opts.signal,
    });
  let res = await open();
  if (res.status === 401 && (await refreshSession())) res = await open();
  if (!res.ok || !res.body) {
    let code = `HTTP_${res.status}`;
    let message = res.statusText;
    try {
      const json = (await res.json()) as { code?: string; error?: string };
      code = json.code ?? code;
      message = json.error ?? message;
    } catch {
      // not JSON: keep the status text
    }
    throw new ApiError(res.status, code, message);
  }
  const parse = createSseParser(opts.onMessage);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    parse(value);
  }
}
