import { ApiError, apiUrl, authHeaders, refreshSession } from './client';

export interface SseMessage {
  event: string;
  data: string;
  id: string | null;
}

/**
 * Split a Server-Sent Events byte stream into messages (the parsing EventSource does). Pure over
 * text chunks, so it keeps the partial last block between calls.
 */
export function createSseParser(onMessage: (m: SseMessage) => void): (chunk: string) => void {
  let buffer = '';
  let lastId: string | null = null;
  return (chunk) => {
    buffer += chunk.replace(/\r\n?/g, '\n');
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (!line || line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
        else if (field === 'id') lastId = value;
      }
      if (data.length > 0) onMessage({ event, data: data.join('\n'), id: lastId });
    }
  };
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
