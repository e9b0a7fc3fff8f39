/**
 * The "minimal normalizer": the floor for any unified API on this machine. A raw `node:http` server
 * (no framework, no auth, store, limiter, retries, logging or metrics) that, per request, fetches
 * the same provider page over a keep-alive agent, parses it, maps every record with the very mapper
 * the gateway's HubSpot adapter uses, and serializes the same list envelope as GET /v1/contacts
 * (`{ data, meta: { requestId, nextCursor, hasMore } }`, remoteData dropped as the gateway drops it).
 * Its cursor is the provider's `after` as is: signing it is the gateway's choice, not the floor's.
 * Bench code, not core: it may name a provider.
 * env: BENCH_UPSTREAM (full URL of the provider call), BENCH_TOKENS (comma-separated, used in turn) or BENCH_TOKEN, BENCH_PORT.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { toUnifiedContact } from '../providers/hubspot/mappers/contact.mapper';
import type { HubspotObject } from '../providers/hubspot/mappers/wire';
import { announce, serveRpc } from './ipc';

interface ListBody { results: HubspotObject[]; paging?: { next?: { after?: string } } }

async function main(): Promise<void> {
  const upstream = new URL(process.env.BENCH_UPSTREAM!);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256, scheduling: 'lifo' });
  // One token per connection, taken in turn: the sandbox serves the same accounts as for the gateway.
  const upstreamOpts: http.RequestOptions[] = (process.env.BENCH_TOKENS ?? process.env.BENCH_TOKEN ?? '').split(',').map((t) => ({
    host: upstream.hostname, port: upstream.port, path: `${upstream.pathname}${upstream.search}`, method: 'GET', agent,
    headers: { authorization: `Bearer ${t}`, accept: 'application/json' },
  }));
  let turn = 0;
  let seq = 0;
  const fail = (res: http.ServerResponse, status: number, message: string): void => {
    if (res.headersSent) { res.destroy(); return; }
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'UPSTREAM', message } }));
  };
  const server = http.createServer((req, res) => {
    req.resume();
    const up = http.request(upstreamOpts[turn++ % upstreamOpts.length], (ur) => {
      const chunks: Buffer[] = [];
      ur.on('data', (c: Buffer) => chunks.push(c));
      ur.on('end', () => {
        if (ur.statusCode !== 200) { fail(res, 502, `upstream ${ur.statusCode}`); return; }
        let page: ListBody;
        try { page = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ListBody; } catch { fail(res, 502, 'upstream body'); return; }
        // remoteData left out as the gateway leaves it out (src/http/respond.ts withoutRaw).
        const data = page.results.map((raw) => ({ ...toUnifiedContact(raw), remoteData: undefined }));
        const nextCursor = page.paging?.next?.after ?? null;
        // Encoded once to bytes, as the gateway does (src/http/json-response.ts).
        const body = Buffer.from(JSON.stringify({ data, meta: { requestId: `req_${(seq += 1)}`, nextCursor, hasMore: nextCursor !== null } }), 'utf8');
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
        res.end(body);
      });
      ur.on('error', () => fail(res, 502, 'upstream aborted'));
    });
    up.setTimeout(15_000, () => up.destroy(new Error('timeout')));
    up.on('error', () => fail(res, 502, 'upstream error'));
    up.end();
  });
  server.keepAliveTimeout = 65_000;
  server.listen(Number(process.env.BENCH_PORT ?? 0), '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', () => r()));
  serveRpc({
    rss: () => process.memoryUsage().rss,
    cpu: () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; },
    stop: () => { server.close(); server.closeAllConnections(); agent.destroy(); setTimeout(() => process.exit(0), 50); return true; },
  });
  announce({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/contacts`, pid: process.pid });
}

main().catch((err) => { console.error(err); process.exit(1); });
