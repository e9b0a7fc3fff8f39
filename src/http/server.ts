import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tuneGarbageCollection } from './gc-tuning';

export interface RunningServer {
  server: http.Server;
  url: string;
  port: number;
  /** Stops accepting, lets in-flight requests finish (up to graceMs), then closes every socket. */
  shutdown(graceMs: number): Promise<{ drained: boolean }>;
  isShuttingDown(): boolean;
}

/** How long a client may take, chosen here rather than left to Node's defaults (README § Configuration). */
export interface ServerTimeouts {
  /** Receiving the request line and headers (slowloris). */
  headersTimeoutMs: number;
  /** Receiving the whole request, body included (a Content-Length that is never sent); not the handler's time. */
  requestTimeoutMs: number;
  /** An idle kept-alive connection; above the 60 s idle timeout of common load balancers, so they close first. */
  keepAliveTimeoutMs: number;
}

export const DEFAULT_SERVER_TIMEOUTS: ServerTimeouts = { headersTimeoutMs: 20_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 65_000 };

/** An HTTP server that tracks in-flight requests, for graceful shutdown. */
export async function startServer(
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => void,
  opts: { port: number; host: string; timeouts?: ServerTimeouts },
): Promise<RunningServer> {
  let inFlight = 0;
  let shuttingDown = false;
  let drainedResolve: (() => void) | null = null;
  // The serving process's GC suits short-lived request garbage (gc-tuning.ts).
  tuneGarbageCollection();
  const t = opts.timeouts ?? DEFAULT_SERVER_TIMEOUTS;
  const server = http.createServer({
    headersTimeout: t.headersTimeoutMs,
    requestTimeout: t.requestTimeoutMs,
    keepAliveTimeout: t.keepAliveTimeoutMs,
    // Node checks the two request timeouts only every connectionsCheckingInterval (30 s by default),
    // which would let a stalled request live well past a short timeout.
    connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(Math.min(t.headersTimeoutMs, t.requestTimeoutMs) / 4))),
  }, (req, res) => {
    inFlight += 1;
    if (shuttingDown) res.setHeader('Connection', 'close');
    res.on('close', () => {
      inFlight -= 1;
      if (inFlight === 0 && drainedResolve) drainedResolve();
    });
    handler(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const hostForUrl = opts.host === '0.0.0.0' || opts.host === '::' ? '127.0.0.1' : opts.host;
  return {
    server,
    port,
    url: `http://${hostForUrl}:${port}`,
    isShuttingDown: () => shuttingDown,
    async shutdown(graceMs) {
      shuttingDown = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      let drained = inFlight === 0;
      if (!drained) {
        drained = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), graceMs);
          drainedResolve = () => { clearTimeout(timer); resolve(true); };
        });
      }
      server.closeAllConnections();
      await closed;
      return { drained };
    },
  };
}
