import { lookup as dnsLookup } from 'node:dns/promises';
import net from 'node:net';
import { Igny8Error } from '../errors/index.js';

/**
 * Outbound URLs that users supply (WordPress sites, webhooks) must not reach the server's own
 * network in server mode (SSRF). The check runs after DNS resolution and again on every redirect.
 * Limit: the address is resolved here and again by fetch, so a DNS answer that changes between the
 * two (rebinding with a near-zero TTL) is not caught; pinning the address needs a custom dispatcher.
 */

export type LookupFn = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

export interface UrlGuardOptions {
  /** Let private, loopback and link-local addresses through (config `server.allowPrivateUrls`). */
  allowPrivate: boolean;
  /** DNS resolver (tests inject one); defaults to the system resolver, all addresses. */
  lookup?: LookupFn;
}

const defaultLookup: LookupFn = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** [first address, prefix length, why] — IPv4 ranges that are not the public internet. */
const IPV4_BLOCKED: Array<[string, number, string]> = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.88.99.0', 24, '6to4 relay'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

function classifyIpv4(ip: string): string | null {
  const value = ipv4ToInt(ip);
  for (const [base, bits, why] of IPV4_BLOCKED) {
    const size = 2 ** (32 - bits);
    const start = ipv4ToInt(base);
    if (value >= start && value < start + size) return why;
  }
  return null;
}

