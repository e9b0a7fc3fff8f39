import { addressAllowed, isLoopbackAddress, isLoopbackName, isPublicAddress } from './address-policy';

describe('isPublicAddress', () => {
  it.each([
    // IPv4 public
    ['93.184.216.34', true], ['8.8.8.8', true], ['1.1.1.1', true], ['172.32.0.1', true], ['100.128.0.1', true], ['169.255.0.1', true], ['223.255.255.255', true],
    // IPv4 not public
    ['0.0.0.0', false], ['0.1.2.3', false], ['10.0.0.1', false], ['10.255.255.255', false], ['172.16.0.1', false], ['172.31.255.255', false],
    ['192.168.1.1', false], ['127.0.0.1', false], ['127.255.255.254', false], ['169.254.169.254', false], ['100.64.0.1', false],
    ['100.127.255.255', false], ['192.0.0.8', false], ['192.0.2.1', false], ['198.18.0.1', false], ['198.51.100.7', false], ['203.0.113.9', false],
    ['224.0.0.1', false], ['239.255.255.250', false], ['240.0.0.1', false], ['255.255.255.255', false],
    // IPv6 public
    ['2606:4700:4700::1111', true], ['2a00:1450:4001:82b::200e', true],
    // IPv6 not public
    ['::', false], ['::1', false], ['fc00::1', false], ['fd12:3456:789a::1', false], ['fe80::1', false], ['fe80::1%eth0', false],
    ['fec0::1', false], ['ff02::1', false], ['2001:db8::1', false], ['2001::1', false], ['2002:c0a8:101::1', false], ['100::1', false],
    ['::127.0.0.1', false], ['3fff::1', false], ['64:ff9b:1::1', false],
    // IPv4-mapped and NAT64: judged by the IPv4 address inside
    ['::ffff:127.0.0.1', false], ['::ffff:7f00:1', false], ['::ffff:169.254.169.254', false], ['::ffff:a00:1', false], ['::ffff:8.8.8.8', true],
    ['64:ff9b::10.0.0.1', false], ['64:ff9b::808:808', true],
    // not an address
    ['localhost', false], ['', false], ['1.2.3', false], ['::g', false],
  ])('%s → %s', (ip, expected) => {
    expect(isPublicAddress(ip)).toBe(expected);
  });
});

describe('loopback', () => {
  it('addresses and names', () => {
    for (const ip of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1', '::ffff:7f00:1']) expect(isLoopbackAddress(ip)).toBe(true);
    for (const ip of ['10.0.0.1', '::', 'fe80::1', '8.8.8.8', '::2']) expect(isLoopbackAddress(ip)).toBe(false);
    for (const name of ['localhost', 'LOCALHOST', 'localhost.', 'api.localhost']) expect(isLoopbackName(name)).toBe(true);
    for (const name of ['localhost.example.com', 'mylocalhost', 'example.com']) expect(isLoopbackName(name)).toBe(false);
  });
});

describe('addressAllowed', () => {
  it('live: public only; test: public and loopback; allowPrivate: anything', () => {
    const live = { mode: 'live' as const, allowPrivate: false };
    const test = { mode: 'test' as const, allowPrivate: false };
    const open = { mode: 'live' as const, allowPrivate: true };
    expect(['8.8.8.8', '127.0.0.1', '::1', '10.0.0.1', '169.254.169.254'].map((ip) => addressAllowed(ip, live))).toEqual([true, false, false, false, false]);
    expect(['8.8.8.8', '127.0.0.1', '::1', '10.0.0.1', '169.254.169.254'].map((ip) => addressAllowed(ip, test))).toEqual([true, true, true, false, false]);
    expect(['8.8.8.8', '127.0.0.1', '::1', '10.0.0.1', '169.254.169.254'].map((ip) => addressAllowed(ip, open))).toEqual([true, true, true, true, true]);
  });
});
