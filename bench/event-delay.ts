/**
 * Change-event delay per source (API.md § Change events): from a change to its event reaching a
 * registered webhook receiver, for the three sources.
 *   gateway           a contact created through POST /v1/contacts (HubSpot sandbox connection);
 *   provider_webhook  a contact created straight at the HubSpot sandbox (another token of the same
 *                     portal: "someone edited the CRM"); the sandbox sends its signed webhook;
 *   poll              a contact created straight at the Salesforce sandbox, found by the sweeper at
 *                     SYNC_INTERVAL_SECONDS=1 (Salesforce has no webhooks here).
 * The change's time is when its write request was sent. Each change waits a random 0–250 ms after
 * the previous one (so changes fall at every phase of the poll interval), without waiting for its
 * event. One process: the gateway (every production layer, sqlite in a temp dir, sandboxes
 * mounted), the receiver and the load share one event loop — the figures include that contention.
 *
 * Run: npm run bench:events   (EVENT_BENCH_N changes per source, default 50)
 * Prints p50/p99/max per source and writes bench/results/event-delay.json.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../src/config/config';
import { startGateway, type RunningGateway } from '../src/gateway';
import { createLogger } from '../src/logging/logger';
import { AccountService } from '../src/accounts/account-service';
import { connectViaSandbox } from '../test/helpers/sandbox-connect';
import { connectOAuth, mintToken } from '../test/helpers/connect-driver';
import type { TestGateway } from '../test/helpers/gateway';
import type { Scope } from '../src/store/types';

type Source = 'gateway' | 'provider_webhook' | 'poll';
interface Summary { n: number; received: number; p50Ms: number; p99Ms: number; maxMs: number }

const N = Number(process.env.EVENT_BENCH_N ?? 50);
const SF = 'v62.0';

/** Arrival time of the first event per record id (what a consumer de-duplicating on it acts on). */
async function startReceiver(): Promise<{ url: string; arrivals: Map<string, { at: number; source: string; type: string }>; close(): Promise<void> }> {
  const arrivals = new Map<string, { at: number; source: string; type: string }>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString('utf8'); });
    req.on('end', () => {
      const at = Date.now();
      res.end();
      try {
        const e = JSON.parse(body) as { type: string; data: { recordId?: string; source?: string } };
        if (e.data.recordId && !arrivals.has(e.data.recordId)) arrivals.set(e.data.recordId, { at, source: e.data.source ?? '?', type: e.type });
      } catch { /* not an event */ }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    arrivals,
    close: () => { server.closeAllConnections(); return new Promise((r) => server.close(() => r())); },
  };
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) return false;
    await pause(20);
  }
  return true;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gw-bench-events-'));
  const config = loadConfig({
    ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    SYNC_INTERVAL_SECONDS: '1', WEBHOOK_POLL_MS: '30', WEBHOOK_RETRY_BASE_MS: '30', WEBHOOK_RETRY_MAX_MS: '100', PROVIDER_WEBHOOK_POLL_MS: '50',
  });
  const gw: RunningGateway = await startGateway(config, { logger: createLogger('warn', pino.destination({ dest: '/dev/null', sync: false })) });
  const receiver = await startReceiver();
  try {
    const accounts = new AccountService(gw.deps.store);
    const { account, test } = await accounts.createAccountWithKeys('Event delay bench');
    const other = await accounts.createAccountWithKeys('Event delay bench (outside editor)');
    const key = test.key;
    const call = async (method: string, p: string, opts: { key?: string; body?: unknown } = {}) => {
      const res = await fetch(`${gw.url}${p}`, {
        method, headers: { authorization: `Bearer ${opts.key ?? key}`, 'content-type': 'application/json' },
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : undefined) as { data: { id: string } } & Record<string, unknown> };
    };
    const driver = { url: gw.url, deps: gw.deps, call: (m: string, p: string, o: { key?: string; body?: unknown } = {}) => call(m, p, o) } as unknown as TestGateway;
    for (const provider of ['hubspot', 'salesforce']) gw.deps.providerClient.policies.override(provider, { rateLimit: { requests: 10_000, intervalMs: 1000 } });
    const hubspotKit = gw.deps.sandboxes!.get('hubspot')!.kit;
    hubspotKit.limits.configure('*', 'burst', { max: 100_000, windowMs: 1000 });
    hubspotKit.limits.configure('*', 'search', { max: 100_000, windowMs: 1000 });

    // The gateway's connections (through the Connect flow, so they carry their provider account ids).
    for (const [provider, endUserId, acct] of [['hubspot', 'bench-hs', 'bench-portal'], ['salesforce', 'bench-sf', 'bench-org']] as const) {
      const r = await connectOAuth(driver, await mintToken(driver, key, { endUserId, providers: [provider] }), provider, acct);
      if (r.type !== 'connected') throw new Error(`${provider}: not connected: ${JSON.stringify(r)}`);
    }
    await gw.deps.events.settled();
    // Tokens of the same portal and org that are not the gateway's: writes "beside" it.
    const outside: Scope = { accountId: other.account.id, mode: 'test' };
    const hsDirect = (await connectViaSandbox(gw.deps, outside, 'bench-direct-hs', 'hubspot', { account: 'bench-portal' })).accessToken;
    const sfDirect = (await connectViaSandbox(gw.deps, outside, 'bench-direct-sf', 'salesforce', { account: 'bench-org' })).accessToken;

    const hook = await call('POST', '/v1/webhooks', { body: { url: receiver.url, events: ['contact.*'] } });
    if (hook.status !== 201) throw new Error(`webhook: ${hook.status} ${JSON.stringify(hook.body)}`);
    // Polling starts with its first sweep (a watermark at that time): changes before it are not events.
    const sfConnection = (await gw.deps.store.connections.findCurrent({ accountId: account.id, mode: 'test' }, 'bench-sf', 'salesforce'))!;
    if (!(await until(async () => (await gw.deps.store.syncStates.get(sfConnection.id, 'contacts')) !== null, 30_000))) throw new Error('no first sweep');

    const direct = async (url: string, token: string, body: unknown): Promise<string> => {
      const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const json = (await res.json()) as { id?: string };
      if (res.status !== 201 || !json.id) throw new Error(`direct write: ${res.status} ${JSON.stringify(json)}`);
      return String(json.id);
    };
    const makers: Record<Source, (i: number) => Promise<string>> = {
      gateway: async (i) => {
        const r = await call('POST', '/v1/contacts?provider=hubspot&endUserId=bench-hs', { body: { firstName: 'Gate', lastName: `Way${i}`, email: `gw-${i}-${Date.now()}@bench.example` } });
        if (r.status !== 201) throw new Error(`gateway write: ${r.status} ${JSON.stringify(r.body)}`);
        return r.body.data.id;
      },
      provider_webhook: (i) => direct(`${gw.url}/sandbox/hubspot/crm/v3/objects/contacts`, hsDirect,
        { properties: { firstname: 'Web', lastname: `Hook${i}`, email: `hook-${i}-${Date.now()}@bench.example` } }),
      poll: (i) => direct(`${gw.url}/sandbox/salesforce/services/data/${SF}/sobjects/Contact`, sfDirect,
        { LastName: `Poll${i}`, Email: `poll-${i}-${Date.now()}@bench.example` }),
    };

    const results: Record<string, Summary> = {};
    for (const source of ['gateway', 'provider_webhook', 'poll'] as Source[]) {
      const sent = new Map<string, number>();
      const pending: Promise<void>[] = [];
      for (let i = 0; i < N; i += 1) {
        await pause(Math.random() * 250);
        const t0 = Date.now();
        pending.push(makers[source](i).then((id) => { sent.set(id, t0); }));
      }
      await Promise.all(pending);
      await until(() => [...sent.keys()].every((id) => receiver.arrivals.has(id)), 60_000);
      const delays: number[] = [];
      let wrongSource = 0;
      for (const [id, t0] of sent) {
        const a = receiver.arrivals.get(id);
        if (!a) continue;
        if (a.source !== source) wrongSource += 1;
        delays.push(a.at - t0);
      }
      delays.sort((a, b) => a - b);
      results[source] = { n: N, received: delays.length, p50Ms: quantile(delays, 0.5), p99Ms: quantile(delays, 0.99), maxMs: delays[delays.length - 1] ?? NaN };
      if (wrongSource > 0) process.stderr.write(`${source}: ${wrongSource} first events came from another source\n`);
    }

    const out = {
      measuredAt: new Date().toISOString(), changesPerSource: N, syncIntervalSeconds: 1,
      note: 'change = write request sent; delay = until the first event about the record reached the receiver; one process (gateway, sandboxes, receiver, load)',
      host: { cpus: os.cpus().length, loadavg: os.loadavg().map((l) => Math.round(l * 100) / 100) },
      sources: results,
    };
    const resultsDir = path.resolve(__dirname, '../../bench/results');
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(path.join(resultsDir, 'event-delay.json'), `${JSON.stringify(out, null, 2)}\n`);
    for (const [source, s] of Object.entries(results)) {
      process.stdout.write(`${source.padEnd(17)} ${s.received}/${s.n} delivered  p50 ${s.p50Ms} ms  p99 ${s.p99Ms} ms  max ${s.maxMs} ms\n`);
    }
    process.stdout.write(`load average ${out.host.loadavg.join(' ')} on ${out.host.cpus} cpus; written to bench/results/event-delay.json\n`);
  } finally {
    await receiver.close();
    await gw.shutdown();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
