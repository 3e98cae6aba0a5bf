import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { startHarness, type Harness, type Tenant } from './harness.js';
import { call } from './http.js';

const H = 'https://blog.test';

describe.each(DIALECTS)('refresh candidate routes on %s', (dialect) => {
  let h: Harness;
  let a: Tenant;
  let b: Tenant;
  beforeAll(async () => {
    h = await startHarness(dialect);
    a = await h.makeTenant('a');
    b = await h.makeTenant('b');
    const row = (
      date: string,
      page: string,
      query: string,
      clicks: number,
      impressions: number,
      position: number,
    ) => ({
      account_id: a.accountId,
      site_id: a.siteId,
      date,
      page,
      query,
      clicks,
      impressions,
      position,
    });
    await h.core.db
      .insertInto('search_console_rows')
      .values([
        row('2026-03-10', `${H}/a/`, 'coffee grinder', 40, 1000, 6),
        row('2026-03-10', `${H}/b/`, 'coffee grinder', 10, 600, 5),
      ])
      .execute();
  });
  afterAll(async () => h?.close());

  it('lists ranked candidates and a merge plan to a viewer; another account gets 404; bad input 400', async () => {
    const viewer = await h.token(a.users.viewer, a.accountId);
    const list = await call(h.base, 'get', `/sites/${a.siteId}/refresh/candidates?kind=cannibal&window=28`, {
      token: viewer,
    });
    expect(list.status).toBe(200);
    expect(list.json.data.candidates).toHaveLength(1);
    expect(list.json.data.candidates[0]).toMatchObject({
      kind: 'cannibal',
      queries: ['coffee grinder'],
      page: { url: `${H}/a/` },
      pages: [
        { url: `${H}/a/`, share: 0.63 },
        { url: `${H}/b/`, share: 0.38 },
      ],
    });
    const plan = await call(h.base, 'get', `/sites/${a.siteId}/refresh/merge-plan?query=coffee%20grinder`, {
      token: viewer,
    });
    expect(plan.status).toBe(200);
    expect(plan.json.data).toMatchObject({
      keep: { url: `${H}/a/` },
      redirects: [{ from: '/b/', to: `${H}/a/`, code: 301 }],
    });

    const forB = await call(
      h.base,
      'get',
      `/sites/${a.siteId}/refresh/candidates?page=${encodeURIComponent(`${H}/b`)}`,
      {
        token: viewer,
      },
    );
    expect(forB.json.data.candidates.map((c: { kind: string }) => c.kind)).toEqual(['cannibal']);

    const other = await h.token(b.users.owner, b.accountId);
    expect(
      (await call(h.base, 'get', `/sites/${a.siteId}/refresh/candidates`, { token: other })).status,
    ).toBe(404);
    const own = await call(h.base, 'get', `/sites/${b.siteId}/refresh/candidates`, { token: other });
    expect(own.json.data).toMatchObject({ candidates: [], window: null });
    expect(own.json.data.hint).toMatch(/No Search Console data/);
    expect(
      (await call(h.base, 'get', `/sites/${a.siteId}/refresh/candidates?kind=nope`, { token: viewer }))
        .status,
    ).toBe(400);
    expect(
      (await call(h.base, 'get', `/sites/${a.siteId}/refresh/merge-plan`, { token: viewer })).status,
    ).toBe(400);
  });
});
