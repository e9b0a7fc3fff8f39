/**
 * The floor for any Node gateway on this machine: one Koa route that forwards the same provider
 * call with no other work: no auth, store, limiter, retries, mapping or logging. The client is the
 * gateway's own (node:http keep-alive agent, KeepAliveTransport) so the ratio measures the
 * gateway's work, not a client choice; BENCH_BARE_CLIENT=fetch uses the global fetch instead.
 * env: BENCH_UPSTREAM (full URL), BENCH_TOKENS (comma-separated, used in turn) or BENCH_TOKEN, BENCH_PORT.
 */
import Koa from 'koa';
import Router from '@koa/router';
import type { AddressInfo } from 'node:net';
import { KeepAliveTransport } from '../src/provider-http/transport';
import { announce, serveRpc } from './ipc';

async function main(): Promise<void> {
  const upstream = process.env.BENCH_UPSTREAM!;
  // One token per connection, taken in turn: the sandbox serves the same accounts as for the gateway.
  const auths = (process.env.BENCH_TOKENS ?? process.env.BENCH_TOKEN ?? '').split(',').map((t) => ({ authorization: `Bearer ${t}`, accept: 'application/json' }));
  let turn = 0;
  const nextHeaders = (): Record<string, string> => auths[turn++ % auths.length];
  const app = new Koa();
  const router = new Router();
  const transport = new KeepAliveTransport();
  const url = new URL(upstream);
  if (process.env.BENCH_BARE_CLIENT === 'fetch') {
    router.get('/proxy', async (ctx) => {
      const res = await fetch(upstream, { headers: nextHeaders() });
      ctx.status = res.status;
      ctx.type = 'application/json';
      ctx.body = await res.text();
    });
  } else {
    router.get('/proxy', async (ctx) => {
      const res = await transport.send(url, { method: 'GET', headers: nextHeaders(), timeoutMs: 15_000 });
      ctx.status = res.status;
      ctx.type = 'application/json';
      ctx.body = res.raw;
    });
  }
  app.use(router.routes());
  const server = app.listen(Number(process.env.BENCH_PORT ?? 0), '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', () => r()));
  server.keepAliveTimeout = 65_000;
  serveRpc({
    rss: () => process.memoryUsage().rss,
    cpu: () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; },
    stop: () => { server.close(); server.closeAllConnections(); setTimeout(() => process.exit(0), 50); return true; },
  });
  announce({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/proxy`, pid: process.pid });
}

main().catch((err) => { console.error(err); process.exit(1); });
