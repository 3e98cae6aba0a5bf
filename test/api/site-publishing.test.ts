import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PublishingSettingsPatchRequestSchema } from '../../src/api-contract/index.js';
import { PublishingSettingsPatchSchema } from '../../src/publishing/index.js';
import { DIALECTS } from '../helpers/test-db.js';
import { startHarness, type Harness, type Tenant } from './harness.js';
import { call } from './http.js';

describe('publishing settings contract', () => {
  it("the API's patch schema is the core's, field for field (no drift between the two)", () => {
    expect(z.toJSONSchema(PublishingSettingsPatchRequestSchema)).toEqual(
      z.toJSONSchema(PublishingSettingsPatchSchema),
    );
  });
});

describe.each(DIALECTS)('site publishing settings and keyword bulk actions over HTTP on %s', (dialect) => {
  let h: Harness;
  let a: Tenant;
  let admin: string;
  let editor: string;
  let viewer: string;
  beforeAll(async () => {
    h = await startHarness(dialect);
    a = await h.makeTenant('a');
    admin = await h.token(a.users.admin, a.accountId);
    editor = await h.token(a.users.editor, a.accountId);
    viewer = await h.token(a.users.viewer, a.accountId);
  });
  afterAll(async () => h?.close());

  it('reads the defaults, changes only the keys given (admin and up), and keeps them', async () => {
    const path = `/sites/${a.siteId}/publishing`;
    const first = await call(h.base, 'get', path, { token: viewer });
    expect(first.status).toBe(200);
    expect(first.json.data).toMatchObject({
      siteId: a.siteId,
      timezone: expect.any(String),
      publishing: { mode: 'time_slots', timeSlots: ['09:00', '14:00'], autoPublish: false },
    });

    const refused = await call(h.base, 'patch', path, { token: editor, body: { autoPublish: true } });
    expect([refused.status, refused.json.code]).toEqual([403, 'FORBIDDEN']);

    const changed = await call(h.base, 'patch', path, {
      token: admin,
      body: { mode: 'stagger', stagger: { start: '08:00' }, limits: { daily: 5 } },
    });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.json.data.publishing).toMatchObject({
      mode: 'stagger',
      stagger: { start: '08:00', end: first.json.data.publishing.stagger.end },
      limits: { daily: 5, weekly: first.json.data.publishing.limits.weekly },
      timeSlots: ['09:00', '14:00'],
    });
    const read = await call(h.base, 'get', path, { token: viewer });
    expect(read.json.data).toEqual(changed.json.data);
    // The site itself carries them too (what the publisher reads).
    const site = await call(h.base, 'get', `/sites/${a.siteId}`, { token: viewer });
    expect(site.json.data.settings.publishing.mode).toBe('stagger');
  });

  it('answers 400 with field errors for bad settings and changes nothing', async () => {
    const path = `/sites/${a.siteId}/publishing`;
    const before = (await call(h.base, 'get', path, { token: viewer })).json.data;
    const bad = await call(h.base, 'patch', path, {
      token: admin,
      body: { timeSlots: ['25:00'], days: [], color: 'red' },
    });
    expect([bad.status, bad.json.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(Object.keys(bad.json.errors)).toEqual(expect.arrayContaining(['timeSlots.0', 'days']));
    const backwards = await call(h.base, 'patch', path, {
      token: admin,
      body: { mode: 'stagger', stagger: { start: '18:00', end: '09:00' } },
    });
    expect([backwards.status, backwards.json.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await call(h.base, 'get', path, { token: viewer })).json.data).toEqual(before);
  });

  it("refuses another account's site with 404, both ways", async () => {
    const b = await h.makeTenant('b');
    const owner = await h.token(b.users.owner, b.accountId);
    const path = `/sites/${a.siteId}/publishing`;
    const read = await call(h.base, 'get', path, { token: owner });
    expect([read.status, read.json.code]).toEqual([404, 'SITE_NOT_FOUND']);
    const write = await call(h.base, 'patch', path, { token: owner, body: { autoPublish: true } });
    expect([write.status, write.json.code]).toEqual([404, 'SITE_NOT_FOUND']);
    const mine = (await call(h.base, 'get', path, { token: viewer })).json.data;
    expect(mine.publishing.autoPublish).toBe(false);
  });

  it('excludes, restores and deletes keywords in bulk', async () => {
    const list = await call(h.base, 'get', `/keywords?siteId=${a.siteId}`, { token: viewer });
    const ids = list.json.data.results.slice(0, 2).map((k: { id: string }) => k.id);
    const excluded = await call(h.base, 'post', '/keywords/exclude', { token: editor, body: { ids } });
    expect(excluded.json.data.affected).toBe(2);
    const gone = await call(h.base, 'get', `/keywords?siteId=${a.siteId}&status=excluded`, { token: viewer });
    expect(gone.json.data.results.map((k: { id: string }) => k.id).sort()).toEqual([...ids].sort());
    const restored = await call(h.base, 'post', '/keywords/restore', { token: editor, body: { ids } });
    expect(restored.json.data.affected).toBe(2);
    const noViewer = await call(h.base, 'post', '/keywords/delete', { token: viewer, body: { ids } });
    expect(noViewer.status).toBe(403);
    const deleted = await call(h.base, 'post', '/keywords/delete', { token: editor, body: { ids } });
    expect(deleted.json.data.affected).toBe(2);
    const after = await call(h.base, 'get', `/keywords?siteId=${a.siteId}`, { token: viewer });
    expect(after.json.data.count).toBe(list.json.data.count - 2);
  });
});
