import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertPublicUrl } from '../../src/publishing/url-guard.js';
import { startHarness, type Harness, type Tenant } from './harness.js';
import { call } from './http.js';

// Loopback spelled every way (issue 13): refused from the text alone, so no DNS lookup is ever made.
const LOOPBACK = [
  'http://localhost./',
  'http://LOCALHOST.:8080/wp',
  'http://blog.localhost/',
  'http://127.1/',
  'http://0x7f.1/',
  'http://2130706433/',
  'http://127.0.0.1./',
  'http://[::ffff:127.0.0.1]/',
  'http://[::1]/',
  'http://0.0.0.0/',
];

describe('the outbound URL guard', () => {
  it('refuses every loopback spelling before any DNS lookup', async () => {
    const lookedUp: string[] = [];
    const lookup = async (host: string) => {
      lookedUp.push(host);
      return [{ address: '93.184.216.34', family: 4 }];
    };
    for (const url of LOOPBACK) {
      const err = await assertPublicUrl(url, { allowPrivate: false, lookup }).catch(
        (e: { code?: string }) => e,
      );
      expect((err as { code?: string }).code, url).toBe('URL_NOT_ALLOWED');
    }
    expect(lookedUp).toEqual([]);
    // A public name still goes through DNS and passes.
    await assertPublicUrl('https://blog.example.com/', { allowPrivate: false, lookup });
    expect(lookedUp).toEqual(['blog.example.com']);
  });
});

describe('skipCheck cannot save a refused URL in server mode', () => {
  let h: Harness;
  let a: Tenant;
  beforeAll(async () => {
    h = await startHarness('sqlite', { allowPrivateUrls: false });
    a = await h.makeTenant('a');
  });
  afterAll(async () => h?.close());

  it('refuses localhost. with skipCheck, and saves nothing', async () => {
    const token = await h.token(a.users.admin, a.accountId);
    const before = await call(h.base, 'get', `/destinations?siteId=${a.siteId}`, { token });
    const res = await call(h.base, 'post', '/destinations/wordpress', {
      token,
      body: {
        siteId: a.siteId,
        url: 'http://localhost./',
        user: 'admin',
        appPassword: 'abcd efgh ijkl mnop',
        name: 'sneaky',
        skipCheck: true,
      },
    });
    expect([res.status, res.json.code]).toEqual([400, 'URL_NOT_ALLOWED']);
    const after = await call(h.base, 'get', `/destinations?siteId=${a.siteId}`, { token });
    expect(after.json.data.count).toBe(before.json.data.count);
  });

  it('refuses a knowledge-base page on a loopback address, and indexes nothing', async () => {
    const token = await h.token(a.users.editor, a.accountId);
    const before = await call(h.base, 'get', `/sites/${a.siteId}/kb/sources`, { token });
    const res = await call(h.base, 'post', `/sites/${a.siteId}/kb/sources`, {
      token,
      body: { url: 'http://127.0.0.1:9/admin' },
    });
    expect([res.status, res.json.code]).toEqual([400, 'URL_NOT_ALLOWED']);
    const after = await call(h.base, 'get', `/sites/${a.siteId}/kb/sources`, { token });
    expect(after.json.data.count).toBe(before.json.data.count);
  });
});
