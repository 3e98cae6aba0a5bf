import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importKeywords } from '../../src/planner/index.js';
import { sandboxRespond } from '../../src/providers/sandbox/index.js';
import { createFakeProviderServer, type FakeProviderServer } from '../../src/testing/index.js';
import { createAiKit, ledgerAndUsage } from '../ai/ai-kit.js';
import { checkLedgerInvariants } from '../helpers/ledger-invariants.js';
import { FIXTURES } from '../helpers/project.js';
import { DIALECTS } from '../helpers/test-db.js';

/**
 * quality.md, provider faults: the whole pipeline against the fake OpenAI (images) and Anthropic
 * (text) endpoints through the official SDKs, with 20% of calls failing — 429 with retry-after,
 * 500, hangs and malformed JSON. The run completes, failures carry reasons, failed calls cost nothing.
 */
describe.each(DIALECTS)('pipeline with 20%% provider faults on %s', (dialect) => {
  let fake: FakeProviderServer;
  beforeAll(async () => {
    fake = await createFakeProviderServer({
      seed: 7,
      respond: (req) => sandboxRespond(req),
      faults: { rate429: 0.06, retryAfterMs: 50, status500: 0.06, timeout: 0.03, malformedJson: 0.05 },
    });
  });
  afterAll(async () => fake.close());

  it('completes, classifies failures, and charges exactly what the usage log records', async () => {
    const kit = await createAiKit(dialect, {
      credits: 100_000,
      config: {
        providers: {
          openai: { apiKey: 'sk-fake-openai-000000000000', baseUrl: `${fake.url}/v1` },
          anthropic: { apiKey: 'sk-ant-fake-00000000000000', baseUrl: fake.url },
          retry: {
            maxAttempts: 6,
            baseDelayMs: 10,
            maxDelayMs: 100,
            retryAfterCapMs: 1_000,
            attemptTimeoutMs: 1_500,
            deadlineMs: 60_000,
          },
        },
        ai: { textModel: 'anthropic:claude-haiku-4-5', imageModel: 'openai:dall-e-3' },
        media: { dir: 'media' },
      },
    });
    try {
      const csv = fs.readFileSync(path.join(FIXTURES, 'semrush-coffee.csv'));
      const imp = await importKeywords(kit.core.db, kit.scope, { bytes: csv } as never);
      expect(imp.imported).toBe(80);
      const run = await kit.core.automation.start(
        { accountId: kit.scope.accountId, siteId: kit.scope.siteId },
        {
          options: {
            clusterMethod: 'ai',
            batchSize: 40,
            maxItemsPerStage: 12,
            concurrency: 4,
            autoApprove: true,
            minSeoScore: 0,
          },
        },
      );
      expect(run.status).toBe('completed');
      expect(run.error).toBeNull();
      // The fake really failed about a fifth of the calls, and none of them halted the run.
      const { byOutcome, calls } = fake.stats;
      const faults = calls - (byOutcome.ok ?? 0);
      expect(faults / calls).toBeGreaterThan(0.08);
      expect(byOutcome.rate429).toBeGreaterThan(0);
      const results = Object.values(run.results);
      const done = results.reduce((n, r) => n + r.done, 0);
      const failures = results.flatMap((r) => r.failures);
      expect(done).toBeGreaterThan(40);
      for (const f of failures) {
        expect(f.reason.length).toBeGreaterThan(0);
        expect(f.code).toMatch(/^PROVIDER_|^INSUFFICIENT|^VALIDATION|^INTERNAL/);
      }
      const { charged, logged, failedRows } = await ledgerAndUsage(kit);
      expect(charged).toBe(logged);
      expect(logged).toBe(run.creditsUsed);
      const failedCredits = await kit.t.db
        .selectFrom('usage_log')
        .select('credits')
        .where('status', '=', 'failed')
        .execute();
      expect(failedCredits.every((r) => r.credits === 0)).toBe(true);
      expect(failedRows).toBe(failures.length);
      await checkLedgerInvariants(kit.t.db, kit.scope.accountId);
    } finally {
      await kit.close();
    }
  }, 300_000);
});
