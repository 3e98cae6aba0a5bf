import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src/automation/index.js';
import { sandboxRespond } from '../../src/providers/sandbox/index.js';
import {
  createFakeProviderServer,
  type FakeMisbehaviour,
  type FakeProviderServer,
} from '../../src/testing/index.js';
import { createPlainRunReporter } from '../../cli/ui/plain-run-reporter.js';
import { COFFEE, createAiKit, insertKeywords, ledgerAndUsage, type AiKit } from '../ai/ai-kit.js';
import { checkLedgerInvariants } from '../helpers/ledger-invariants.js';
import { DIALECTS } from '../helpers/test-db.js';

/**
 * Issue 11 / quality.md "providers that misbehave in other ways": absurd usage figures, missing
 * usage, the answer in a text block instead of the output tool, a 20 s stall and a connection reset
 * mid-body. Stages 1–4 run against the fake Anthropic (or OpenAI) endpoint through the official SDK;
 * each run completes, the ledger equals the usage log, no hold stays open, and waits are announced.
 */
interface Outcome {
  kit: AiKit;
  fake: FakeProviderServer;
  run: { status: string; creditsUsed: number; results: Record<string, { done: number; failed: number }> };
  events: RunEvent[];
  usage: Array<{
    status: string;
    credits: number;
    tokens_in: number;
    tokens_out: number;
    usage_estimated: number;
    usage_reported: string | null;
    op_id: string;
  }>;
}

async function runWith(
  dialect: (typeof DIALECTS)[number],
  misbehave: FakeMisbehaviour,
  text: 'anthropic' | 'openai' = 'anthropic',
): Promise<Outcome> {
  const fake = await createFakeProviderServer({ seed: 11, respond: (req) => sandboxRespond(req), misbehave });
  const kit = await createAiKit(dialect, {
    credits: 100_000,
    config: {
      providers: {
        openai: { apiKey: 'sk-fake-openai-000000000000', baseUrl: `${fake.url}/v1` },
        anthropic: { apiKey: 'sk-ant-fake-00000000000000', baseUrl: fake.url },
        retry: {
          maxAttempts: 4,
          baseDelayMs: 10,
          maxDelayMs: 100,
          retryAfterCapMs: 1_000,
          attemptTimeoutMs: 60_000,
          deadlineMs: 120_000,
        },
      },
      ai: {
        textModel: text === 'anthropic' ? 'anthropic:claude-haiku-4-5' : 'openai:gpt-4o-mini',
        imageModel: 'openai:dall-e-3',
      },
      media: { dir: 'media' },
    },
  });
  // Priced per token (not at the per-call minimum), so billing 10^9 tokens would show: it charges whole holds.
  await kit.core.models.update('anthropic:claude-haiku-4-5', { tokensPerCredit: 50 });
  await kit.core.models.update('openai:gpt-4o-mini', { tokensPerCredit: 50 });
  await insertKeywords(kit, COFFEE);
  const events: RunEvent[] = [];
  const run = await kit.core.automation.start(
    { accountId: kit.scope.accountId, siteId: kit.scope.siteId },
    {
      options: {
        stages: [1, 2, 3, 4],
        clusterMethod: 'ai',
        batchSize: 40,
        maxItemsPerStage: 2,
        concurrency: 2,
        ideasPerCluster: 3,
      },
      onEvent: (e) => events.push(e),
    },
  );
  const usage = await kit.t.db
    .selectFrom('usage_log')
    .select(['status', 'credits', 'tokens_in', 'tokens_out', 'usage_estimated', 'usage_reported', 'op_id'])
    .where('account_id', '=', kit.scope.accountId)
    .execute();
  return { kit, fake, run: run as Outcome['run'], events, usage };
}

/** What every misbehaving run must still satisfy: complete, items done, ledger = usage log, holds resolved. */
async function expectHonest(o: Outcome): Promise<void> {
  expect(o.run.status).toBe('completed');
  const done = Object.values(o.run.results).reduce((n, r) => n + r.done, 0);
  const failed = Object.values(o.run.results).reduce((n, r) => n + r.failed, 0);
  expect(failed).toBe(0);
  expect(done).toBeGreaterThanOrEqual(5); // 1 cluster batch, 2 idea sets, tasks, 2 articles
  const { charged, logged } = await ledgerAndUsage(o.kit);
  expect(charged).toBeGreaterThan(0);
  expect(charged).toBe(logged);
  expect(logged).toBe(o.run.creditsUsed);
  const open = await o.kit.t.db
    .selectFrom('credit_holds')
    .select(sql<number>`count(*)`.as('n'))
    .where('account_id', '=', o.kit.scope.accountId)
    .where('status', '=', 'held')
    .executeTakeFirstOrThrow();
  expect(Number(open.n)).toBe(0);
  // Sane figures: no row carries anything near what a broken provider claimed.
  for (const row of o.usage) {
    expect(row.tokens_in).toBeLessThan(50_000);
    expect(row.tokens_out).toBeLessThan(20_000);
  }
  await checkLedgerInvariants(o.kit.t.db, o.kit.scope.accountId);
}

