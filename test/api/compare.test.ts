import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { startHarness, type Harness, type Tenant } from './harness.js';
import { call } from './http.js';

describe.each(DIALECTS)('POST /automation/compare on %s', (dialect) => {
  let h: Harness;
  let a: Tenant;
  let b: Tenant;
  beforeAll(async () => {
    h = await startHarness(dialect);
    a = await h.makeTenant('a');
    b = await h.makeTenant('b');
  });
  afterAll(async () => h?.close());

  it('compares profiles on the site’s ideas, reporting a failed article, refusing bad input and other tenants', async () => {
    const editor = await h.token(a.users.editor, a.accountId);
    const body = { siteId: a.siteId, profiles: ['economy', 'standard'], sample: 1 };

    const bad = await call(h.base, 'post', '/automation/compare', {
      token: editor,
      body: { ...body, profiles: ['cheap'] },
    });
    expect([bad.status, bad.json.code]).toEqual([400, 'VALIDATION_FAILED']);
    const foreign = await call(h.base, 'post', '/automation/compare', {
      token: editor,
      body: { ...body, siteId: b.siteId },
    });
    expect([foreign.status, foreign.json.code]).toEqual([404, 'SITE_NOT_FOUND']);
    const viewer = await call(h.base, 'post', '/automation/compare', {
      token: await h.token(a.users.viewer, a.accountId),
      body,
    });
    expect(viewer.status).toBe(403);

    await h.core.credits.grant(
      { accountId: a.accountId },
      { opId: 'compare-grant', amount: 10_000, pool: 'plan' },
    );
    const ok = await call(h.base, 'post', '/automation/compare', { token: editor, body });
    expect(ok.status).toBe(200);
    const cmp = ok.json.data;
    expect(cmp.sample).toEqual([{ ideaId: a.ideaId, title: `Idea ${a.marker}` }]);
    expect(cmp.profiles.map((p: { profile: string }) => p.profile)).toEqual(['economy', 'standard']);
    // The fixture idea has one outline section, under the writer's minimum: each profile reports that
    // article as failed, with the reason, and the comparison still answers.
    for (const p of cmp.profiles) {
      expect(p.summary).toMatchObject({ articles: 0, failed: 1 });
      expect(p.articles[0].error.code).toBe('VALIDATION_FAILED');
      expect(p.articles[0].error.message).toMatch(/outline\.sections/);
      expect(p.summary.images.perArticle).toBe(1 + p.maxImages);
    }
    // The compare saved no article: the tenant still has its one fixture content.
    const contents = await h.core.db
      .selectFrom('contents')
      .select('id')
      .where('account_id', '=', a.accountId)
      .execute();
    expect(contents.map((c) => c.id)).toEqual([a.contentId]);
  });
});
