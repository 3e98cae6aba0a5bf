import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { startHarness, type Harness, type Tenant } from './harness.js';
import { call } from './http.js';

describe.each(DIALECTS)('folder and webhook destinations over HTTP on %s', (dialect) => {
  let h: Harness;
  let a: Tenant;
  let admin: string;
  let editor: string;
  let receiver: http.Server;
  let hookUrl: string;
  const seen: string[] = [];
  beforeAll(async () => {
    h = await startHarness(dialect);
    a = await h.makeTenant('a');
    admin = await h.token(a.users.admin, a.accountId);
    editor = await h.token(a.users.editor, a.accountId);
    receiver = http.createServer((req, res) => {
      seen.push(req.method ?? '');
      res.end();
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    await new Promise((r) => receiver?.close(r));
    await h?.close();
  });

  it('adds a webhook with a generated secret shown once, lists it without the secret, and tests it', async () => {
    const refused = await call(h.base, 'post', '/destinations/webhook', {
      token: editor,
      body: { siteId: a.siteId, url: hookUrl },
    });
    expect([refused.status, refused.json.code]).toEqual([403, 'FORBIDDEN']);

    const res = await call(h.base, 'post', '/destinations/webhook', {
      token: admin,
      body: { siteId: a.siteId, url: hookUrl, name: 'hook' },
    });
    expect(res.status, res.text).toBe(201);
    const secret: string = res.json.data.secret;
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(res.json.data.destination).toMatchObject({ kind: 'webhook', name: 'hook', hasSecret: true });

    const list = await call(h.base, 'get', `/destinations?siteId=${a.siteId}`, { token: editor });
    const listed = list.json.data.results.find((d: { name: string }) => d.name === 'hook');
    expect(listed).toMatchObject({ kind: 'webhook', config: { url: hookUrl }, hasSecret: true });
    expect(list.text).not.toContain(secret);

    const test = await call(h.base, 'post', `/destinations/${listed.id}/test`, { token: editor });
    expect(test.status, test.text).toBe(200);
    expect(test.json.data).toMatchObject({
      ok: true,
      report: null,
      checks: [{ name: 'reachable', ok: true }],
    });
    expect(test.text).not.toContain(secret);
    expect(seen).toContain('HEAD');

    const given = await call(h.base, 'post', '/destinations/webhook', {
      token: admin,
      body: { siteId: a.siteId, url: hookUrl, name: 'hook2', secret: 'short' },
    });
    expect([given.status, given.json.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(Object.keys(given.json.errors)).toContain('secret');
  });

  it('adds a folder inside server.exportDir, tests it writable, and refuses ../ and absolute paths', async () => {
    const res = await call(h.base, 'post', '/destinations/folder', {
      token: admin,
      body: { siteId: a.siteId, folder: 'blog/out', format: 'html', name: 'files' },
    });
    expect(res.status, res.text).toBe(201);
    const dir: string = res.json.data.config.dir;
    expect(dir).toBe(path.join(h.core.resolvePath('./exports'), 'blog', 'out'));
    expect(res.json.data).toMatchObject({ kind: 'folder', name: 'files', hasSecret: false });

    const test = await call(h.base, 'post', `/destinations/${res.json.data.id}/test`, { token: admin });
    expect(test.status, test.text).toBe(200);
    expect(test.json.data).toMatchObject({ ok: true, checks: [{ name: 'writable', ok: true }] });
    expect(fs.statSync(dir).isDirectory()).toBe(true);

    for (const folder of ['../x', '/abs', 'a/../../x', 'C:\\\\tmp']) {
      const bad = await call(h.base, 'post', '/destinations/folder', {
        token: admin,
        body: { siteId: a.siteId, folder, name: 'bad' },
      });
      expect([bad.status, bad.json.code], folder).toEqual([400, 'VALIDATION_FAILED']);
      expect(Object.keys(bad.json.errors), folder).toEqual(['folder']);
    }
    const list = await call(h.base, 'get', `/destinations?siteId=${a.siteId}`, { token: admin });
    expect(list.json.data.results.map((d: { name: string }) => d.name)).not.toContain('bad');
  });
});

describe('webhook destinations refuse private URLs in server mode', () => {
  let h: Harness;
  let a: Tenant;
  beforeAll(async () => {
    h = await startHarness('sqlite', { allowPrivateUrls: false });
    a = await h.makeTenant('a');
  });
  afterAll(async () => h?.close());

  it('refuses a loopback webhook and saves nothing', async () => {
    const token = await h.token(a.users.admin, a.accountId);
    const before = await call(h.base, 'get', `/destinations?siteId=${a.siteId}`, { token });
    const res = await call(h.base, 'post', '/destinations/webhook', {
      token,
      body: { siteId: a.siteId, url: 'http://127.0.0.1:9/hook', name: 'sneaky' },
    });
    expect([res.status, res.json.code]).toEqual([400, 'URL_NOT_ALLOWED']);
    const after = await call(h.base, 'get', `/destinations?siteId=${a.siteId}`, { token });
    expect(after.json.data.count).toBe(before.json.data.count);
  });
});
