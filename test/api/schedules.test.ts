import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { startHarness, type Harness, type Tenant } from './harness.js';
import { call } from './http.js';

describe.each(DIALECTS)('schedules and notification channels over HTTP on %s', (dialect) => {
  let h: Harness;
  let a: Tenant;
  beforeAll(async () => {
    h = await startHarness(dialect, { allowPrivateUrls: false });
    a = await h.makeTenant('a');
  });
  afterAll(async () => h?.close());

  it('editors manage schedules, viewers read them; bad cadences name the field', async () => {
    const [editor, viewer] = await Promise.all([
      h.token(a.users.editor, a.accountId),
      h.token(a.users.viewer, a.accountId),
    ]);
    const body = {
      siteId: a.siteId,
      name: 'weekday mornings',
      cadence: 'weekdays 06:00',
      options: { stages: '1-4', maxCredits: 500, autoApprove: true, minSeoScore: 80 },
      catchUp: 'skip',
    };
    expect((await call(h.base, 'post', '/schedules', { token: viewer, body })).status).toBe(403);
    const made = await call(h.base, 'post', '/schedules', { token: editor, body });
    expect(made.status).toBe(201);
    expect(made.json.data).toMatchObject({
      cron: '0 6 * * 1-5',
      catchUp: 'skip',
      status: 'active',
      timezone: 'UTC',
    });
    expect(new Date(made.json.data.nextSlot).getUTCHours()).toBe(6);
    const id = made.json.data.id as string;

    const bad = await call(h.base, 'post', '/schedules', {
      token: editor,
      body: { ...body, name: 'x', cadence: 'daily 25:00' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe('SCHEDULE_INVALID');
    expect(bad.json.error).toContain('25:00');

    const list = await call(h.base, 'get', `/schedules?siteId=${a.siteId}`, { token: viewer });
    expect(list.json.data.results.map((s: { name: string }) => s.name)).toContain('weekday mornings');
    expect((await call(h.base, 'post', `/schedules/${id}/pause`, { token: viewer })).status).toBe(403);
    const paused = await call(h.base, 'post', `/schedules/${id}/pause`, { token: editor });
    expect(paused.json.data).toMatchObject({ status: 'paused', nextSlot: null });
    expect((await call(h.base, 'post', `/schedules/${id}/resume`, { token: editor })).json.data.status).toBe(
      'active',
    );
    expect((await call(h.base, 'get', `/schedules/${id}/slots`, { token: viewer })).json.data).toEqual([]);
    expect((await call(h.base, 'delete', `/schedules/${id}`, { token: editor })).status).toBe(200);
    expect((await call(h.base, 'get', `/schedules/${id}`, { token: viewer })).json.code).toBe(
      'SCHEDULE_NOT_FOUND',
    );
  });

  it('admins manage channels; secrets never come back; private webhook URLs are refused', async () => {
    const [admin, editor] = await Promise.all([
      h.token(a.users.admin, a.accountId),
      h.token(a.users.editor, a.accountId),
    ]);
    const hook = { kind: 'webhook', name: 'slack', url: 'https://93.184.215.14/services/T0/B0/s3cr3tpath' };
    expect((await call(h.base, 'post', '/notification-channels', { token: editor, body: hook })).status).toBe(
      403,
    );
    const made = await call(h.base, 'post', '/notification-channels', { token: admin, body: hook });
    expect(made.status).toBe(201);
    expect(made.json.data.secret).toMatch(/^whsec_/);
    expect(made.json.data.target).toBe('https://93.184.215.14');
    const list = await call(h.base, 'get', '/notification-channels', { token: editor });
    expect(list.text).not.toContain('s3cr3tpath');
    expect(list.text).not.toContain(made.json.data.secret);

    const local = await call(h.base, 'post', '/notification-channels', {
      token: admin,
      body: { ...hook, name: 'local', url: 'http://127.0.0.1:9/hook' },
    });
    expect(local.status).toBe(400);
    expect(local.json.code).toBe('URL_NOT_ALLOWED');
    const noTo = await call(h.base, 'post', '/notification-channels', {
      token: admin,
      body: { kind: 'email', name: 'x' },
    });
    expect(noTo.status).toBe(400);
    expect(JSON.stringify(noTo.json.errors)).toContain('to');
    expect(
      (await call(h.base, 'delete', `/notification-channels/${made.json.data.id}`, { token: admin })).status,
    ).toBe(200);
  });
});
