import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importKeywords } from '../../src/planner/index.js';
import { sandboxRespond } from '../../src/providers/sandbox/index.js';
import { createFakeProviderServer, type FakeProviderServer } from '../../src/testing/index.js';
import { createAiKit, type AiKit } from '../ai/ai-kit.js';
import { checkLedgerInvariants } from '../helpers/ledger-invariants.js';
import { FIXTURES } from '../helpers/project.js';
import { DIALECTS } from '../helpers/test-db.js';

/**
 * Issue 11: after a cancel, holds stayed open, items stayed `generating`, and the run's record
 * disagreed with the ledger. A cancel while items are in flight (slow provider) must release the
 * run's holds at once, leave nothing running, and leave a record equal to the ledger.
 */
describe.each(DIALECTS)('cancelling a busy run on %s', (dialect) => {
  let fake: FakeProviderServer;
  let kit: AiKit;
  beforeAll(async () => {
    fake = await createFakeProviderServer({ seed: 3, latencyMs: 400, respond: (req) => sandboxRespond(req) });
    kit = await createAiKit(dialect, {
      credits: 100_000,
      config: {
        providers: {
          openai: { apiKey: 'sk-fake-openai-000000000000', baseUrl: `${fake.url}/v1` },
          anthropic: { apiKey: 'sk-ant-fake-00000000000000', baseUrl: fake.url },
        },
        ai: { textModel: 'anthropic:claude-haiku-4-5', imageModel: 'openai:dall-e-3' },
        media: { dir: 'media' },
      },
    });
    const csv = fs.readFileSync(path.join(FIXTURES, 'semrush-coffee.csv'));
    await importKeywords(kit.core.db, kit.scope, { bytes: csv } as never);
  }, 60_000);
  afterAll(async () => {
    await kit?.close();
    await fake?.close();
  });

  const counts = async () => {
    const n = async (q: string) => Number((await sql.raw<{ n: number }>(q).execute(kit.t.db)).rows[0]!.n);
    return {
      held: await n(`select count(*) as n from credit_holds where status = 'held'`),
      inFlight:
        (await n(`select count(*) as n from tasks where status = 'running'`)) +
        (await n(`select count(*) as n from images where status = 'generating'`)),
    };
  };

  it('releases holds and resets items at once; the record equals the ledger', async () => {
    const site = { accountId: kit.scope.accountId, siteId: kit.scope.siteId };
    let runId = '';
    let written = 0;
    let cancelled: ReturnType<typeof kit.core.automation.cancel> | undefined;
    let atCancel: Awaited<ReturnType<typeof counts>> | undefined;
    const done = kit.core.automation.start(site, {
      options: { concurrency: 4, maxItemsPerStage: 12, maxImages: 1 },
      onEvent: (e) => {
        if (e.type === 'run') runId = e.runId;
        // Cancel with stage-4 calls in flight (each takes 400 ms at the fake provider).
        if (e.type === 'item' && e.stage === 4 && ++written === 2 && !cancelled) {
          cancelled = kit.core.automation.cancel(site, runId).then(async (v) => {
            atCancel = await counts();
            return v;
          });
        }
      },
    });
    const final = await done;
    expect(cancelled).toBeDefined();
    await cancelled;
    // Measured right after cancel() returned: it did the work itself, not the runner later.
    expect(atCancel).toEqual({ held: 0, inFlight: 0 });
    expect(await counts()).toEqual({ held: 0, inFlight: 0 });
    expect(final.status).toBe('cancelled');

    await checkLedgerInvariants(kit.t.db, kit.scope.accountId);
    const charged = await kit.t.db
      .selectFrom('credit_transactions')
      .select(sql<number>`coalesce(sum(amount), 0)`.as('s'))
      .where('kind', '=', 'charge')
      .executeTakeFirstOrThrow();
    const run = await kit.core.automation.get(site, runId);
    expect(run.creditsUsed).toBeGreaterThan(0);
    expect(run.creditsUsed).toBe(-Number(charged.s));
    expect(Object.values(run.results).reduce((n, r) => n + r.credits, 0)).toBe(run.creditsUsed);
    // Articles counted done are the articles that exist; the cancel failed no item.
    const contents = Number(
      (await sql<{ n: number }>`select count(*) as n from contents`.execute(kit.t.db)).rows[0]!.n,
    );
    expect(run.results['4']!.done).toBe(contents);
    expect(run.results['4']!.failed).toBe(0);
    expect(contents).toBeLessThan(12);
  }, 120_000);
});
