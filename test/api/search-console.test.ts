import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createFakeSearchConsole,
  fakeServiceAccount,
  type FakeSearchConsole,
} from '../../src/testing/index.js';
import { DIALECTS } from '../helpers/test-db.js';
import { startHarness, type Harness, type Tenant } from './harness.js';
import { call } from './http.js';

const sa = fakeServiceAccount();

describe.each(DIALECTS)('Search Console routes on %s', (dialect) => {
  let h: Harness;
  let a: Tenant;
  let b: Tenant;
  let gsc: FakeSearchConsole;
  beforeAll(async () => {
    gsc = await createFakeSearchConsole({
      clientEmail: sa.clientEmail,
      publicKey: sa.publicKey,
      properties: {
        'sc-domain:a.example.com': [
          {
            date: '2026-04-01',
            page: 'https://a.example.com/x',
            query: 'moka pot',
            clicks: 2,
            impressions: 8,
            position: 3,
          },
        ],
      },
    });
    h = await startHarness(dialect, {
      config: { searchConsole: { apiBaseUrl: gsc.apiBaseUrl, tokenUrl: gsc.tokenUrl, retries: 0 } },
    });
    a = await h.makeTenant('a');
    b = await h.makeTenant('b');
  });
  afterAll(async () => {
    await h?.close();
    await gsc?.close();
  });

  it('editors upload and pull, viewers read charts and top lists, admins connect; nothing leaks the key or crosses accounts', async () => {
    const [editor, viewer, admin, other] = await Promise.all([
      h.token(a.users.editor, a.accountId),
      h.token(a.users.viewer, a.accountId),
      h.token(a.users.admin, a.accountId),
      h.token(b.users.editor, b.accountId),
    ]);
    const base = `/sites/${a.siteId}/search-console`;
    const content = [
      'date,page,query,clicks,impressions,position',
      '2026-03-30,https://a.example.com/x,moka pot,1,10,5',
      '2026-03-31,https://a.example.com/y,french press,3,12,2',
    ].join('\n');
    expect((await call(h.base, 'post', `${base}/import`, { token: viewer, body: { content } })).status).toBe(
      403,
    );
    const imported = await call(h.base, 'post', `${base}/import`, {
      token: editor,
      body: { content, fileName: 'looker.csv' },
    });
    expect(imported.status).toBe(200);
    expect(imported.json.data).toMatchObject({ stored: 2, origin: 'looker.csv', dateFrom: '2026-03-30' });
    const zip = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(26), Buffer.from('Pages.csv')]);
    const refused = await call(h.base, 'post', `${base}/import`, {
      token: editor,
      body: { contentBase64: zip.toString('base64') },
    });
    expect(refused.status).toBe(400);
    expect(refused.json.code).toBe('GSC_AGGREGATED_EXPORT');

    const key = { property: 'sc-domain:a.example.com', key: sa.json };
    expect((await call(h.base, 'put', `${base}/connection`, { token: editor, body: key })).status).toBe(403);
    const conn = await call(h.base, 'put', `${base}/connection`, { token: admin, body: key });
    expect(conn.status).toBe(200);
    expect(JSON.stringify(conn.json)).not.toMatch(/PRIVATE KEY/);
    expect((await call(h.base, 'post', `${base}/pull`, { token: viewer, body: {} })).status).toBe(403);
    const pulled = await call(h.base, 'post', `${base}/pull`, {
      token: editor,
      body: { from: '2026-04-01', to: '2026-04-01' },
    });
    expect(pulled.status).toBe(200);
    expect(pulled.json.data).toMatchObject({ stored: 1, days: 1, property: 'sc-domain:a.example.com' });

    const pages = await call(h.base, 'get', `${base}/pages?from=2026-03-01&to=2026-04-30&limit=1`, {
      token: viewer,
    });
    expect(pages.status).toBe(200);
    expect(pages.json.data.count).toBe(2);
    expect(pages.json.data.results).toHaveLength(1);
    const series = await call(
      h.base,
      'get',
      `${base}/series?query=${encodeURIComponent('moka pot')}&from=2026-03-01&to=2026-04-30`,
      { token: viewer },
    );
    expect(series.json.data.totals).toEqual({ clicks: 3, impressions: 18, position: (5 * 10 + 3 * 8) / 18 });
    expect((await call(h.base, 'get', `${base}/series`, { token: viewer })).status).toBe(400);
    const status = await call(h.base, 'get', base, { token: viewer });
    expect(status.json.data.connection).toMatchObject({ clientEmail: sa.clientEmail });
    expect(JSON.stringify(status.json)).not.toMatch(/PRIVATE KEY|private_key/);
    expect(h.logs.join('\n')).not.toMatch(/PRIVATE KEY/);

    // Another account: the site is not found, whatever the route.
    expect((await call(h.base, 'get', base, { token: other })).status).toBe(404);
    expect((await call(h.base, 'post', `${base}/import`, { token: other, body: { content } })).status).toBe(
      404,
    );
    expect((await call(h.base, 'get', `${base}/queries`, { token: other })).status).toBe(404);
  });
});
