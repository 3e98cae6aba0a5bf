import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTenant } from '../../../test/helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../../../test/helpers/test-db.js';
import { insertRun } from '../../automation/run.repository.js';
import { createAnthropicTextProvider } from '../../providers/adapters/anthropic-text.provider.js';
import { createOpenAiTextProvider } from '../../providers/adapters/openai-text.provider.js';
import type { TextProvider, TextRequest } from '../../providers/provider.types.js';
import { createFakeProviderServer } from '../../testing/fake-provider/fake-provider-server.js';
import type { FakeProviderServer } from '../../testing/fake-provider/fake-types.js';
import type { SiteScope } from '../../tenancy/scope.js';
import { withBatchItem } from './batch-context.js';
import { insertBatch, markBatchSubmitted } from './batches.repository.js';
import { createStageBatcher, customIdFor } from './stage-batcher.js';

const KEY = 'sk-fake-batch-test-0123456789';
const PROVIDERS = {
  openai: (url: string) => createOpenAiTextProvider({ name: 'openai', apiKey: KEY, baseUrl: `${url}/v1` }),
  anthropic: (url: string) => createAnthropicTextProvider({ name: 'anthropic', apiKey: KEY, baseUrl: url }),
};

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

/**
 * Issue 17: a process killed after the provider accepted a batch but before it stored the batch's id
 * leaves a 'submitting' row. The resumed stage adopts the provider's batch by the row's key instead of
 * submitting the same requests again (paying twice), and submits only when the provider never got them.
 */
