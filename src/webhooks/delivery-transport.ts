import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import type { Mode } from '../store/types';
import { addressAllowed, BlockedAddressError, guardedLookup, type LookupAll } from '../provider-sdk/net';

export { BlockedAddressError };

/** The delivery did not finish within the timeout. */
export class DeliveryTimeoutError extends Error {
  readonly code = 'WEBHOOK_TIMEOUT';
  constructor() { super('timeout'); }
}

export interface DeliveryRequest { headers: Record<string, string>; body: string; timeoutMs: number }

/**
 * Posts webhook deliveries over node:http(s), never following redirects. Each mode has its own
 * agents (test mode may reach loopback, live mode may not), so a kept-alive socket opened under one
 * policy is never reused under the other. `ca` adds a certificate authority to the default ones
 * (receivers on a private network with an internal CA).
 */
export class WebhookTransport {
  private readonly agents: Record<Mode, { http: http.Agent; https: https.Agent; allowed: (ip: string) => boolean }>;

  constructor(opts: { allowPrivate: boolean; ca?: string | null; resolve?: LookupAll }) {
    const ca = opts.ca ? [...tls.rootCertificates, opts.ca] : undefined;
    const forMode = (mode: Mode): { http: http.Agent; https: https.Agent; allowed: (ip: string) => boolean } => {
      const allowed = (ip: string): boolean => addressAllowed(ip, { mode, allowPrivate: opts.allowPrivate });
      const lookup = guardedLookup(allowed, opts.resolve);
      return { allowed, http: new http.Agent({ keepAlive: true, lookup }), https: new https.Agent({ keepAlive: true, lookup, ca }) };
    };
    this.agents = { live: forMode('live'), test: forMode('test') };
  }

  /** Resolves with the receiver's status code once its answer was read; rejects on a refused address, a network failure or the timeout. */
  post(url: URL, mode: Mode, req: DeliveryRequest): Promise<number> {
    const agents = this.agents[mode];
    // A literal address is connected to without a lookup, so it is checked here.
    const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    if (net.isIP(host) && !agents.allowed(host)) return Promise.reject(new BlockedAddressError(host));
    const secure = url.protocol === 'https:';
    return new Promise<number>((resolve, reject) => {
      const request = (secure ? https : http).request(url, {
        method: 'POST', agent: secure ? agents.https : agents.http,
        headers: { ...req.headers, 'content-length': Buffer.byteLength(req.body) },
      }, (res) => {
        res.resume();
        res.on('end', () => { clearTimeout(timer); resolve(res.statusCode ?? 0); });
        res.on('error', (err) => { clearTimeout(timer); reject(err); });
      });
      const timer = setTimeout(() => request.destroy(new DeliveryTimeoutError()), req.timeoutMs);
      request.on('error', (err) => { clearTimeout(timer); reject(err); });
      request.end(req.body);
    });
  }

  close(): void {
    for (const a of Object.values(this.agents)) { a.http.destroy(); a.https.destroy(); }
  }
}
