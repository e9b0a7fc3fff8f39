import http from 'node:http';
import https from 'node:https';
import { InvalidInputError } from '../errors';

/** What came back from one provider call, read whole. */
export interface RawResponse { status: number; headers: Record<string, string>; raw: Buffer }

export interface TransportRequest {
  method: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** The whole exchange (connect, send, response, body) ends by then. */
  timeoutMs: number;
}

/** Thrown for a call that did not produce a response. `reachedProvider`: the request may have been received. */
export class TransportFailure extends Error {
  constructor(readonly reason: 'timeout' | 'network', readonly reachedProvider: boolean, readonly code?: string) {
    super(reason === 'timeout' ? 'provider call timed out' : `provider call failed${code ? ` (${code})` : ''}`);
  }
}

/**
 * Provider calls over node:http(s) with keep-alive agents: one pool of sockets per origin, reused
 * across requests and connections. The global fetch (undici 6 in Node 20) costs about three times
 * the CPU per call for the same exchange (bench/PERFORMANCE.md), and `AbortSignal.timeout` adds a
 * timer plus weak-ref bookkeeping per call; here one plain timer bounds the whole exchange.
 * Redirects are never followed (the provider's answer comes back as it is).
 */
export class KeepAliveTransport {
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 256, scheduling: 'lifo' });
  private readonly httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 256, scheduling: 'lifo' });

  send(url: URL, req: TransportRequest): Promise<RawResponse> {
    const invalid = invalidHeaderField(req.headers);
    // A value HTTP cannot carry (a NUL, an emoji in a stored API key) is the caller's data, not a
    // provider outage: a 400 that neither retries nor counts toward the breaker.
    if (invalid) return Promise.reject(new InvalidInputError([{ field: invalid, message: 'cannot be sent in an HTTP header' }]));
    const secure = url.protocol === 'https:';
    const headers: Record<string, string | number> = { ...req.headers };
    if (req.body !== undefined) headers['content-length'] = typeof req.body === 'string' ? Buffer.byteLength(req.body) : req.body.byteLength;
    return new Promise<RawResponse>((resolve, reject) => {
      let settled = false;
      let responded = false;
      let sent = false;
      const fail = (err: TransportFailure): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(err);
      };
      const request = (secure ? https : http).request(url, { method: req.method, headers, agent: secure ? this.httpsAgent : this.httpAgent }, (res) => {
        responded = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', () => fail(new TransportFailure('network', true, 'ECONNRESET')));
        res.on('aborted', () => fail(new TransportFailure('network', true, 'ECONNRESET')));
        res.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          const out: Record<string, string> = {};
          const raw = res.rawHeaders;
          for (let i = 0; i < raw.length; i += 2) {
            const k = raw[i].toLowerCase();
            out[k] = out[k] === undefined ? raw[i + 1] : `${out[k]}, ${raw[i + 1]}`;
          }
          resolve({ status: res.statusCode ?? 0, headers: out, raw: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks) });
        });
      });
      const timer = setTimeout(() => {
        fail(new TransportFailure('timeout', true));
        request.destroy();
      }, req.timeoutMs);
      request.on('finish', () => { sent = true; });
      request.on('error', (err: NodeJS.ErrnoException) => {
        // Refused before anything was sent: the provider never saw the request.
        const refused = err.code === 'ECONNREFUSED';
        fail(new TransportFailure('network', responded || sent || !refused, err.code));
      });
      if (req.body !== undefined) request.end(req.body);
      else request.end();
    });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

/** `headers.<name>` of the first header Node would refuse to send (it throws before connecting), or null. */
function invalidHeaderField(headers: Record<string, string>): string | null {
  for (const name in headers) {
    try {
      http.validateHeaderName(name);
    } catch {
      return 'headers';
    }
    try {
      http.validateHeaderValue(name, headers[name]);
    } catch {
      return `headers.${name.toLowerCase()}`;
    }
  }
  return null;
}
