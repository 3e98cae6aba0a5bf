import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src/automation/index.js';
import { getAiFunction } from '../../src/ai/index.js';
import { textCredits, usageUsd } from '../../src/models/pricing.js';
import { importKeywords } from '../../src/planner/index.js';
import { sandboxRespond } from '../../src/providers/sandbox/index.js';
import {
  createFakeProviderServer,
  type FakeProviderOptions,
  type FakeProviderServer,
} from '../../src/testing/index.js';
import { createAiKit, type AiKit } from '../ai/ai-kit.js';
import { checkLedgerInvariants } from '../helpers/ledger-invariants.js';
import { FIXTURES } from '../helpers/project.js';
import { DIALECTS } from '../helpers/test-db.js';

process.env.IGNY8_BATCH_POLL_MS = '40';

const PROVIDERS = {
  openai: { model: 'openai:gpt-4o-mini', route: 'chat' },
  anthropic: { model: 'anthropic:claude-haiku-4-5', route: 'messages' },
} as const;

async function setup(
  dialect: (typeof DIALECTS)[number],
  provider: keyof typeof PROVIDERS,
  respond: FakeProviderOptions['respond'] = (r) => sandboxRespond(r),
) {
  const fake = await createFakeProviderServer({ seed: 17, batchDelayMs: 150, respond });
  const kit = await createAiKit(dialect, {
    credits: 1_000_000,
    config: {
      providers: {
        openai: { apiKey: 'sk-fake-openai-000000000000', baseUrl: `${fake.url}/v1` },
        anthropic: { apiKey: 'sk-ant-fake-00000000000000', baseUrl: fake.url },
      },
      ai: { textModel: PROVIDERS[provider].model, imageModel: 'openai:dall-e-3' },
      media: { dir: 'media' },
    },
  });
  const csv = fs.readFileSync(path.join(FIXTURES, 'semrush-coffee.csv'));
  await importKeywords(kit.core.db, kit.scope, { bytes: csv } as never);
  return { fake, kit };
}

const count = async (kit: AiKit, q: string) =>
  Number((await sql.raw<{ n: number }>(q).execute(kit.t.db)).rows[0]!.n);

