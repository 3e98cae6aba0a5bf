import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { startHarness, type Harness, type Tenant } from './harness.js';
import { call } from './http.js';

describe.each(DIALECTS)('refresh routes on %s', (dialect) => {
  let h: Harness;
  let a: Tenant;
  let b: Tenant;
  beforeAll(async () => {
    h = await startHarness(dialect);
    a = await h.makeTenant('a');
    b = await h.makeTenant('b');
  });
  afterAll(async () => h?.close());

  it('lists, shows the diff, approves; results wait for data; another account sees nothing', async () => {
    const editor = await h.token(a.users.editor, a.accountId);
    const list = await call(h.base, 'get', `/sites/${a.siteId}/refresh?status=review`, { token: editor });
    expect(list.status).toBe(200);
    expect(list.json.data.results.map((r: { id: string }) => r.id)).toEqual([a.refreshId]);
    const shown = await call(h.base, 'get', `/refresh/${a.refreshId}`, { token: editor });
    expect(shown.status).toBe(200);
    expect(shown.json.data.changes).toEqual([{ removed: 'Live', added: 'Draft' }]);
    expect(shown.json.data.diff).toContain(`+Draft ${a.marker}`);
    const approved = await call(h.base, 'post', `/refresh/${a.refreshId}/approve`, { token: editor });
    expect([approved.status, approved.json.data.status]).toEqual([200, 'approved']);
    const again = await call(h.base, 'post', `/refresh/${a.refreshId}/approve`, { token: editor });
    expect([again.status, again.json.code]).toEqual([409, 'INVALID_STATE']);
    const results = await call(h.base, 'get', `/sites/${a.siteId}/refresh/results?days=14`, {
      token: editor,
    });
    expect([results.status, results.json.data.items]).toEqual([200, []]);
    const missing = await call(h.base, 'post', `/sites/${a.siteId}/refresh`, {
      token: editor,
      body: { post: 'https://nowhere.test/x/' },
    });
    expect([missing.status, missing.json.code]).toEqual([404, 'REFRESH_POST_NOT_FOUND']);

    const other = await h.token(b.users.owner, b.accountId);
    const foreign = await call(h.base, 'get', `/refresh/${a.refreshId}`, { token: other });
    expect([foreign.status, foreign.json.code]).toEqual([404, 'REFRESH_NOT_FOUND']);
    const theirs = await call(h.base, 'get', `/sites/${b.siteId}/refresh`, { token: other });
    expect(theirs.json.data.results.map((r: { id: string }) => r.id)).toEqual([b.refreshId]);
  });
});
