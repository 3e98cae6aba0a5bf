import Anthropic from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeProviderServer } from './fake-provider-server.js';
import type { FakeProviderServer } from './fake-types.js';

const KEY = 'sk-fake-misbehave-0123456789';
let fake: FakeProviderServer | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const chat = (url: string) =>
  fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hello there' }] }),
  });

const tool = {
  name: 'answer',
  description: 'the answer',
  input_schema: {
    type: 'object' as const,
    properties: { title: { type: 'string' } },
    required: ['title'],
  },
};
const ask = (client: Anthropic, messages: Anthropic.MessageParam[]) =>
  client.messages.create({
    model: 'claude-x',
    max_tokens: 200,
    messages,
    tools: [tool],
    tool_choice: { type: 'tool', name: 'answer' },
  });

describe('fake provider misbehaviour modes', () => {
  it('reports absurd usage, or none at all', async () => {
    fake = await createFakeProviderServer({ misbehave: { absurdUsage: 1e9 } });
    const absurd = (await (await chat(fake.url)).json()) as { usage: { prompt_tokens: number } };
    expect(absurd.usage.prompt_tokens).toBe(1e9);
    fake.setMisbehaviour({ omitUsage: true });
    const none = (await (await chat(fake.url)).json()) as Record<string, unknown>;
    expect(none).not.toHaveProperty('usage');
    expect(none).toHaveProperty('choices');
  });

  it('answers Anthropic in a text block instead of the tool; `invalid` gives the repair the tool', async () => {
    fake = await createFakeProviderServer({ misbehave: { anthropicText: 'json' } });
    const client = new Anthropic({ apiKey: KEY, baseURL: fake.url, maxRetries: 0 });
    const json = await ask(client, [{ role: 'user', content: 'a title' }]);
    expect(json.content.map((b) => b.type)).toEqual(['text']);
    const text = (json.content[0] as Anthropic.TextBlock).text;
    expect(JSON.parse(text.slice(text.indexOf('{')))).toHaveProperty('title');

    fake.setMisbehaviour({ anthropicText: 'invalid' });
    const prose = await ask(client, [{ role: 'user', content: 'a title' }]);
    expect(prose.content[0]).toMatchObject({ type: 'text' });
    expect((prose.content[0] as Anthropic.TextBlock).text).not.toContain('{');
    const repaired = await ask(client, [
      { role: 'user', content: 'a title' },
      { role: 'assistant', content: 'Sure!' },
      { role: 'user', content: 'JSON please' },
    ]);
    expect(repaired.content[0]).toMatchObject({ type: 'tool_use', name: 'answer' });
  });

  it('stalls the chosen calls, and resets others mid-body', async () => {
    fake = await createFakeProviderServer({ misbehave: { stallMs: 300, stallCalls: [1], resetCalls: [2] } });
    const t0 = Date.now();
    expect((await chat(fake.url)).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    const cut = await chat(fake.url);
    expect(cut.status).toBe(200);
    await expect(cut.text()).rejects.toThrow();
    const t1 = Date.now();
    expect(await (await chat(fake.url)).json()).toHaveProperty('choices');
    expect(Date.now() - t1).toBeLessThan(290);
    expect(fake.stats.byOutcome).toMatchObject({ ok: 2, reset: 1 });
  });
});
