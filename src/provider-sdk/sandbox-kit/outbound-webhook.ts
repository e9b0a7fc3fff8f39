import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { addressAllowed } from '../net/address-policy';
import { BlockedAddressError, guardedLookup, systemLookup, type LookupAll } from '../net/guarded-lookup';

/**
 * How a sandbox sends its provider's webhooks. A sandbox runs inside the gateway and any test-mode
 * tenant chooses where its webhooks go, so they are held to the gateway's test-mode address policy:
 * loopback (the gateway's own /webhooks/providers/<id>, a developer's receiver) but no private,
 * link-local (cloud metadata) or reserved address, checked on the address actually connected to.
 * No redirects are followed. Resolves with the receiver's status; rejects when refused or failed.
 */
export class SandboxWebhookSender {
  private readonly allowed = (ip: string): boolean => addressAllowed(ip, { mode: 'test', allowPrivate: false });
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;

  constructor(resolve: LookupAll = systemLookup) {
    const lookup = guardedLookup(this.allowed, resolve);
    this.httpAgent = new http.Agent({ keepAlive: false, lookup });
    this.httpsAgent = new https.Agent({ keepAlive: false, lookup });
  }

  post(target: string, opts: { headers: Record<string, string>; body: string; timeoutMs: number }): Promise<number> {
    let url: URL;
    try { url = new URL(target); } catch { return Promise.reject(new TypeError('not a URL')); }
    const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    // A literal address is connected to without a lookup, so it is checked here.
    if (net.isIP(host) && !this.allowed(host)) return Promise.reject(new BlockedAddressError(host));
    const secure = url.protocol === 'https:';
    if (!secure && url.protocol !== 'http:') return Promise.reject(new TypeError('not an http(s) URL'));
    return new Promise<number>((resolve, reject) => {
      const req = (secure ? https : http).request(url, {
        method: 'POST', agent: secure ? this.httpsAgent : this.httpAgent,
        headers: { ...opts.headers, 'content-length': Buffer.byteLength(opts.body) },
      }, (res) => {
        res.resume();
        res.on('end', () => { clearTimeout(timer); resolve(res.statusCode ?? 0); });
        res.on('error', (err) => { clearTimeout(timer); reject(err); });
      });
      const timer = setTimeout(() => req.destroy(new Error('timeout')), opts.timeoutMs);
      req.on('error', (err) => { clearTimeout(timer); reject(err); });
      req.end(opts.body);
    });
  }
}

/** One sender for every sandbox in the process (it holds no per-tenant state). */
export const sandboxWebhooks = new SandboxWebhookSender();
