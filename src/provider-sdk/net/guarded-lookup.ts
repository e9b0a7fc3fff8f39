import dns from 'node:dns';
import type net from 'node:net';

/** An outbound request refused because its host is, or resolved to, an address the policy does not let it reach. */
export class BlockedAddressError extends Error {
  readonly code = 'WEBHOOK_ADDRESS_BLOCKED';
  constructor(readonly address: string) {
    super('the webhook URL resolves to a private, loopback, link-local or reserved address');
  }
}

export type LookupAll = (hostname: string, options: dns.LookupAllOptions, callback: (err: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void) => void;

/** dns.lookup, as the delivery transport calls it (tests inject a resolver). */
export const systemLookup: LookupAll = (hostname, options, callback) => dns.lookup(hostname, options, callback);

/**
 * A `lookup` for sockets that resolves the name and refuses the connection unless every address it
 * resolved to is allowed. The check runs on the very addresses the socket then connects to, so a
 * name that answers with a public address once and a private one the next time (DNS rebinding)
 * has no window between check and connect.
 */
export function guardedLookup(allowed: (ip: string) => boolean, resolve: LookupAll = systemLookup): net.LookupFunction {
  const lookup = (hostname: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void): void => {
    resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) { callback(err); return; }
      const blocked = addresses.find((a) => !allowed(a.address));
      if (blocked || addresses.length === 0) { callback(new BlockedAddressError(blocked?.address ?? '')); return; }
      if (options.all) callback(null, addresses);
      else callback(null, addresses[0].address, addresses[0].family);
    });
  };
  return lookup as unknown as net.LookupFunction;
}

