import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/util/ids.js';
import { DIALECTS } from '../helpers/test-db.js';
import { startHarness, type Harness, type Tenant } from './harness.js';
import { call } from './http.js';

describe.each(DIALECTS)('GET /sites/:siteId/inventory on %s', (dialect) => {
  let h: Harness;
  let a: Tenant;
  let b: Tenant;
  beforeAll(async () => {
    h = await startHarness(dialect);
    a = await h.makeTenant('a');
    b = await h.makeTenant('b');
    const now = new Date().toISOString();
    const destId = newId();
    await h.core.db
      .insertInto('publish_destinations')
      .values({
        id: destId,
        account_id: a.accountId,
        site_id: a.siteId,
        kind: 'wordpress',
        name: 'blog',
        config: '{"url":"https://wp.test","user":"u"}',
        secret_enc: null,
        status: 'active',
        created_at: now,
        updated_at: now,
      })
      .execute();
    await h.core.db
      .insertInto('site_inventory')
      .values(
        [1, 2, 3].map((n) => ({
          id: newId(),
          account_id: a.accountId,
          site_id: a.siteId,
          destination_id: destId,
          remote_id: String(n),
          kind: 'post' as const,
          title: `Existing post ${n}`,
          url: `https://wp.test/existing-${n}/`,
          slug: `existing-${n}`,
          excerpt: null,
          categories: '["Guides"]',
          tags: '[]',
          focus_keyword: n === 2 ? 'cold brew' : null,
          remote_modified_at: `2026-01-0${n}T00:00:00.000Z`,
          content_id: null,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  });
  afterAll(async () => h?.close());

  it('pages the inventory newest first, filters by title, and shows another account nothing', async () => {
    const viewer = await h.token(a.users.viewer, a.accountId);
    const page = await call(h.base, 'get', `/sites/${a.siteId}/inventory?limit=2`, { token: viewer });
    expect(page.status).toBe(200);
    expect(page.json.data.count).toBe(3);
    expect(page.json.data.results.map((r: { remoteId: string }) => r.remoteId)).toEqual(['3', '2']);
    expect(page.json.data.results[1]).toMatchObject({
      title: 'Existing post 2',
      url: 'https://wp.test/existing-2/',
      categories: ['Guides'],
      focusKeyword: 'cold brew',
    });
    const search = await call(h.base, 'get', `/sites/${a.siteId}/inventory?search=post%201`, {
      token: viewer,
    });
    expect(search.json.data.results.map((r: { remoteId: string }) => r.remoteId)).toEqual(['1']);
    const other = await call(h.base, 'get', `/sites/${a.siteId}/inventory`, {
      token: await h.token(b.users.owner, b.accountId),
    });
    expect(other.status).toBe(404);
  });
});
