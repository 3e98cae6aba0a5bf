import { describe, expect, it } from 'vitest';
import type { TextRequest } from './provider.types.js';
import { countTokens } from './count-tokens.js';
import { checkUsage, usageBounds } from './usage-check.js';

const req: TextRequest = {
  model: 'gpt-4o-mini',
  messages: [
    { role: 'system', content: 'You are a helpful assistant. Reply with JSON.' },
    { role: 'user', content: 'Give three ideas for an article about french press coffee.' },
  ],
  jsonSchema: { name: 'ideas', schema: { type: 'object', properties: { ideas: { type: 'array' } } } },
  maxOutputTokens: 800,
};
const answer = JSON.stringify({ ideas: ['Grind size', 'Ratio', 'Steeping time'] });
const usage = (tokensIn: number, tokensOut: number, tokensCached = 0) => ({
  tokensIn,
  tokensOut,
  tokensCached,
  images: 0,
});

describe('usage sanity check (issue 11)', () => {
  it('bounds input by the prompt bytes and output by max_tokens', () => {
    const b = usageBounds(req);
    expect(b.tokensOut).toBe(800);
    expect(b.tokensIn).toBeGreaterThan(100);
    expect(b.tokensIn).toBeLessThan(2_000);
  });

  it('keeps plausible figures as reported', async () => {
    const r = await checkUsage(req, { text: answer, usage: usage(40, 20, 10) });
    expect(r.usage).toEqual(usage(40, 20, 10));
    expect(r.check).toEqual({ estimated: false });
  });

  it('replaces 10^9 tokens by the tokenizer count, keeps the reported figures and warns', async () => {
    const r = await checkUsage(req, { text: answer, usage: usage(1e9, 1e9, 5) });
    const prompt = req.messages.map((m) => m.content).join('\n');
    const schema = JSON.stringify(req.jsonSchema!.schema);
    expect(r.usage.tokensIn).toBe((await countTokens(prompt)) + (await countTokens(schema)));
    expect(r.usage.tokensOut).toBe(await countTokens(answer));
    expect(r.usage.tokensOut).toBeLessThanOrEqual(800);
    expect(r.usage.tokensCached).toBe(5);
    expect(r.check.estimated).toBe(true);
    expect(r.check.reported).toEqual({ tokensIn: 1e9, tokensOut: 1e9, tokensCached: 5 });
    expect(r.check.warning).toMatch(/1000000000 input tokens \(at most \d+ possible\)/);
  });

  it('clamps only the implausible side: output above max_tokens', async () => {
    const r = await checkUsage(req, { text: answer, usage: usage(40, 5_000) });
    expect(r.usage.tokensIn).toBe(40);
    expect(r.usage.tokensOut).toBe(await countTokens(answer));
    expect(r.check.reported?.tokensOut).toBe(5_000);
  });

  it('estimates missing usage (zeros for a non-empty exchange) and marks it estimated', async () => {
    const r = await checkUsage(req, { text: answer, usage: usage(0, 0) });
    expect(r.usage.tokensIn).toBeGreaterThan(20);
    expect(r.usage.tokensOut).toBe(await countTokens(answer));
    expect(r.check.estimated).toBe(true);
    expect(r.check.reported).toBeUndefined();
    expect(r.check.warning).toMatch(/reported no usage/);
  });

  it('treats negative or non-finite figures as implausible', async () => {
    const r = await checkUsage(req, { text: answer, usage: usage(-5, Number.NaN) });
    expect(r.usage.tokensIn).toBeGreaterThan(0);
    expect(r.usage.tokensOut).toBeGreaterThan(0);
    expect(r.check.reported).toBeDefined();
  });
});
