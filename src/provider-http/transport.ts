import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { InvalidInputError } from '../errors';

/** What came back from one provider call, read whole. */
export interface RawResponse { status: number; headers: Record<string, string>; raw: Buffer }

/** A provider answer whose head has arrived and whose body is still coming (`open`). */
export interface OpenResponse {
  status: number;
  headers: Record<string, string>;
  /** The provider's body as it arrives; destroying it closes the socket (the provider call is aborted). */
  body: http.IncomingMessage;
}

export interface OpenRequest extends TransportRequest {
  /** Here `timeoutMs` bounds the time to the response head only; the body then may not stall longer than this. */
  idleTimeoutMs: number;
  /** The caller went away: the provider call is aborted (before the head: the promise rejects with CallerGone). */
  caller?: CallerLink;
}

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

/** The caller went away before the provider answered: nothing to retry, nothing to count against the provider. */
export class CallerGone extends Error {
  constructor() { super('the caller closed the request'); }
}

/**
 * The caller's end of a streamed provider call: `cut()` when it goes away. A plain object rather
 * than an AbortSignal: an AbortController is an EventTarget, and a signal listener plus its
 * DOMException cost measurable CPU on a path taken by every passthrough call.
 */
export class CallerLink {
  private cutOff = false;
  /** What to stop when the caller goes: set by whoever waits on the provider for it. */
  private onCut: (() => void) | null = null;

  get gone(): boolean { return this.cutOff; }

  cut(): void {
    if (this.cutOff) return;
    this.cutOff = true;
    const stop = this.onCut;
    this.onCut = null;
    stop?.();
  }

  /** Replaces what the caller going away stops (null: nothing any more). */
  hook(stop: (() => void) | null): void { this.onCut = stop; }
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
    const headers = withLength(req);
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
          resolve({ status: res.statusCode ?? 0, headers: headersOf(res), raw: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks) });
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

  /**
   * The same exchange, resolved as soon as the response head is in: the body is left to the caller
   * to pipe on, never held here. The timeout covers connect, send and the wait for the head; after
   * that the socket may stay silent at most `idleTimeoutMs` (a long answer that keeps coming is
   * never cut, a stalled one is: the body then errors with a TransportFailure('timeout')).
   */
  open(url: URL, req: OpenRequest): Promise<OpenResponse> {
    const invalid = invalidHeaderField(req.headers);
    if (invalid) return Promise.reject(new InvalidInputError([{ field: invalid, message: 'cannot be sent in an HTTP header' }]));
    const { caller } = req;
    if (caller?.gone) return Promise.reject(new CallerGone());
    const secure = url.protocol === 'https:';
    return new Promise<OpenResponse>((resolve, reject) => {
      let settled = false;
      let sent = false;
      const settle = (): boolean => {
        if (settled) return false;
        settled = true;
        clearTimeout(timer);
        return true;
      };
      const onAbort = (): void => {
        if (settle()) reject(new CallerGone());
        request.destroy();
      };
      const request = (secure ? https : http).request(url, { method: req.method, headers: withLength(req), agent: secure ? this.httpsAgent : this.httpAgent }, (res) => {
        if (!settle()) { res.destroy(); return; }
        // Body errors are for its reader (a pipe, readBody); until one is attached an error must not crash the process.
        res.on('error', ignore);
        // From here the body belongs to whoever reads it; a silent socket ends it, a caller gone aborts it.
        request.setTimeout(req.idleTimeoutMs, () => res.destroy(new TransportFailure('timeout', true)));
        if (caller) {
          caller.hook(() => res.destroy());
          res.once('close', () => caller.hook(null));
        }
        resolve({ status: res.statusCode ?? 0, headers: headersOf(res), body: res });
      });
      const timer = setTimeout(() => {
        caller?.hook(null);
        if (settle()) reject(new TransportFailure('timeout', true));
        request.destroy();
      }, req.timeoutMs);
      caller?.hook(onAbort);
      request.on('finish', () => { sent = true; });
      request.on('error', (err: NodeJS.ErrnoException) => {
        if (!settle()) return; // after the head: the body stream reports it
        caller?.hook(null);
        reject(new TransportFailure('network', sent || err.code !== 'ECONNREFUSED', err.code));
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

/**
 * A body read whole, up to `limit` bytes (the rest is dropped and the socket closed: an error body
 * only needs its start, a stored answer refuses more). `truncated` says whether anything was dropped.
 */
export function readBody(body: Readable, limit: number): Promise<{ raw: Buffer; truncated: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    body.on('data', (c: Buffer) => {
      if (size + c.length > limit) {
        chunks.push(c.subarray(0, limit - size));
        size = limit;
        body.destroy();
        resolve({ raw: Buffer.concat(chunks), truncated: true });
        return;
      }
      chunks.push(c);
      size += c.length;
    });
    body.once('end', () => resolve({ raw: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks), truncated: false }));
    body.once('error', (err) => reject(err instanceof TransportFailure ? err : new TransportFailure('network', true, 'ECONNRESET')));
    // Destroyed without an error (the caller went away): settle rather than hang.
    body.once('close', () => { if (!body.readableEnded) reject(new CallerGone()); });
  });
}

const ignore = (): void => undefined;

function withLength(req: TransportRequest): Record<string, string | number> {
  const headers: Record<string, string | number> = { ...req.headers };
  if (req.body !== undefined) headers['content-length'] = typeof req.body === 'string' ? Buffer.byteLength(req.body) : req.body.byteLength;
  return headers;
}

/** Lower-cased response headers; repeated ones joined with ", ". */
function headersOf(res: http.IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  const raw = res.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const k = raw[i].toLowerCase();
    out[k] = out[k] === undefined ? raw[i + 1] : `${out[k]}, ${raw[i + 1]}`;
  }
  return out;
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
