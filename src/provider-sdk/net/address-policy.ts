import net from 'node:net';

/**
 * Which addresses an outbound POST made on a tenant's behalf may reach: the gateway's webhook
 * deliveries and the sandboxes' provider webhooks (kept in the SDK so both use this one policy).
 * Deliveries are POSTs the gateway makes on a tenant's behalf
 * from inside its own network, so by default they go only to public unicast addresses: not to
 * loopback, private ranges, link-local (169.254.169.254 is the cloud metadata service), CGNAT,
 * multicast, broadcast or documentation ranges (blind SSRF). Test mode also reaches loopback (a
 * receiver on a developer's machine, the test suites). A self-hosted gateway that delivers to its
 * own network sets WEBHOOK_ALLOW_PRIVATE_URLS=true.
 */
export interface AddressPolicy { mode: 'live' | 'test'; allowPrivate: boolean }

function blockList(v4: Array<[string, number]>, v6: Array<[string, number]>): net.BlockList {
  const list = new net.BlockList();
  for (const [net4, prefix] of v4) list.addSubnet(net4, prefix, 'ipv4');
  for (const [net6, prefix] of v6) list.addSubnet(net6, prefix, 'ipv6');
  return list;
}

/** IPv4 ranges that are not public unicast (IANA special-purpose registry). */
const V4_NOT_PUBLIC = blockList([
  ['0.0.0.0', 8], // "this network"; 0.0.0.0 reaches the local host
  ['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['198.51.100.0', 24], ['203.0.113.0', 24], // protocol assignments, documentation
  ['192.88.99.0', 24], // 6to4 relay anycast (deprecated)
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and 255.255.255.255 broadcast
], []);

/** Global unicast IPv6 (2000::/3); everything outside it (loopback, ULA, link-local, multicast, ...) is not public. */
const V6_GLOBAL = blockList([], [['2000::', 3]]);

/** Inside 2000::/3 but not reachable public hosts, or tunnels that embed an IPv4 address. */
const V6_NOT_PUBLIC = blockList([], [
  ['2001::', 23], // IETF protocol assignments, Teredo
  ['2001:db8::', 32], ['3fff::', 20], // documentation
  ['2002::', 16], // 6to4 (deprecated), embeds an IPv4 address
]);

const LOOPBACK = blockList([['127.0.0.0', 8]], [['::1', 128]]);

/** The eight 16-bit groups of an IPv6 address (a dotted IPv4 tail becomes the last two). */
function hextets(ip: string): number[] {
  let text = ip;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1].split('.').map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, null];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === null ? [] : new Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((h) => parseInt(h, 16));
}

/** The IPv4 address an IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) address stands for, else null. */
function embeddedIPv4(ip: string): string | null {
  const h = hextets(ip);
  const mapped = h.slice(0, 5).every((x) => x === 0) && h[5] === 0xffff;
  const nat64 = h[0] === 0x64 && h[1] === 0xff9b && h.slice(2, 6).every((x) => x === 0);
  if (!mapped && !nat64) return null;
  return [h[6] >> 8, h[6] & 0xff, h[7] >> 8, h[7] & 0xff].join('.');
}

/** Whether `ip` (a literal, no brackets) is a public unicast address. Anything unparsable is not. */
export function isPublicAddress(ip: string): boolean {
  const family = net.isIP(ip);
  if (family === 4) return !V4_NOT_PUBLIC.check(ip, 'ipv4');
  if (family !== 6) return false;
  if (ip.includes('%')) return false; // a zone id (fe80::1%eth0) only exists on link-local addresses
  const v4 = embeddedIPv4(ip);
  if (v4 !== null) return isPublicAddress(v4);
  return V6_GLOBAL.check(ip, 'ipv6') && !V6_NOT_PUBLIC.check(ip, 'ipv6');
}

/** 127.0.0.0/8, ::1, and IPv4-mapped loopback. */
export function isLoopbackAddress(ip: string): boolean {
  const family = net.isIP(ip);
  if (family === 4) return LOOPBACK.check(ip, 'ipv4');
  if (family !== 6) return false;
  const v4 = embeddedIPv4(ip);
  return v4 !== null ? isLoopbackAddress(v4) : LOOPBACK.check(ip, 'ipv6');
}

/** Whether a delivery under `policy` may connect to `ip`. */
export function addressAllowed(ip: string, policy: AddressPolicy): boolean {
  return policy.allowPrivate || isPublicAddress(ip) || (policy.mode === 'test' && isLoopbackAddress(ip));
}

/** Names that are loopback by definition (RFC 6761 § 6.3), whatever a resolver says. */
export function isLoopbackName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}