/** Issue 17, batch mode: every stage's text calls go through the provider's batch API at half price. */
describe.each(DIALECTS.flatMap((d) => (['openai', 'anthropic'] as const).map((p) => [d, p] as const)))(
  'igny8 run --batch on %s with %s',
  (dialect, provider) => {
    let fake: FakeProviderServer;
    let kit: AiKit;
    beforeAll(async () => ({ fake, kit } = await setup(dialect, provider)), 60_000);
    afterAll(async () => {
      await kit?.close();
      await fake?.close();
    });

    it('answers every article through batches, settles each at the batch price, and reports the batch state', async () => {
      const events: RunEvent[] = [];
      const run = await kit.core.automation.start(kit.scope, {
        options: { stages: [1, 2, 3, 4, 5], batch: true, maxItemsPerStage: 6 },
        onEvent: (e) => events.push(e),
      });
      expect(run.status).toBe('completed');
      const results = run.results as Record<string, { done: number; failed: number }>;
      expect(results['4']!.done).toBe(6);
      expect(results['4']!.failed).toBe(0);
      // Stages 2, 4 and 5 each sent one batch, and no text call went synchronously.
      expect(fake.stats.batches.submitted).toBe(3);
      const textCalls = fake.stats.log.filter((c) => c.route === PROVIDERS[provider].route).length;
      expect(textCalls).toBe(fake.stats.batches.requests);
      expect(await count(kit, `select count(*) as n from ai_batches where status <> 'ended'`)).toBe(0);
      expect(await count(kit, `select count(*) as n from ai_batch_items where status <> 'answered'`)).toBe(0);
      expect(await count(kit, `select count(*) as n from ai_batch_items where stage = 'write'`)).toBe(6);
      expect(await count(kit, 'select count(*) as n from contents')).toBe(6);

      // Priced at half the registry's price: USD from the tokens, credits from the tokens.
      const model = await kit.core.models.get(PROVIDERS[provider].model);
      const rows = await kit.t.db
        .selectFrom('usage_log')
        .select(['tokens_in', 'tokens_out', 'tokens_cached', 'usd', 'usd_batch_saved', 'credits'])
        .where('operation', '=', 'generate_content')
        .execute();
      expect(rows).toHaveLength(6);
      for (const r of rows) {
        const full = usageUsd(model, {
          tokensIn: r.tokens_in,
          tokensOut: r.tokens_out,
          tokensCached: r.tokens_cached,
          images: 0,
        });
        expect(Number(r.usd)).toBeCloseTo(full * 0.5, 8);
        // What the batch API saved: the sync price minus what was charged.
        expect(Number(r.usd_batch_saved)).toBeGreaterThan(0);
        expect(Number(r.usd_batch_saved)).toBeCloseTo(full - Number(r.usd), 8);
        const minimum = (getAiFunction('generate_content') as { minimumCredits: number }).minimumCredits;
        expect(r.credits).toBe(textCredits(model, (r.tokens_in + r.tokens_out) * 0.5, minimum * 0.5));
      }
      const batchEvents = events.filter((e) => e.type === 'batch');
      expect(batchEvents.length).toBeGreaterThanOrEqual(3);
      expect(batchEvents.some((e) => e.type === 'batch' && e.message.includes('answered'))).toBe(true);
      expect(await count(kit, `select count(*) as n from run_events where type = 'batch'`)).toBeGreaterThan(
        0,
      );
      expect(await count(kit, `select count(*) as n from credit_holds where status = 'held'`)).toBe(0);
      await checkLedgerInvariants(kit.t.db, kit.scope.accountId);
    }, 120_000);

    // Four more tasks to write, made synchronously.
    const moreTasks = () =>
      kit.core.automation.start(kit.scope, { options: { stages: [2, 3], maxItemsPerStage: 4 } });

    it('an expired batch resubmits only the requests it left unanswered', async () => {
      await moreTasks();
      fake.resetStats();
      fake.setBatchFaults({ expire: 0.5, times: 1 });
      const run = await kit.core.automation.start(kit.scope, {
        options: { stages: [4], batch: true, maxItemsPerStage: 4 },
      });
      expect(run.status).toBe('completed');
      expect((run.results as Record<string, { done: number }>)['4']!.done).toBe(4);
      expect(fake.stats.batches).toEqual({ submitted: 2, requests: 4 + 2 });
      expect(await count(kit, `select count(*) as n from ai_batches where status = 'expired'`)).toBe(1);
      expect(await count(kit, `select count(*) as n from ai_batch_items where status = 'resubmitted'`)).toBe(
        2,
      );
      // Charged once per article, for the answer that arrived.
      const dup = await count(
        kit,
        `select count(*) as n from (select op_id from credit_transactions where kind = 'charge' group by op_id having count(*) > 1) d`,
      );
      expect(dup).toBe(0);
      await checkLedgerInvariants(kit.t.db, kit.scope.accountId);
    }, 120_000);

    it('after an expired batch, the next stage starts on the answered items while the rest wait in the resubmitted batch', async () => {
      // Image prompts for the articles earlier tests wrote, so stage 5 below sees only this run's.
      await kit.core.automation.start(kit.scope, { options: { stages: [5] } });
      await moreTasks();
      fake.resetStats();
      fake.setBatchFaults({ expire: 0.5, times: 1 });
      const events: RunEvent[] = [];
      const run = await kit.core.automation.start(kit.scope, {
        options: { stages: [4, 5], batch: true, maxItemsPerStage: 4 },
        onEvent: (e) => events.push(e),
      });
      expect(run.status).toBe('completed');
      const results = run.results as Record<string, { done: number; failed: number }>;
      expect([results['4'], results['5']]).toEqual([
        expect.objectContaining({ done: 4, failed: 0 }),
        expect.objectContaining({ done: 4, failed: 0 }),
      ]);
      // Stage 5 began (on the two answered articles) before the resubmitted two were written.
      const at = (f: (e: RunEvent) => boolean) => events.findIndex(f);
      const stage5Start = at((e) => e.type === 'stage' && e.stage === 5 && e.status === 'start');
      const lastWrite = events.findLastIndex(
        (e) => e.type === 'item' && e.stage === 4 && e.status === 'done',
      );
      expect(stage5Start).toBeGreaterThan(-1);
      expect(stage5Start).toBeLessThan(lastWrite);
      // Write 4 (2 expired), write the 2 again, prompts for 2, prompts for the other 2.
      expect(fake.stats.batches).toEqual({ submitted: 4, requests: 4 + 2 + 2 + 2 });
      const dup = await count(
        kit,
        `select count(*) as n from (select op_id from credit_transactions where kind = 'charge' group by op_id having count(*) > 1) d`,
      );
      expect(dup).toBe(0);
      expect(await count(kit, `select count(*) as n from credit_holds where status = 'held'`)).toBe(0);
      await checkLedgerInvariants(kit.t.db, kit.scope.accountId);
    }, 120_000);

    it('a partly failed batch: the failed items are released and reported, the rest settle', async () => {
      await moreTasks();
      fake.resetStats();
      fake.setBatchFaults({ fail: 0.5, dropOne: true, times: 1 });
      const heldBefore = await count(kit, `select count(*) as n from credit_holds where status = 'released'`);
      const run = await kit.core.automation.start(kit.scope, {
        options: { stages: [4], batch: true, maxItemsPerStage: 4 },
      });
      const r = (
        run.results as Record<string, { done: number; failed: number; failures: Array<{ code?: string }> }>
      )['4']!;
      expect(run.status).toBe('completed');
      expect(r.failed).toBe(2);
      expect(r.done).toBe(2);
      expect(r.failures.map((f) => f.code)).toEqual(['PROVIDER_TRANSIENT', 'PROVIDER_TRANSIENT']);
      // The one left out of the results went into a second batch alone.
      expect(fake.stats.batches).toEqual({ submitted: 2, requests: 5 });
      expect(await count(kit, `select count(*) as n from credit_holds where status = 'released'`)).toBe(
        heldBefore + 2,
      );
      expect(await count(kit, `select count(*) as n from credit_holds where status = 'held'`)).toBe(0);
      await checkLedgerInvariants(kit.t.db, kit.scope.accountId);
    }, 120_000);
  },
);

