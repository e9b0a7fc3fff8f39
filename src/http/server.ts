import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RunningServer {
  server: http.Server;
  url: string;
  port: number;
  /** Stops accepting, lets in-flight requests finish (up to graceMs), then closes every socket. */
  shutdown(graceMs: number): Promise<{ drained: boolean }>;
  isShuttingDown(): boolean;
}

/** An HTTP server that tracks in-flight requests, for graceful shutdown. */
export async function startServer(
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => void,
  opts: { port: number; host: string },
): Promise<RunningServer> {
  let inFlight = 0;
  let shuttingDown = false;
  let drainedResolve: (() => void) | null = null;
  const server = http.createServer((req, res) => {
    inFlight += 1;
    if (shuttingDown) res.setHeader('Connection', 'close');
    res.on('close', () => {
      inFlight -= 1;
      if (inFlight === 0 && drainedResolve) drainedResolve();
    });
    handler(req, res);
  });
  server.keepAliveTimeout = 65_000;
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
