import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { ProviderError } from './provider-error.js';
import { withProviderNotices, type ProviderNotice } from './provider-notices.js';
import type { TextProvider, TextRequest, TextResponse } from './provider.types.js';
import { resilientTextProvider } from './resilient-provider.js';
import { createThrottle } from './throttle.js';

const policy = {
  maxAttempts: 3,
  baseDelayMs: 5,
  maxDelayMs: 20,
  retryAfterCapMs: 1_000,
  attemptTimeoutMs: 5_000,
  deadlineMs: 10_000,
};
const limits = { concurrency: 4, requestsPerMinute: 1_000, tokensPerMinute: 60_000 };
const req: TextRequest = {
  model: 'm',
  messages: [{ role: 'user', content: 'Write a title about cold brew.' }],
  maxOutputTokens: 100,
  meta: { fn: 'generate_ideas', item: 'cluster 1' },
};

/** A scripted adapter: each call runs the next step (or the last one again). */
function stub(steps: Array<() => Promise<Partial<TextResponse>>>): TextProvider {
  let i = 0;
  return {
    name: 'stub',
    kind: 'openai',
    async generateText() {
      const step = steps[Math.min(i++, steps.length - 1)]!;
      return {
        text: '{"title":"Cold brew at home"}',
        usage: { tokensIn: 12, tokensOut: 9, tokensCached: 0, images: 0 },
        provider: 'stub',
        model: 'm',
        finishReason: 'stop',
        ...(await step()),
      };
    },
  };
}

function wrap(inner: TextProvider, throttle = createThrottle(limits)) {
  return {
    throttle,
    provider: resilientTextProvider(inner, { policy, throttle, secrets: [], waitNoticeMs: 100 }),
  };
}

async function collect(fn: () => Promise<unknown>): Promise<ProviderNotice[]> {
  const seen: ProviderNotice[] = [];
  await withProviderNotices((n) => seen.push(n), fn);
  return seen;
}

describe('resilient provider: waits are announced, usage is sane (issue 11)', () => {
  it('announces a throttle pause (a 429 retry-after) longer than the threshold, with its end', async () => {
    const { throttle, provider } = wrap(stub([async () => ({})]));
    throttle.pause(400);
    const before = Date.now();
    const seen = await collect(() => provider.generateText(req));
    const wait = seen.find((n) => n.type === 'wait');
    expect(wait).toMatchObject({ type: 'wait', reason: 'throttle', provider: 'stub' });
    expect(wait?.message).toMatch(
      /^generate_ideas \(cluster 1\): waiting for stub's rate limit .* until \d\d:\d\d:\d\d UTC/,
    );
    if (wait?.type !== 'wait') throw new Error('no wait');
    expect(Date.parse(wait.until!)).toBeGreaterThanOrEqual(before + 300);
  });

  it('announces a slow answer once, with the time the attempt gives up', async () => {
    const { provider } = wrap(stub([() => delay(300).then(() => ({}))]));
    const seen = await collect(() => provider.generateText(req));
    const waits = seen.filter((n) => n.type === 'wait');
    expect(waits).toHaveLength(1);
    expect(waits[0]).toMatchObject({ reason: 'response', waitMs: policy.attemptTimeoutMs - 100 });
    expect(waits[0]!.message).toMatch(/no answer from stub after 0 s; waiting until/);
  });

  it('announces a retry-after wait, and stays silent for short ones', async () => {
    const limited = (ms: number) => async () => {
      throw new ProviderError('rate_limit', 'stub: 429', { provider: 'stub', retryAfterMs: ms });
    };
    const long = wrap(stub([limited(300), async () => ({})]));
    const seen = await collect(() => long.provider.generateText(req));
    expect(seen.filter((n) => n.type === 'wait').map((n) => (n.type === 'wait' ? n.reason : ''))).toContain(
      'rate_limit',
    );
    const short = wrap(stub([limited(20), async () => ({})]));
    expect(await collect(() => short.provider.generateText(req))).toEqual([]);
  });

  it('clamps 10^9 reported tokens before the throttle sees them, and says so', async () => {
    const { throttle, provider } = wrap(
      stub([async () => ({ usage: { tokensIn: 1e9, tokensOut: 1e9, tokensCached: 0, images: 0 } })]),
    );
    let res: TextResponse | undefined;
    const seen = await collect(async () => (res = await provider.generateText(req)));
    expect(res!.usage.tokensIn).toBeLessThan(100);
    expect(res!.usage.tokensOut).toBeLessThanOrEqual(100);
    expect(res!.usageCheck).toMatchObject({ estimated: true, reported: { tokensIn: 1e9, tokensOut: 1e9 } });
    expect(seen.find((n) => n.type === 'usage')?.message).toMatch(/stub m: the provider reported 1000000000/);
    // The bucket lost only the plausible count: the next call goes at once.
    expect(throttle.state().tokensAvailable).toBeGreaterThan(limits.tokensPerMinute - 500);
    expect(throttle.expectedWait(200).ms).toBe(0);
  });
});