describe.each(DIALECTS.flatMap((d) => (['openai', 'anthropic'] as const).map((p) => [d, p] as const)))(
  'stage batcher resuming a submission on %s with %s',
  (dialect, name) => {
    let t: TestDb;
    let fake: FakeProviderServer;
    let provider: TextProvider;
    let scope: SiteScope;
    let runId: string;
    const items = [0, 1, 2].map((i) => ({ itemId: `item-${i}`, opId: `op-${name}-${i}` }));
    const stage = 'write';

    beforeAll(async () => {
      t = await createTestDb(dialect);
      fake = await createFakeProviderServer({ batchDelayMs: 100 });
      provider = PROVIDERS[name](fake.url);
      const tenant = await seedTenant(t.db, 'a');
      scope = { accountId: tenant.accountId, siteId: tenant.siteId } as SiteScope;
      runId = (
        await insertRun(t.db, scope, {
          trigger: 'cli',
          status: 'running',
          options: {},
          results: {},
          estimateCredits: 0,
          creditCap: null,
          leaseOwner: null,
        })
      ).id;
    }, 60_000);
    afterAll(async () => {
      await fake?.close();
      await t?.close();
    });

    /** The stage as a resumed run runs it: every item asks for its answer through the batcher. */
    async function resumeStage(opIds = items) {
      const logs: string[] = [];
      const batcher = createStageBatcher({
        db: t.db,
        scope,
        runId,
        stage,
        pollMs: 30,
        onProgress: () => undefined,
        log: (_l, m) => logs.push(m),
      });
      const answers = await Promise.all(
        opIds.map((it, i) =>
          withBatchItem(batcher, it.itemId, () => batcher.request(provider, request(i), it.opId, it.itemId)),
        ),
      );
      return { answers, logs };
    }

    const batches = () =>
      t.db
        .selectFrom('ai_batches')
        .select(['id', 'status', 'provider_batch_id'])
        .orderBy('created_at')
        .execute();

    it('adopts the batch the provider accepted under the stored key: nothing submitted twice', async () => {
      // The killed process: row written, batch accepted by the provider, its id never stored.
      const ref = await insertBatch(
        t.db,
        scope,
        { runId, stage, provider: name, model: 'm' },
        items.map((it) => ({ ...it, customId: customIdFor(it.opId) })),
      );
      const accepted = await provider.batch!.submit(
        items.map((it, i) => ({ customId: customIdFor(it.opId), request: request(i) })),
        ref.id,
      );
      expect(fake.stats.batches.submitted).toBe(1);

      const { answers, logs } = await resumeStage();
      expect(answers.map((a) => JSON.parse(a.text))).toEqual(
        answers.map(() => expect.objectContaining({ method: expect.any(String) })),
      );
      expect(fake.stats.batches).toEqual({ submitted: 1, requests: 3 });
      expect(await batches()).toEqual([{ id: ref.id, status: 'ended', provider_batch_id: accepted }]);
      expect(logs.join('\n')).toContain(`Found batch ${accepted}`);
    });

    it('submits once when the provider never received the batch, and marks the stored one unsent', async () => {
      const more = [3, 4, 5].map((i) => ({ itemId: `item-${i}`, opId: `op-${name}-${i}` }));
      const ref = await insertBatch(
        t.db,
        scope,
        { runId, stage, provider: name, model: 'm' },
        more.map((it) => ({ ...it, customId: customIdFor(it.opId) })),
      );
      const before = fake.stats.batches.submitted;
      const { answers } = await resumeStage(more);
      expect(answers).toHaveLength(3);
      expect(fake.stats.batches.submitted).toBe(before + 1);
      const rows = await batches();
      expect(rows.find((b) => b.id === ref.id)).toMatchObject({ status: 'unsent', provider_batch_id: '' });
      const items = await t.db
        .selectFrom('ai_batch_items')
        .select('status')
        .where('batch_id', '=', ref.id)
        .execute();
      expect(items.map((i) => i.status)).toEqual(['resubmitted', 'resubmitted', 'resubmitted']);
      // The adopted batch of the first test is not taken for this one (Anthropic lists it as a
      // candidate of the same size; it is already stored).
      expect(rows.filter((b) => b.status === 'ended')).toHaveLength(2);
      expect(new Set(rows.map((b) => b.provider_batch_id)).size).toBe(3);
    });

    it('a resumed item that attaches while the batch is being polled gets its answer, not a resubmission', async () => {
      const more = [9, 10, 11].map((i) => ({ itemId: `item-${i}`, opId: `op-${name}-${i}` }));
      const ref = await insertBatch(
        t.db,
        scope,
        { runId, stage, provider: name, model: 'm' },
        more.map((it) => ({ ...it, customId: customIdFor(it.opId) })),
      );
      const accepted = await provider.batch!.submit(
        more.map((it, i) => ({ customId: customIdFor(it.opId), request: request(i) })),
        ref.id,
      );
      await markBatchSubmitted(t.db, scope, ref.id, accepted);
      await new Promise((r) => setTimeout(r, 250)); // the batch has ended at the provider
      const before = fake.stats.batches.submitted;
      // A slow poll: the first item's poll is out while the other two attach (resumed items trickle in).
      const slow: TextProvider = {
        ...provider,
        batch: {
          ...provider.batch!,
          poll: async (id, requests) => {
            await new Promise((r) => setTimeout(r, 200));
            return provider.batch!.poll(id, requests);
          },
        },
      };
      const batcher = createStageBatcher({
        db: t.db,
        scope,
        runId,
        stage,
        pollMs: 30,
        onProgress: () => undefined,
        log: () => undefined,
      });
      const ask = (i: number) =>
        withBatchItem(batcher, more[i]!.itemId, () =>
          batcher.request(slow, request(i), more[i]!.opId, more[i]!.itemId),
        );
      const first = ask(0);
      await new Promise((r) => setTimeout(r, 80));
      const answers = await Promise.all([first, ask(1), ask(2)]);
      expect(answers.map((a) => JSON.parse(a.text))).toEqual(
        answers.map(() => expect.objectContaining({ method: expect.any(String) })),
      );
      expect(fake.stats.batches.submitted).toBe(before);
      const statuses = await t.db
        .selectFrom('ai_batch_items')
        .select('status')
        .where('batch_id', '=', ref.id)
        .execute();
      expect(statuses.map((x) => x.status)).toEqual(['answered', 'answered', 'answered']);
    });

    it.runIf(name === 'anthropic')(
      'Anthropic: a look-alike batch adopted by mistake is caught by its custom ids and only then resubmitted',
      async () => {
        const more = [6, 7, 8].map((i) => ({ itemId: `item-${i}`, opId: `op-${name}-${i}` }));
        const ref = await insertBatch(
          t.db,
          scope,
          { runId, stage, provider: name, model: 'm' },
          more.map((it) => ({ ...it, customId: customIdFor(it.opId) })),
        );
        // Someone else's batch of the same size, created right then; ours never reached the provider.
        const decoy = await provider.batch!.submit(
          [0, 1, 2].map((i) => ({ customId: `other_${i}`, request: request(i) })),
          'not-ours',
        );
        const before = fake.stats.batches.submitted;
        const { answers } = await resumeStage(more);
        expect(answers).toHaveLength(3);
        // The decoy was polled to its end, none of our ids was in it, so ours went up once.
        expect(fake.stats.batches.submitted).toBe(before + 1);
        const adopted = await t.db
          .selectFrom('ai_batch_items as i')
          .innerJoin('ai_batches as b', 'b.id', 'i.batch_id')
          .select(['b.provider_batch_id', 'i.status'])
          .where('b.id', '=', ref.id)
          .execute();
        expect(adopted).toEqual(more.map(() => ({ provider_batch_id: decoy, status: 'resubmitted' })));
      },
    );
  },
);
