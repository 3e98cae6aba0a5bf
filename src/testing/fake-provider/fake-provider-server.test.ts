import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeProviderServer } from './fake-provider-server.js';
import type { FakeProviderServer } from './fake-types.js';

const KEY = 'sk-fake-server-test-0123456789';
let fake: FakeProviderServer | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const chat = (url: string, content = 'hello') =>
  fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content }] }),
  });

describe('fake provider server', () => {
  it('streams OpenAI chat completions as SSE that the official SDK reads, usage included', async () => {
    fake = await createFakeProviderServer({ respond: () => 'streamed answer '.repeat(10) });
    const client = new OpenAI({ apiKey: KEY, baseURL: `${fake.url}/v1`, maxRetries: 0 });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      usage = chunk.usage ?? usage;
    }
    expect(text).toBe('streamed answer '.repeat(10));
    expect(usage?.completion_tokens).toBe(Math.ceil(text.length / 4));
  });

  it('streams Anthropic messages events that the official SDK assembles', async () => {
    fake = await createFakeProviderServer({ respond: (req) => `call ${req.callIndex} for ${req.model}` });
    const client = new Anthropic({ apiKey: KEY, baseURL: fake.url, maxRetries: 0 });
    const msg = await client.messages
      .stream({ model: 'claude-x', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] })
      .finalMessage();
    expect(msg.content).toHaveLength(1);
    expect(msg.content[0]).toMatchObject({ type: 'text', text: 'call 1 for claude-x' });
    expect(msg.stop_reason).toBe('end_turn');
  });

  it('draws faults from a seeded PRNG: the same seed gives the same sequence', async () => {
    const run = async () => {
      const f = await createFakeProviderServer({
        seed: 42,
        faults: { rate429: 0.2, status500: 0.2, malformedJson: 0.1, auth401: 0.1 },
      });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push((await chat(f.url)).status);
      const outcomes = f.stats.log.map((c) => c.outcome);
      await f.close();
      return { statuses, outcomes };
    };
    const a = await run();
    const b = await run();
    expect(a).toEqual(b);
    expect(new Set(a.outcomes)).toEqual(new Set(['ok', 'rate429', 'status500', 'malformedJson', 'auth401']));
    expect(a.statuses.filter((s) => s === 429)).toHaveLength(
      a.outcomes.filter((o) => o === 'rate429').length,
    );
  });

  it('sends retry-after-ms and retry-after with injected 429s', async () => {
    fake = await createFakeProviderServer({ faults: { rate429: 1, retryAfterMs: 1500 } });
    const res = await chat(fake.url);
    expect(res.status).toBe(429);
    expect([res.headers.get('retry-after-ms'), res.headers.get('retry-after')]).toEqual(['1500', '2']);
    expect(((await res.json()) as { error: { type: string } }).error.type).toBe('rate_limit_exceeded');
  });

  it('enforces RPM with 429s and rate-limit headers in enforcing mode', async () => {
    fake = await createFakeProviderServer({ limits: { requestsPerMinute: 3 } });
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 4; i++) {
      last = await chat(fake.url);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(last!.headers.get('x-ratelimit-limit-requests')).toBe('3');
    expect(last!.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(Number(last!.headers.get('retry-after-ms'))).toBeGreaterThan(15_000);
    expect(fake.stats.byOutcome.limited429).toBe(1);
  });

  it('close() ends calls left hanging by the timeout fault', async () => {
    fake = await createFakeProviderServer({ faults: { timeout: 1 } });
    const pending = chat(fake.url).then(
      () => 'answered',
      () => 'connection closed',
    );
    await new Promise((r) => setTimeout(r, 50));
    await fake.close();
    fake = undefined;
    expect(await pending).toBe('connection closed');
  });

  it('the dev CLI prints its URL and serves', async () => {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
    const tsx = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;
    const child = spawn(
      process.execPath,
      ['--import', tsx, path.join(root, 'src/testing/fake-provider/cli.ts'), '--port', '0', '--faults', '0'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${url}/v1/models`, { headers: { authorization: `Bearer ${KEY}` } });
      expect(res.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