/** Eight 16-bit groups of an IPv6 address (handles "::" and a trailing dotted IPv4 part). */
function ipv6Groups(ip: string): number[] {
  let text = ip.toLowerCase().replace(/%.*$/, '');
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const v = ipv4ToInt(dotted[1]);
    text = `${text.slice(0, -dotted[1].length)}${(v >>> 16).toString(16)}:${(v & 0xffff).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (s: string) => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const fill = tail === undefined ? [] : new Array<number>(8 - left.length - right.length).fill(0);
  return [...left, ...fill, ...right];
}

function groupsToIpv4(hi: number, lo: number): string {
  return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.');
}

function classifyIpv6(ip: string): string | null {
  const g = ipv6Groups(ip);
  const [g0 = 0, g1 = 0, , , , g5 = 0, g6 = 0, g7 = 0] = g;
  const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroUpTo(8)) return 'unspecified';
  if (zeroUpTo(7) && g7 === 1) return 'loopback';
  // Addresses that embed an IPv4 address: judge the IPv4 part.
  if (zeroUpTo(5) && g5 === 0xffff) return classifyIpv4(groupsToIpv4(g6, g7)); // ::ffff:a.b.c.d
  if (zeroUpTo(6)) return classifyIpv4(groupsToIpv4(g6, g7)) ?? 'IPv4-compatible'; // ::a.b.c.d
  if (g0 === 0x64 && g1 === 0xff9b && g.slice(2, 6).every((x) => x === 0)) {
    return classifyIpv4(groupsToIpv4(g6, g7)); // NAT64 64:ff9b::/96
  }
  if (g0 === 0x2002) return classifyIpv4(groupsToIpv4(g1, g[2] ?? 0)); // 6to4 2002::/16
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local';
  if ((g0 & 0xffc0) === 0xfec0) return 'site-local';
  if ((g0 & 0xfe00) === 0xfc00) return 'unique local (private)';
  if ((g0 & 0xff00) === 0xff00) return 'multicast';
  if (g0 === 0x2001 && g1 === 0xdb8) return 'documentation';
  if (g0 === 0x100 && g.slice(1, 4).every((x) => x === 0)) return 'discard-only';
  return null;
}

/**
 * Why an IP address is not a public internet address ("loopback", "private", …), or null when it is.
 * @example nonPublicReason('10.1.2.3') // 'private'
 */
export function nonPublicReason(address: string): string | null {
  const family = net.isIP(address.replace(/%.*$/, ''));
  if (family === 4) return classifyIpv4(address);
  if (family === 6) return classifyIpv6(address);
  return 'not an IP address';
}

/**
 * Names that mean this machine whatever DNS says (RFC 6761 reserves `localhost` and every name under
 * it; resolvers answer them from /etc/hosts): refused before any lookup, with or without the
 * trailing root dot.
 */
export function isLocalName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.+$/, '');
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    name === 'localhost.localdomain' ||
    name === 'ip6-localhost' ||
    name === 'ip6-loopback'
  );
}

function refuse(url: URL, message: string): Igny8Error {
  return new Igny8Error('URL_NOT_ALLOWED', message, {
    hint:
      'Use a public http(s) address. To allow private or loopback addresses (only with trusted users), ' +
      'set server.allowPrivateUrls: true in the config.',
    details: { host: url.hostname },
  });
}

/**
 * Refuse URLs that are not http(s), or whose host resolves to a private, loopback or link-local
 * address (every resolved address must be public), unless `allowPrivate`. Returns the parsed URL.
 * DNS failures are thrown as fetch would (TypeError "fetch failed" with the resolver error as cause).
 * @example await assertPublicUrl('https://blog.example.com', { allowPrivate: false })
 */
export async function assertPublicUrl(input: string | URL, options: UrlGuardOptions): Promise<URL> {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new Igny8Error('URL_NOT_ALLOWED', `"${String(input)}" is not a valid URL`, {
      hint: 'Give a full address such as https://example.com.',
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Igny8Error('URL_NOT_ALLOWED', `Only http and https URLs are allowed, not ${url.protocol}`, {
      hint: 'Use an http:// or https:// address.',
    });
  }
  if (options.allowPrivate) return url;
  // URL keeps IPv6 literals in brackets; "2130706433" and "0x7f.1" are already normalised to dotted IPv4.
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host)) {
    const why = nonPublicReason(host);
    if (why) throw refuse(url, `${url.hostname} is a ${why} address`);
    return url;
  }
  if (isLocalName(host)) throw refuse(url, `${url.hostname} is this machine (a loopback name)`);
  let addresses: Array<{ address: string }>;
  try {
    addresses = await (options.lookup ?? defaultLookup)(host);
  } catch (err) {
    throw new TypeError('fetch failed', { cause: err });
  }
  if (addresses.length === 0) {
    throw new TypeError('fetch failed', {
      cause: Object.assign(new Error(`no address for ${host}`), { code: 'ENOTFOUND' }),
    });
  }
  for (const { address } of addresses) {
    const why = nonPublicReason(address);
    if (why) throw refuse(url, `${url.hostname} resolves to ${address}, a ${why} address`);
  }
  return url;
}

export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

export interface GuardedFetchOptions extends UrlGuardOptions {
  fetch?: FetchLike;
  /** Redirects followed before giving up (default 5). */
  maxRedirects?: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Headers that must not follow a redirect to another origin. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

/**
 * A fetch that checks the URL with `assertPublicUrl` before the request and before following each
 * redirect (followed by hand, with fetch's rules: 303, and 301/302 after POST, become GET without a
 * body; credentials are dropped when the origin changes).
 */
export function createGuardedFetch(options: GuardedFetchOptions): FetchLike {
  const baseFetch: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const maxRedirects = options.maxRedirects ?? 5;
  return async (input, init = {}) => {
    let url = await assertPublicUrl(input, options);
    let method = (init.method ?? 'GET').toUpperCase();
    let body = init.body;
    const headers = new Headers(init.headers);
    const wantsManual = init.redirect === 'manual';
    for (let hop = 0; ; hop++) {
      const res = await baseFetch(url, { ...init, method, body, headers, redirect: 'manual' });
      const location = res.headers.get('location');
      if (!REDIRECTS.has(res.status) || !location || wantsManual) return res;
      if (init.redirect === 'error')
        throw new TypeError('fetch failed', { cause: new Error('redirect refused') });
      if (hop >= maxRedirects) {
        throw new TypeError('fetch failed', { cause: new Error(`more than ${maxRedirects} redirects`) });
      }
      await res.body?.cancel();
      const next = await assertPublicUrl(new URL(location, url), options);
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
        if (method !== 'HEAD') method = 'GET';
        body = undefined;
        headers.delete('content-type');
        headers.delete('content-length');
      } else if (body instanceof ReadableStream) {
        throw new TypeError('fetch failed', {
          cause: new Error('cannot resend a streamed body after a redirect'),
        });
      }
      if (next.origin !== url.origin) for (const h of CREDENTIAL_HEADERS) headers.delete(h);
      url = next;
    }
  };
}