describe.each(DIALECTS)('a run against a misbehaving provider on %s', (dialect) => {
  let current: Outcome | undefined;
  afterEach(async () => {
    await current?.kit.close();
    await current?.fake.close();
    current = undefined;
  });

  it('absurd usage (10^9 tokens): clamped, both figures recorded, a warning logged, credits sane', async () => {
    current = await runWith(dialect, { absurdUsage: 1_000_000_000 });
    await expectHonest(current);
    const ok = current.usage.filter((r) => r.status === 'ok');
    expect(ok.length).toBeGreaterThan(0);
    for (const row of ok) {
      expect(row.usage_estimated).toBe(1);
      expect(JSON.parse(row.usage_reported!)).toMatchObject({ tokensIn: 1e9, tokensOut: 1e9 });
    }
    // Billed by plausible counts, so under the holds (billing 10^9 tokens would charge every hold in full).
    const holds = await current.kit.t.db
      .selectFrom('credit_holds')
      .select(sql<number>`coalesce(sum(amount), 0)`.as('n'))
      .where('account_id', '=', current.kit.scope.accountId)
      .executeTakeFirstOrThrow();
    expect(current.run.creditsUsed).toBeLessThan(Number(holds.n));
    const warns = current.events.filter((e) => e.type === 'log' && e.level === 'warn');
    expect(warns.some((e) => e.type === 'log' && /reported 1000000000 input tokens/.test(e.message))).toBe(
      true,
    );
  }, 120_000);

  it('missing usage (Anthropic and OpenAI): billed by the tokenizer estimate, rows marked estimated', async () => {
    for (const text of ['anthropic', 'openai'] as const) {
      current = await runWith(dialect, { omitUsage: true }, text);
      await expectHonest(current);
      const ok = current.usage.filter((r) => r.status === 'ok');
      expect(ok.length).toBeGreaterThan(0);
      for (const row of ok) {
        expect(row.usage_estimated).toBe(1);
        expect(row.usage_reported).toBeNull();
        expect(row.tokens_in).toBeGreaterThan(50);
        expect(row.tokens_out).toBeGreaterThan(5);
      }
      await current.kit.close();
      await current.fake.close();
      current = undefined;
    }
  }, 180_000);

  it('Anthropic answers in a text block: valid JSON is used as is, with the true usage', async () => {
    current = await runWith(dialect, { anthropicText: 'json' });
    await expectHonest(current);
    expect(current.fake.stats.byOutcome.ok).toBe(current.usage.length);
    expect(current.usage.every((r) => r.usage_estimated === 0)).toBe(true);
  }, 120_000);

  it('Anthropic answers in prose without the tool: one repair each, and the run completes', async () => {
    current = await runWith(dialect, { anthropicText: 'invalid' });
    await expectHonest(current);
    // Every operation took exactly two calls: the prose answer and the repaired one.
    const ok = current.usage.filter((r) => r.status === 'ok').length;
    expect(current.fake.stats.byApi.anthropic).toBe(ok * 2);
  }, 120_000);

  it('a 20 s stall is announced (wait event, run log, reporter line), then the run completes', async () => {
    current = await runWith(dialect, { stallMs: 20_000, stallCalls: [1] });
    await expectHonest(current);
    const waits = current.events.filter((e) => e.type === 'wait');
    expect(waits.length).toBeGreaterThanOrEqual(1);
    const stall = waits.find((e) => e.type === 'wait' && e.reason === 'response');
    expect(stall).toMatchObject({ provider: 'anthropic', stage: 1 });
    if (stall?.type !== 'wait') throw new Error('no response wait');
    expect(stall.message).toMatch(/auto_cluster .*no answer from anthropic after 5 s; waiting until/);
    expect(Date.parse(stall.until!)).toBeGreaterThan(Date.now());
    const logged = await current.kit.t.db
      .selectFrom('run_events')
      .select(['type', 'message', 'data'])
      .where('type', '=', 'wait')
      .execute();
    expect(logged.some((r) => r.message === stall.message)).toBe(true);
    const lines: string[] = [];
    const report = createPlainRunReporter((l) => lines.push(l));
    for (const e of current.events) report(e);
    expect(lines.some((l) => l.includes('no answer from anthropic after 5 s'))).toBe(true);
  }, 180_000);

  it('a connection reset mid-body is retried; the run completes with correct credits', async () => {
    current = await runWith(dialect, { resetCalls: [1, 3] });
    await expectHonest(current);
    expect(current.fake.stats.byOutcome.reset).toBe(2);
    // The cut-off answers cost nothing: one charged usage row per operation, none failed.
    expect(current.usage.every((r) => r.status === 'ok')).toBe(true);
  }, 120_000);
});
