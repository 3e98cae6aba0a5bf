import { lookup as dnsLookup } from 'node:dns/promises';
import net from 'node:net';
import type * as Ipaddr from 'ipaddr.js';
import { lazyRequire } from '../util/lazy-require.js';
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

/** ipaddr.js range names that are not the public internet, and how a message names them. */
const NON_PUBLIC: Record<string, string> = {
  unspecified: 'unspecified',
  broadcast: 'reserved',
  multicast: 'multicast',
  linkLocal: 'link-local',
  loopback: 'loopback',
  carrierGradeNat: 'carrier-grade NAT',
  private: 'private',
  reserved: 'reserved',
  uniqueLocal: 'unique local (private)',
  deprecatedSiteLocal: 'site-local',
  discard: 'discard-only',
  benchmarking: 'benchmarking',
};

type Address = Ipaddr.IPv4 | Ipaddr.IPv6;

// Loaded on first use: every command imports publishing, few of them check a URL (P11).
const ipaddrModule = lazyRequire<typeof Ipaddr>('ipaddr.js');

interface Ranges {
  /** Inside ipaddr.js's "reserved" ranges, the ones a message names more precisely. */
  reservedLabels: Array<[Address, number, string]>;
  /** 64:ff9b:1::/48 is NAT64 for one network only (RFC 8215), unlike the well-known 64:ff9b::/96. */
  localNat64: [Address, number];
  /** ::a.b.c.d, the deprecated IPv4-compatible form. */
  ipv4Compatible: [Address, number];
}

let ranges: Ranges | undefined;
function extraRanges(): Ranges {
  const cidr = ipaddrModule().parseCIDR;
  ranges ??= {
    reservedLabels: [
      ['192.0.0.0/24', 'IETF protocol assignments'],
      ['192.0.2.0/24', 'documentation'],
      ['192.88.99.0/24', '6to4 relay'],
      ['198.18.0.0/15', 'benchmarking'],
      ['198.51.100.0/24', 'documentation'],
      ['203.0.113.0/24', 'documentation'],
      ['2001:db8::/32', 'documentation'],
      ['3fff::/20', 'documentation'],
    ].map(([range, label]) => [...cidr(range!), label!] as [Address, number, string]),
    localNat64: cidr('64:ff9b:1::/48'),
    ipv4Compatible: cidr('::/96'),
  };
  return ranges;
}

const ipv4At = (bytes: number[], at: number) => new (ipaddrModule().IPv4)(bytes.slice(at, at + 4));

function classify(addr: Address): string | null {
  const extra = extraRanges();
  if (addr.kind() === 'ipv6') {
    const v6 = addr as Ipaddr.IPv6;
    const bytes = v6.toByteArray();
    // Addresses that embed an IPv4 address: judge the IPv4 part.
    switch (v6.range()) {
      case 'ipv4Mapped': // ::ffff:a.b.c.d
      case 'rfc6145': // ::ffff:0:a.b.c.d
        return classify(ipv4At(bytes, 12));
      case 'rfc6052': // NAT64 64:ff9b::/96
        return v6.match(extra.localNat64) ? 'local-use NAT64' : classify(ipv4At(bytes, 12));
      case '6to4': // 2002:a.b.c.d::/48
        return classify(ipv4At(bytes, 2));
    }
    if (v6.range() === 'unicast' && v6.match(extra.ipv4Compatible)) {
      return classify(ipv4At(bytes, 12)) ?? 'IPv4-compatible';
    }
  }
  const why = NON_PUBLIC[addr.range()];
  if (why !== 'reserved') return why ?? null;
  for (const [base, bits, label] of extra.reservedLabels) {
    if (base.kind() === addr.kind() && addr.match(base, bits)) return label;
  }
  return why;
}

/**
 * Why an IP address is not a public internet address ("loopback", "private", …), or null when it is.
 * The ranges are ipaddr.js's special-purpose registry, not a table of our own.
 * @example nonPublicReason('10.1.2.3') // 'private'
 */
export function nonPublicReason(address: string): string | null {
  // net.isIP is strict (no "127.1" or "0x7f.1", which ipaddr.parse would accept); URL normalises those.
  const bare = address.replace(/%.*$/, '');
  const family = net.isIP(bare);
  if (family === 0) return 'not an IP address';
  // ipaddr.js reads any dotted tail ("::8.8.8.8") as IPv4-mapped; the URL parser's hex form does not.
  return classify(
    ipaddrModule().parse(family === 6 ? new URL(`http://[${bare}]`).hostname.slice(1, -1) : bare),
  );
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
