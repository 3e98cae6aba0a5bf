import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../src/config/index.js';
import { createCore, type Core } from '../../src/core.js';
import { createFakeProviderServer, type FakeProviderServer } from '../../src/testing/index.js';
import { seedTenant } from '../helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/test-db.js';

const KEY_A = 'sk-core-account-a-0123456789abcdef';

let fake: FakeProviderServer;
beforeAll(async () => {
  fake = await createFakeProviderServer({ apiKeys: [KEY_A] });
});
afterAll(async () => fake.close());

describe.each(DIALECTS)('core.providers on %s', (dialect) => {
  let t: TestDb;
  let core: Core;
  afterEach(async () => {
    await core?.close();
    await t?.close();
  });

  it("uses each account's own stored key: account B cannot reach account A's provider", async () => {
    t = await createTestDb(dialect);
    const a = await seedTenant(t.db, 'a');
    const b = await seedTenant(t.db, 'b');
    const config = ConfigSchema.parse({ database: { url: t.url } });
    core = await createCore({ config, baseDir: t.dir, db: t });
    await core.providerKeys.set(
      { accountId: a.accountId },
      { provider: 'openai', key: KEY_A, baseUrl: `${fake.url}/v1` },
    );

    const model = { provider: 'openai', modelId: 'gpt-4o-mini' };
    const forA = core.providers({ accountId: a.accountId });
    const res = await (
      await forA.text(model)
    ).generateText({
      model: model.modelId,
      messages: [{ role: 'user', content: 'hello' }],
    });
    expect(res.provider).toBe('openai');
    expect(res.usage.tokensOut).toBeGreaterThan(0);

    const forB = core.providers({ accountId: b.accountId });
    expect(await forB.has('openai')).toBe(false);
    await expect(forB.text(model)).rejects.toMatchObject({ code: 'PROVIDER_NOT_CONFIGURED' });
  });
});
