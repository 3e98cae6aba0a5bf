import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importKeywords } from '../../src/planner/index.js';
import { sandboxRespond } from '../../src/providers/sandbox/index.js';
import { createFakeProviderServer, type FakeProviderServer } from '../../src/testing/index.js';
import { createAiKit } from '../ai/ai-kit.js';
import { FIXTURES } from '../helpers/project.js';
import { DIALECTS } from '../helpers/test-db.js';

describe.each(DIALECTS)('cost profiles on a real run on %s', (dialect) => {
  let fake: FakeProviderServer;
  beforeAll(async () => {
    fake = await createFakeProviderServer({ respond: sandboxRespond });
  });
  afterAll(async () => fake.close());

  it('estimates each profile side by side, and an economy run uses its models and image count', async () => {
    const kit = await createAiKit(dialect, {
      credits: 100_000,
      config: {
        providers: { openai: { apiKey: 'sk-fake-openai-000000000000', baseUrl: `${fake.url}/v1` } },
        ai: { textModel: 'openai:gpt-5.1', imageModel: 'openai:dall-e-3' },
        media: { dir: 'media' },
      },
    });
    try {
      const { core } = kit;
      const scope = { accountId: kit.scope.accountId, siteId: kit.scope.siteId };
      const csv = fs.readFileSync(path.join(FIXTURES, 'semrush-coffee.csv'));
      await importKeywords(core.db, kit.scope, { bytes: csv } as never);
      const opts = { maxItemsPerStage: 2, ideasPerCluster: 3 };

      // Uncapped, so each profile's image count shows in the plan.
      const profiles = await core.automation.estimateProfiles(scope, { ideasPerCluster: 3 });
      expect(profiles.map((p) => p.profile)).toEqual(['economy', 'standard', 'premium']);
      const [economy, standard, premium] = profiles;
      expect(economy!.models).toEqual({ text: 'openai:gpt-5-nano', image: 'openai:gpt-image-1-mini' });
      expect(standard!.models).toEqual({ text: 'openai:gpt-5.1', image: 'openai:dall-e-3' });
      expect(economy!.total.usd).toBeLessThan(standard!.total.usd / 3);
      expect(premium!.total.images).toBeGreaterThan(standard!.total.images);
      // The plain estimate (no profile, no site setting) is the standard one.
      expect((await core.automation.estimate(scope, { ideasPerCluster: 3 })).total.usd).toBe(
        standard!.total.usd,
      );

      // A bad site setting is refused, naming the setting.
      await core.tenancy.updateSite(kit.scope, kit.scope.siteId, { settings: { costProfile: 'cheap' } });
      await expect(core.automation.estimate(scope, opts)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
      // The site's setting applies when the run names no profile.
      await core.tenancy.updateSite(kit.scope, kit.scope.siteId, { settings: { costProfile: 'economy' } });
      const run = await core.automation.start(scope, { options: opts });
      expect(run.status).toBe('completed');
      const usage = await core.db
        .selectFrom('usage_log')
        .select(['operation', 'model', 'images', 'object_id'])
        .where('account_id', '=', scope.accountId)
        .where('status', '=', 'ok')
        .execute();
      const text = usage.filter((u) => u.operation !== 'generate_images');
      const images = usage.filter((u) => u.operation === 'generate_images');
      expect(text.length).toBeGreaterThan(0);
      expect(new Set(text.map((u) => u.model))).toEqual(new Set(['gpt-5-nano']));
      expect(new Set(images.map((u) => u.model))).toEqual(new Set(['gpt-image-1-mini']));
      // Economy plans one featured and one inline image per article.
      const planned = await core.db.selectFrom('images').select(['content_id']).execute();
      const perArticle = new Map<string, number>();
      for (const i of planned) perArticle.set(i.content_id, (perArticle.get(i.content_id) ?? 0) + 1);
      expect([...perArticle.values()].every((n) => n === 2)).toBe(true);

      // runs show --cost: per stage and per article from the usage log, agreeing with the ledger.
      const cost = await core.automation.cost(scope, run.id);
      expect(cost.articles).toBe(perArticle.size);
      expect(cost.articles).toBeGreaterThan(0);
      expect(cost.total.credits).toBe(run.creditsUsed);
      expect(cost.stages.map((st) => st.key)).toEqual(expect.arrayContaining(['ideas', 'write', 'images']));
      const write = cost.stages.find((st) => st.key === 'write')!;
      expect(write.usdPerArticle).toBeCloseTo(write.usd / cost.articles, 5);
      expect(cost.total.usd).toBeCloseTo(
        cost.stages.reduce((n, st) => n + st.usd, 0),
        6,
      );
      // The economy article (text and images) stays under three cents at registry prices.
      expect(cost.total.usdPerArticle).toBeLessThanOrEqual(0.03);
    } finally {
      await kit.close();
    }
  });
});
