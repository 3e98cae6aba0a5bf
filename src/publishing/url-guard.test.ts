import { describe, expect, it } from 'vitest';
import { nonPublicReason } from './url-guard.js';

// The ranges come from ipaddr.js's special-purpose registry; these pin how we read and name them.
describe('nonPublicReason (ipaddr.js ranges)', () => {
  it.each([
    // IPv4
    ['127.0.0.1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['169.254.1.1', 'link-local'],
    ['100.127.255.255', 'carrier-grade NAT'],
    ['255.255.255.255', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.7', 'documentation'],
    ['198.19.0.1', 'benchmarking'],
    ['192.0.0.8', 'IETF protocol assignments'],
    // IPv6
    ['::1', 'loopback'],
    ['fe80::abcd:1%en0', 'link-local'],
    ['febf:ffff::1', 'link-local'],
    ['fc00::', 'unique local (private)'],
    ['fdff:ffff::1', 'unique local (private)'],
    ['fec0::1', 'site-local'],
    ['ff05::2', 'multicast'],
    ['100::1', 'discard-only'],
    ['2001:db8:85a3::8a2e:370:7334', 'documentation'],
    ['3fff::1', 'documentation'],
    // IPv6 that embeds IPv4: the IPv4 part decides
    ['::ffff:169.254.169.254', 'link-local'],
    ['::ffff:0:7f00:1', 'loopback'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['64:ff9b:1::1', 'local-use NAT64'],
    ['2002:7f00:0001::', 'loopback'],
    ['::127.0.0.1', 'loopback'],
    ['::8.8.8.8', 'IPv4-compatible'],
  ])('%s is %s', (address, why) => {
    expect(nonPublicReason(address)).toBe(why);
  });

  it.each([
    '1.1.1.1',
    '100.128.0.1',
    '172.15.255.255',
    '2a00:1450:4001:81b::200e',
    '64:ff9b::8.8.8.8',
    '2001::1',
  ])('%s is public', (address) => {
    expect(nonPublicReason(address)).toBeNull();
  });

  it('refuses what is not a strict IP literal', () => {
    for (const text of ['127.1', '0x7f.0.0.1', 'example.com', '', '1.2.3.4.5', 'fe80::1::2']) {
      expect(nonPublicReason(text), text).toBe('not an IP address');
    }
  });
});
