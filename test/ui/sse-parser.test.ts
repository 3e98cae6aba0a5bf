import { describe, expect, it } from 'vitest';

interface SseMessage {
  event: string;
  data: string;
  id: string | null;
}
type CreateSseParser = (onMessage: (m: SseMessage) => void) => (chunk: string) => void;

// The dashboard compiles with bundler resolution, so the import path stays out of this tsconfig's sight.
const uiSse = '../../ui/src/api/sse.ts';
const { createSseParser } = (await import(uiSse)) as { createSseParser: CreateSseParser };

function parseAll(stream: string, chunkSize: number): SseMessage[] {
  const out: SseMessage[] = [];
  const feed = createSseParser((m) => out.push(m));
  for (let i = 0; i < stream.length; i += chunkSize) feed(stream.slice(i, i + chunkSize));
  return out;
}

describe('dashboard SSE parsing (eventsource-parser)', () => {
  const stream =
    'retry: 3000\n\n: heartbeat\n\nid: 4\nevent: run\ndata: {"a":1}\n\n' +
    'event: log\r\ndata: line one\r\ndata: line two\r\n\r\n' +
    'data:no-space\n\nid: 9\nevent: summary\ndata: {}\n\n';
  const expected: SseMessage[] = [
    { event: 'run', data: '{"a":1}', id: '4' },
    { event: 'log', data: 'line one\nline two', id: '4' },
    { event: 'message', data: 'no-space', id: '4' },
    { event: 'summary', data: '{}', id: '9' },
  ];

  it('reads events, multi-line data, comments, retry and CRLF, keeping the last id', () => {
    expect(parseAll(stream, stream.length)).toEqual(expected);
  });

  it('gives the same messages however the stream is cut, even between \\r and \\n', () => {
    for (const size of [1, 2, 3, 7]) expect(parseAll(stream, size), `chunks of ${size}`).toEqual(expected);
  });

  it('holds back a message until its blank line arrives', () => {
    const out: SseMessage[] = [];
    const feed = createSseParser((m) => out.push(m));
    feed('event: run\ndata: partial');
    expect(out).toEqual([]);
    feed('\n\n');
    expect(out).toEqual([{ event: 'run', data: 'partial', id: null }]);
  });
});
