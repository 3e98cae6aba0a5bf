import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importKeywords } from '../../src/planner/index.js';
import { sandboxRespond } from '../../src/providers/sandbox/index.js';
import { createFakeProviderServer, type FakeProviderServer } from '../../src/testing/index.js';
import { createAiKit, type AiKit } from '../ai/ai-kit.js';
import { checkLedgerInvariants } from '../helpers/ledger-invariants.js';
import { FIXTURES } from '../helpers/project.js';
import { DIALECTS } from '../helpers/test-db.js';

/** Import the fixture and run stages 1–2 on one cluster: three ideas to sample. */
async function withIdeas(kit: AiKit) {
  const scope = { accountId: kit.scope.accountId, siteId: kit.scope.siteId };
  await importKeywords(kit.core.db, kit.scope, {
    bytes: fs.readFileSync(path.join(FIXTURES, 'semrush-coffee.csv')),
  } as never);
  const run = await kit.core.automation.start(scope, {
    options: { stages: [1, 2], maxItemsPerStage: 1, ideasPerCluster: 3 },
  });
  expect(run.status).toBe('completed');
  return scope;
}

const countRows = async (kit: AiKit, table: 'contents' | 'tasks') =>
  Number(
    (
      await kit.core.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .where('account_id', '=', kit.scope.accountId)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe.each(DIALECTS)('igny8 compare on %s', (dialect) => {
  let fake: FakeProviderServer;
  beforeAll(async () => {
    fake = await createFakeProviderServer({ respond: sandboxRespond });
  });
  afterAll(async () => fake.close());

  it('writes the same sample under each profile through the real SDK, charges it, and saves no article', async () => {
    const kit = await createAiKit(dialect, {
      credits: 100_000,
      config: {
        providers: { openai: { apiKey: 'sk-fake-openai-000000000000', baseUrl: `${fake.url}/v1` } },
        ai: { textModel: 'openai:gpt-5.1', imageModel: 'openai:dall-e-3' },
        media: { dir: 'media' },
      },
    });
    try {
      const scope = await withIdeas(kit);
      const before = await kit.core.credits.balance(scope);
      const cmp = await kit.core.automation.compare(scope, { profiles: ['economy', 'standard'], sample: 2 });

      expect(cmp.sample).toHaveLength(2);
      // What was asked and the prices behind the figures travel with the result (a CI job stores it).
      expect(cmp.inputs).toEqual({ siteId: scope.siteId, profiles: ['economy', 'standard'], sample: 2 });
      expect(cmp.prices.version).toMatch(/^sha256:[0-9a-f]{16}$/);
      expect(cmp.prices.models.map((m) => m.model)).toEqual(
        expect.arrayContaining(['openai:gpt-5-nano', 'openai:gpt-5.1']),
      );
      expect(cmp.prices.models.find((m) => m.model === 'openai:gpt-5.1')!.inputPrice).toBeGreaterThan(0);
      expect(cmp.profiles.map((p) => [p.profile, p.textModel, p.sandbox])).toEqual([
        ['economy', 'openai:gpt-5-nano', false],
        ['standard', 'openai:gpt-5.1', false],
      ]);
      for (const p of cmp.profiles) {
        expect(p.articles.map((a) => a.ideaId)).toEqual(cmp.sample.map((s) => s.ideaId));
        expect(p.summary).toMatchObject({ articles: 2, failed: 0 });
        for (const a of p.articles) {
          expect(a.error).toBeUndefined();
          expect(a.words).toBeGreaterThan(100);
          expect(a.seoScore).toBeGreaterThan(0);
          expect(a.outline!.sections).toBeGreaterThan(0);
          expect(a.lengthRatio).toBeCloseTo(a.words! / a.targetWords!, 2);
          expect(a.credits).toBeGreaterThan(0);
          expect(a.usd).toBeGreaterThan(0);
          expect(a.duplicateShare).toBeGreaterThanOrEqual(0);
        }
        expect(p.summary.images.perArticle).toBe(1 + p.maxImages);
        expect(p.summary.usdPerArticle).toBeCloseTo(
          p.summary.text.usdPerArticle + p.summary.images.usdPerArticle,
          6,
        );
      }
      const [economy, standard] = cmp.profiles;
      expect(economy!.summary.usdPerArticle).toBeLessThan(standard!.summary.usdPerArticle);

      // Nothing entered the content tables (so nothing can be reviewed or published).
      expect(await countRows(kit, 'contents')).toBe(0);
      expect(await countRows(kit, 'tasks')).toBe(0);
      // Metered like a run: the usage log and the ledger carry the compare's op ids and credits.
      const usage = await kit.core.db
        .selectFrom('usage_log')
        .select(['op_id', 'credits', 'model'])
        .where('account_id', '=', scope.accountId)
        .where('op_id', 'like', `compare:${cmp.id}:%`)
        .where('status', '=', 'ok')
        .execute();
      expect(new Set(usage.map((u) => u.model))).toEqual(new Set(['gpt-5-nano', 'gpt-5.1']));
      const charged = cmp.profiles.flatMap((p) => p.articles).reduce((s, a) => s + a.credits, 0);
      expect(usage.reduce((s, u) => s + u.credits, 0)).toBe(charged);
      const after = await kit.core.credits.balance(scope);
      expect(before.available - after.available).toBe(charged);
      await checkLedgerInvariants(kit.core.db, scope.accountId);

      // Bad input names the field; no ideas gives its own code.
      await expect(
        kit.core.automation.compare(scope, { profiles: ['economy', 'economy'] }),
      ).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
      await expect(
        kit.core.automation.compare(scope, { profiles: ['cheap' as never] }),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    } finally {
      await kit.close();
    }
  });

  it('with no provider key the sandbox answers each profile, says so, and saves nothing', async () => {
    const kit = await createAiKit(dialect, { credits: 100_000 });
    try {
      const scope = { accountId: kit.scope.accountId, siteId: kit.scope.siteId };
      await expect(kit.core.automation.compare(scope, { profiles: ['economy'] })).rejects.toMatchObject({
        code: 'COMPARE_NO_SAMPLE',
      });
      await withIdeas(kit);
      const cmp = await kit.core.automation.compare(scope, { profiles: ['economy', 'premium'], sample: 3 });
      expect(cmp.profiles.every((p) => p.sandbox)).toBe(true);
      expect(cmp.profiles.map((p) => p.summary.articles)).toEqual([3, 3]);
      expect(cmp.profiles.map((p) => p.maxImages)).toEqual([1, 3]);
      expect(await countRows(kit, 'contents')).toBe(0);
      await checkLedgerInvariants(kit.core.db, scope.accountId);
    } finally {
      await kit.close();
    }
  });
});