/** Ctrl-C while a batch is pending pauses the run with the batch kept; cancel cancels it at the provider. */
describe.each(DIALECTS)('a batched run paused or cancelled while its batch is pending on %s', (dialect) => {
  let fake: FakeProviderServer;
  let kit: AiKit;
  beforeAll(async () => {
    ({ fake, kit } = await setup(dialect, 'openai'));
    await kit.core.automation.start(kit.scope, { options: { stages: [1, 2, 3], maxItemsPerStage: 4 } });
    fake.setBatchFaults({}, 1_500);
  }, 60_000);
  afterAll(async () => {
    await kit?.close();
    await fake?.close();
  });

  it('pause keeps the holds and the batch; resume polls it without resubmitting and charges once', async () => {
    fake.resetStats();
    const abort = new AbortController();
    const paused = await kit.core.automation.start(kit.scope, {
      options: { stages: [4], batch: true },
      signal: abort.signal,
      onEvent: (e) => {
        if (e.type === 'batch') abort.abort();
      },
    });
    expect(paused.status).toBe('paused');
    expect(fake.stats.batches).toEqual({ submitted: 1, requests: 4 });
    expect(await count(kit, `select count(*) as n from credit_holds where status = 'held'`)).toBe(4);
    expect(await count(kit, 'select count(*) as n from contents')).toBe(0);

    const resumed = await kit.core.automation.resume(kit.scope, paused.id);
    expect(resumed.status).toBe('completed');
    expect(fake.stats.batches).toEqual({ submitted: 1, requests: 4 });
    expect(await count(kit, 'select count(*) as n from contents')).toBe(4);
    expect(await count(kit, `select count(*) as n from credit_holds where status = 'held'`)).toBe(0);
    expect(
      await count(
        kit,
        `select count(*) as n from credit_transactions where kind = 'charge' and op_id like 'content:%'`,
      ),
    ).toBe(4);
    await checkLedgerInvariants(kit.t.db, kit.scope.accountId);
  }, 120_000);

  it('cancel releases the holds and cancels the batch at the provider', async () => {
    await kit.core.automation.start(kit.scope, { options: { stages: [2, 3], maxItemsPerStage: 2 } });
    await kit.t.db.deleteFrom('ai_batches').execute();
    fake.resetStats();
    let runId = '';
    let cancelling: Promise<unknown> | undefined;
    const run = await kit.core.automation.start(kit.scope, {
      options: { stages: [4], batch: true },
      onEvent: (e) => {
        if (e.type === 'run') runId = e.runId;
        if (e.type === 'batch' && !cancelling) cancelling = kit.core.automation.cancel(kit.scope, runId);
      },
    });
    await cancelling;
    expect(run.status).toBe('cancelled');
    expect(fake.stats.batches.submitted).toBe(1);
    // The provider was told: its batch ends cancelled (read with the SDK, as a later run would).
    const row = await kit.t.db.selectFrom('ai_batches').select('provider_batch_id').executeTakeFirstOrThrow();
    const client = new OpenAI({ apiKey: 'sk-fake-openai-000000000000', baseURL: `${fake.url}/v1` });
    let status = '';
    for (let i = 0; i < 40 && status !== 'cancelled'; i++) {
      status = (await client.batches.retrieve(row.provider_batch_id)).status;
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(status).toBe('cancelled');
    expect(await count(kit, `select count(*) as n from credit_holds where status = 'held'`)).toBe(0);
    await checkLedgerInvariants(kit.t.db, kit.scope.accountId);
  }, 120_000);
});

/** Sync and batch in one run: an invalid batched answer gets its one repair synchronously, at the full price. */
describe.each(DIALECTS)('a batched answer that needs a repair on %s', (dialect) => {
  let fake: FakeProviderServer;
  let kit: AiKit;
  let syncRunId: string;
  beforeAll(async () => {
    // Articles asked for the first time get prose (the batch); the repair conversation gets JSON.
    ({ fake, kit } = await setup(dialect, 'openai', (r) =>
      r.schemaName === 'generate_content' && !r.messages.some((m) => m.role === 'assistant')
        ? 'Sure, here is an article about coffee.'
        : sandboxRespond(r),
    ));
    syncRunId = (
      await kit.core.automation.start(kit.scope, { options: { stages: [1, 2, 3], maxItemsPerStage: 2 } })
    ).id;
  }, 60_000);
  afterAll(async () => {
    await kit?.close();
    await fake?.close();
  });

  it('repairs synchronously and charges the batched call at half and the repair in full', async () => {
    fake.resetStats();
    const run = await kit.core.automation.start(kit.scope, { options: { stages: [4], batch: true } });
    expect(run.status).toBe('completed');
    expect((run.results as Record<string, { done: number }>)['4']!.done).toBe(2);
    expect(fake.stats.batches).toEqual({ submitted: 1, requests: 2 });
    // Two batched requests answered by the fake's chat route, plus two synchronous repairs.
    expect(fake.stats.log.filter((c) => c.route === 'chat').length).toBe(4);
    const model = await kit.core.models.get(PROVIDERS.openai.model);
    let saved = 0;
    for (const r of await kit.t.db
      .selectFrom('usage_log')
      .selectAll()
      .where('operation', '=', 'generate_content')
      .execute()) {
      const full = usageUsd(model, {
        tokensIn: r.tokens_in,
        tokensOut: r.tokens_out,
        tokensCached: r.tokens_cached,
        images: 0,
      });
      expect(Number(r.usd)).toBeLessThan(full);
      expect(Number(r.usd)).toBeGreaterThan(full * 0.5);
      // Only the batched call was discounted: the saving is the sync price minus what was charged,
      // less than half the whole row's price because the repair went at the full price.
      expect(Number(r.usd_batch_saved)).toBeCloseTo(full - Number(r.usd), 8);
      expect(Number(r.usd_batch_saved)).toBeLessThan(full * 0.5);
      saved += full - Number(r.usd);
    }
    // runs show --cost: the batch savings per stage and in total; none for the synchronous run.
    const cost = await kit.core.automation.cost(kit.scope, run.id);
    expect(saved).toBeGreaterThan(0);
    expect(cost.total.usdBatchSaved).toBeCloseTo(saved, 5);
    expect(cost.stages.find((s) => s.key === 'write')!.usdBatchSaved).toBeCloseTo(saved, 5);
    const sync = await kit.core.automation.cost(kit.scope, syncRunId);
    expect(sync.total.calls).toBeGreaterThan(0);
    expect(sync.total.usdBatchSaved).toBe(0);
    expect(sync.stages.every((s) => s.usdBatchSaved === 0)).toBe(true);
    await checkLedgerInvariants(kit.t.db, kit.scope.accountId);
  }, 120_000);
});
