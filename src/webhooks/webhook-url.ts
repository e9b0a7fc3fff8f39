import net from 'node:net';
import { InvalidInputError } from '../errors';
import { addressAllowed, isLoopbackName, type AddressPolicy } from '../provider-sdk/net';

/**
 * Checks a webhook URL at registration: live webhooks are https, test mode also takes http (a
 * receiver on a developer's machine); no credentials in the URL; and a host that is an address (or
 * a name that is loopback by definition) must be one the policy lets deliveries reach. Other names
 * are checked where it counts, at each delivery, against the address they resolve to then.
 */
export function checkWebhookUrl(url: string, policy: AddressPolicy): void {
  let u: URL | null = null;
  try { u = new URL(url); } catch { /* reported below */ }
  const schemeOk = u !== null && !u.username && !u.password && (u.protocol === 'https:' || (policy.mode === 'test' && u.protocol === 'http:'));
  if (!u || !schemeOk) throw new InvalidInputError([{ field: 'url', message: policy.mode === 'test' ? 'must be an http(s) URL' : 'must be an https URL' }]);
  if (!hostAllowed(u.hostname, policy)) {
    throw new InvalidInputError([{ field: 'url', message: 'must not point to a private, loopback, link-local or reserved address' }]);
  }
}

function hostAllowed(hostname: string, policy: AddressPolicy): boolean {
  // The URL parser has already normalized IPv4 spellings (0x7f.1, 2130706433) to dotted decimal.
  const host = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  if (net.isIP(host)) return addressAllowed(host, policy);
  if (isLoopbackName(host)) return addressAllowed('127.0.0.1', policy);
  return true;
}
