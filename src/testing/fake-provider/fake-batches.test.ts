import { afterEach, describe, expect, it } from 'vitest';
import { createAnthropicTextProvider } from '../../providers/adapters/anthropic-text.provider.js';
import { createOpenAiTextProvider } from '../../providers/adapters/openai-text.provider.js';
import type { BatchPoll, TextBatchApi, TextRequest } from '../../providers/provider.types.js';
import { createFakeProviderServer } from './fake-provider-server.js';
import type { FakeProviderServer } from './fake-types.js';

const KEY = 'sk-fake-batch-test-0123456789';
let fake: FakeProviderServer | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const request = (n: number): TextRequest => ({
  model: 'm',
  messages: [
    { role: 'system', content: 'Answer in JSON.' },
    { role: 'user', content: `Question number ${n}: name a coffee brewing method.` },
  ],
  jsonSchema: {
    name: 'answer',
    schema: { type: 'object', properties: { method: { type: 'string' } }, required: ['method'] },
  },
  maxOutputTokens: 200,
});

async function settle(api: TextBatchApi, id: string, reqs: Map<string, TextRequest>): Promise<BatchPoll> {
  for (let i = 0; i < 200; i++) {
    const poll = await api.poll(id, reqs);
    if (poll.state !== 'pending') return poll;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('batch never ended');
}

const APIS = {
  openai: (url: string) => createOpenAiTextProvider({ name: 'openai', apiKey: KEY, baseUrl: `${url}/v1` }),
  anthropic: (url: string) => createAnthropicTextProvider({ name: 'anthropic', apiKey: KEY, baseUrl: url }),
};

describe.each(Object.keys(APIS) as Array<keyof typeof APIS>)(
  'fake %s batch API through the official SDK',
  (name) => {
    const reqs = new Map(Array.from({ length: 6 }, (_, i) => [`req_${i}`, request(i)]));
    const submit = (api: TextBatchApi, key = 'key_0') =>
      api.submit(
        [...reqs].map(([customId, r]) => ({ customId, request: r })),
        key,
      );

    it('answers every request like the sync route, usage included, after the completion delay', async () => {
      fake = await createFakeProviderServer({ batchDelayMs: 150 });
      const provider = APIS[name](fake.url);
      const id = await submit(provider.batch!);
      expect(fake.stats.batches).toEqual({ submitted: 1, requests: 6 });
      const first = await provider.batch!.poll(id, reqs);
      expect(first.state).toBe('pending');
      const poll = await settle(provider.batch!, id, reqs);
      expect(poll.state).toBe('ended');
      expect(poll.results!.size).toBe(6);
      const sync = await provider.generateText(request(0));
      const answer = poll.results!.get('req_0')!;
      expect(answer.kind).toBe('answer');
      if (answer.kind !== 'answer') return;
      expect(JSON.parse(answer.response.text)).toHaveProperty('method');
      // Same prompt, same usage as the synchronous answer.
      expect(answer.response.usage.tokensIn).toBe(sync.usage.tokensIn);
      expect(answer.response.usage.tokensOut).toBeGreaterThan(0);
    });

    it('expired, partly failed, cancelled and a result left out', async () => {
      fake = await createFakeProviderServer({ batchFaults: { expire: 0.5, times: 1 } });
      const api = APIS[name](fake.url).batch!;
      const expired = await settle(api, await submit(api), reqs);
      expect(expired.state).toBe('expired');
      expect([...expired.results!.values()].filter((r) => r.kind === 'retry')).toHaveLength(3);
      expect([...expired.results!.values()].filter((r) => r.kind === 'answer')).toHaveLength(3);
      expect((await settle(api, await submit(api), reqs)).state).toBe('ended');

      fake.setBatchFaults({ fail: 0.34, dropOne: true });
      const partly = await settle(api, await submit(api), reqs);
      expect(partly.state).toBe('ended');
      expect([...partly.results!.values()].filter((r) => r.kind === 'error')).toHaveLength(3);
      expect(partly.results!.size).toBe(5);

      fake.setBatchFaults({}, 10_000);
      const id = await submit(api);
      await api.cancel(id);
      const cancelled = await settle(api, id, reqs);
      expect(cancelled.state).toBe('cancelled');
      expect([...cancelled.results!.values()].every((r) => r.kind === 'retry')).toBe(true);
      expect(fake.stats.batches.submitted).toBe(4);
    });

    it('lists batches the way the provider does, so a resumed run finds the one it submitted by its key', async () => {
      fake = await createFakeProviderServer({ batchDelayMs: 10_000 });
      const api = APIS[name](fake.url).batch!;
      const since = new Date(Date.now() - 1000);
      const ids: string[] = [];
      // 25 batches, newest first, the key of the eighth asked for.
      for (let i = 0; i < 25; i++) ids.push(await submit(api, `key_${i}`));
      const found = await api.findSubmitted('key_7', { since, requests: reqs.size });
      if (name === 'openai') {
        // OpenAI keeps the key in the batch's metadata: exactly the one batch.
        expect(found).toEqual([ids[7]]);
        expect(await api.findSubmitted('key_unknown', { since, requests: reqs.size })).toEqual([]);
      } else {
        // Anthropic has no metadata: every batch of that size since then is a candidate.
        expect(new Set(found)).toEqual(new Set(ids));
        expect(await api.findSubmitted('key_7', { since, requests: reqs.size + 1 })).toEqual([]);
      }
      // Batches from before the submission (beyond the clock-skew margin) are not candidates.
      expect(
        await api.findSubmitted('key_7', { since: new Date(Date.now() + 3_600_000), requests: 6 }),
      ).toEqual([]);
    });

    it('holdCreateMs: the batch is accepted (and counted) before the create call answers', async () => {
      fake = await createFakeProviderServer({ batchFaults: { holdCreateMs: 400, times: 1 } });
      const api = APIS[name](fake.url).batch!;
      const started = Date.now();
      const pending = submit(api);
      for (let i = 0; i < 100 && fake.stats.batches.submitted === 0; i++)
        await new Promise((r) => setTimeout(r, 10));
      expect(fake.stats.batches.submitted).toBe(1);
      expect(Date.now() - started).toBeLessThan(400);
      await pending;
      expect(Date.now() - started).toBeGreaterThanOrEqual(390);
      // Only the next batch was held.
      const t = Date.now();
      await submit(api);
      expect(Date.now() - t).toBeLessThan(390);
    });
  },
);
