import { afterEach, describe, expect, it } from 'vitest';
import type { AiProgressEvent } from '../../src/ai/index.js';
import { sandboxRespond } from '../../src/providers/sandbox/index.js';
import { createFakeProviderServer, type FakeProviderServer } from '../../src/testing/index.js';
import { DIALECTS } from '../helpers/test-db.js';
import { COFFEE, createAiKit, type AiKit } from './ai-kit.js';

/**
 * Issue 11 outside runs: one AI call (as `igny8 cluster --ai` makes it) that waits on a stalled
 * provider says so through its progress events, and an answer without usage is billed by the
 * tokenizer's count with the usage row marked estimated.
 */
describe.each(DIALECTS)('AI engine against a stalling provider without usage on %s', (dialect) => {
  let fake: FakeProviderServer | undefined;
  let kit: AiKit | undefined;
  afterEach(async () => {
    await kit?.close();
    await fake?.close();
  });

  it('emits a wait progress event and a usage warning, and marks the row estimated', async () => {
    fake = await createFakeProviderServer({
      respond: (req) => sandboxRespond(req),
      misbehave: { stallMs: 5_600, omitUsage: true },
    });
    kit = await createAiKit(dialect, {
      credits: 1_000,
      config: {
        providers: {
          anthropic: { apiKey: 'sk-ant-test-0123456789', baseUrl: fake.url },
          retry: { maxAttempts: 2, attemptTimeoutMs: 30_000, deadlineMs: 60_000 },
        },
        ai: { textModel: 'anthropic:claude-haiku-4-5' },
      },
    });
    const events: AiProgressEvent[] = [];
    const res = await kit.core.ai.run(
      kit.scope,
      'auto_cluster',
      { keywords: COFFEE.map(([keyword, volume]) => ({ keyword, volume })) },
      { item: 'batch 1', onProgress: (e) => events.push(e) },
    );
    const wait = events.find((e) => e.phase === 'wait');
    expect(wait).toMatchObject({ fn: 'auto_cluster', item: 'batch 1', wait: { reason: 'response' } });
    expect(wait?.message).toMatch(/auto_cluster \(batch 1\): no answer from anthropic after 5 s/);
    expect(Date.parse(wait!.wait!.until!)).toBeGreaterThan(Date.now());
    expect(events.find((e) => e.phase === 'warning')?.message).toMatch(/reported no usage/);
    // Announcements are not steps: the run still ends with done = total.
    expect(events.at(-1)).toMatchObject({ phase: 'done' });
    expect(events.at(-1)!.done).toBe(events.at(-1)!.total);

    const row = await kit.t.db.selectFrom('usage_log').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'ok', usage_estimated: 1, usage_reported: null });
    expect(row.tokens_in).toBe(res.usage.tokensIn);
    expect(row.tokens_in).toBeGreaterThan(100);
    expect(row.tokens_out).toBeGreaterThan(20);
    expect(row.credits).toBe(res.credits);
    // The usage list (CLI and API) says so too.
    const { items } = await kit.core.credits.usage(kit.scope);
    expect(items[0]).toMatchObject({ estimated: true, reported: null, tokensIn: row.tokens_in });
  }, 60_000);
});
