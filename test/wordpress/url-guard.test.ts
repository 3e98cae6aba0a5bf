import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isIgny8Error } from '../../src/errors/index.js';
import {
  assertPublicUrl,
  createGuardedFetch,
  nonPublicReason,
  type LookupFn,
} from '../../src/publishing/url-guard.js';

const dns: Record<string, string[]> = {
  'blog.example.com': ['93.184.216.34'],
  'dual.example.com': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
  'sneaky.example.com': ['93.184.216.34', '10.0.0.5'],
  'internal.example.com': ['192.168.1.10'],
  'v6local.example.com': ['fd12:3456::1'],
  localhost: ['127.0.0.1', '::1'],
};
const lookup: LookupFn = async (host) => {
  const addrs = dns[host];
  if (!addrs) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return addrs.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};
const strict = { allowPrivate: false, lookup };

async function refusal(promise: Promise<unknown>, addressRefused = true): Promise<string> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isIgny8Error(err) || err.code !== 'URL_NOT_ALLOWED')
    throw new Error(`expected URL_NOT_ALLOWED, got ${String(err)}`);
  if (addressRefused) expect(err.hint).toContain('allowPrivateUrls');
  return err.message;
}

describe('nonPublicReason', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.20.30.40', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.0.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['fc00::1', 'unique local (private)'],
    ['fd12:3456::1', 'unique local (private)'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['64:ff9b::a9fe:a9fe', 'link-local'],
    ['2002:c0a8:0101::1', 'private'],
    ['2001:db8::1', 'documentation'],
  ])('%s is %s', (address, why) => {
    expect(nonPublicReason(address)).toBe(why);
  });

  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '172.32.0.1',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
    '2002:0808:0808::1',
  ])('%s is public', (address) => {
    expect(nonPublicReason(address)).toBeNull();
  });

  it('judges an IPv4 address and its IPv4-mapped IPv6 form the same way', () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        expect(nonPublicReason(`::ffff:${ip}`)).toBe(nonPublicReason(ip));
      }),
    );
  });
});

describe('assertPublicUrl', () => {
  it('lets public hosts through and returns the parsed URL', async () => {
    expect((await assertPublicUrl('https://blog.example.com/path', strict)).hostname).toBe(
      'blog.example.com',
    );
    expect((await assertPublicUrl('https://dual.example.com', strict)).protocol).toBe('https:');
    expect((await assertPublicUrl('http://93.184.216.34:8080/', strict)).port).toBe('8080');
  });

  it('refuses hosts that resolve to a non-public address — any of them', async () => {
    expect(await refusal(assertPublicUrl('http://localhost:8088', strict))).toContain('loopback');
    expect(await refusal(assertPublicUrl('http://internal.example.com', strict))).toContain('192.168.1.10');
    expect(await refusal(assertPublicUrl('http://sneaky.example.com', strict))).toContain('10.0.0.5');
    expect(await refusal(assertPublicUrl('http://v6local.example.com', strict))).toContain('private');
  });

  it('refuses IP literals in every spelling the URL parser accepts', async () => {
    for (const url of [
      'http://127.0.0.1/',
      'http://2130706433/',
      'http://0x7f.1/',
      'http://[::1]/',
      'http://[::ffff:169.254.169.254]/',
    ]) {
      await refusal(assertPublicUrl(url, strict));
    }
  });

  it('refuses other schemes even when private addresses are allowed', async () => {
    await refusal(assertPublicUrl('file:///etc/passwd', { allowPrivate: true }), false);
    await refusal(assertPublicUrl('ftp://blog.example.com', strict), false);
    await refusal(assertPublicUrl('not a url', strict), false);
  });

  it('allows private addresses when told to', async () => {
    expect((await assertPublicUrl('http://127.0.0.1:8088', { allowPrivate: true })).port).toBe('8088');
  });

  it('passes a DNS failure on as fetch would', async () => {
    const err = await assertPublicUrl('https://nowhere.example.com', strict).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect((err as { cause?: { code?: string } }).cause?.code).toBe('ENOTFOUND');
  });
});

describe('createGuardedFetch', () => {
  type Seen = { url: string; method: string; auth: string | null; body: unknown };
  function redirecting(routes: Record<string, [number, string] | 'ok'>) {
    const seen: Seen[] = [];
    const fetch = async (input: string | URL, init: RequestInit = {}) => {
      const url = String(input);
      seen.push({
        url,
        method: init.method ?? 'GET',
        auth: new Headers(init.headers).get('authorization'),
        body: init.body,
      });
      expect(init.redirect).toBe('manual');
      const route = routes[url];
      if (route === 'ok' || route === undefined) return new Response('ok', { status: route ? 200 : 404 });
      return new Response(null, { status: route[0], headers: { location: route[1] } });
    };
    return { fetch, seen };
  }

  it('re-checks every redirect and refuses one that leads to a private address', async () => {
    const { fetch, seen } = redirecting({
      'https://blog.example.com/a': [302, 'http://internal.example.com/admin'],
    });
    const guarded = createGuardedFetch({ ...strict, fetch });
    expect(await refusal(guarded('https://blog.example.com/a'))).toContain('192.168.1.10');
    expect(seen.map((s) => s.url)).toEqual(['https://blog.example.com/a']);
  });

  it('follows public redirects: 303 turns POST into a bodiless GET, 307 keeps it, credentials stay on their origin', async () => {
    const { fetch, seen } = redirecting({
      'https://blog.example.com/hook': [307, '/hook2'],
      'https://blog.example.com/hook2': [303, 'https://dual.example.com/done'],
      'https://dual.example.com/done': 'ok',
    });
    const guarded = createGuardedFetch({ ...strict, fetch });
    const res = await guarded('https://blog.example.com/hook', {
      method: 'POST',
      body: '{"a":1}',
      headers: { authorization: 'Basic c2VjcmV0', 'content-type': 'application/json' },
    });
    expect(res.status).toBe(200);
    expect(seen).toEqual([
      { url: 'https://blog.example.com/hook', method: 'POST', auth: 'Basic c2VjcmV0', body: '{"a":1}' },
      { url: 'https://blog.example.com/hook2', method: 'POST', auth: 'Basic c2VjcmV0', body: '{"a":1}' },
      { url: 'https://dual.example.com/done', method: 'GET', auth: null, body: undefined },
    ]);
  });

  it('stops after too many redirects', async () => {
    const { fetch } = redirecting({
      'https://blog.example.com/loop': [301, 'https://blog.example.com/loop'],
    });
    const guarded = createGuardedFetch({ ...strict, fetch, maxRedirects: 3 });
    await expect(guarded('https://blog.example.com/loop')).rejects.toThrow(TypeError);
  });

  it("hands a redirect back untouched when the caller asked for redirect: 'manual'", async () => {
    const { fetch } = redirecting({ 'https://blog.example.com/a': [301, 'http://internal.example.com/'] });
    const res = await createGuardedFetch({ ...strict, fetch })('https://blog.example.com/a', {
      redirect: 'manual',
    });
    expect(res.status).toBe(301);
  });
});
