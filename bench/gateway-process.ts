/**
 * The whole gateway (startGateway, every production layer) in its own process, with a fresh temp
 * sqlite DATA_DIR and logging at info level to a file (BENCH_LOG_FILE, /dev/null by default).
 * The environment is the gateway's own (PORT, SANDBOX_BASE_URL, ENCRYPTION_KEY, …) plus:
 *   BENCH_PROVIDER              provider whose budget may be overridden and connected in setup;
 *   BENCH_LIMIT_REQUESTS/_INTERVAL_MS  the gateway limiter's budget for it (unset: the manifest's).
 * `setup` creates an account with API keys and N test-mode connections: the sandbox's OAuth flow
 * driven over HTTP against the standalone sandbox (authorize page, consent POST, code, token
 * exchange with the gateway's own test client) and the connection written to the store as the
 * connect flow writes it (test/helpers/sandbox-connect.ts, shared with the tests).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import v8 from 'node:v8';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../src/config/config';
import { startGateway } from '../src/gateway';
import { createLogger } from '../src/logging/logger';
import { AccountService } from '../src/accounts/account-service';
import { connectViaSandbox } from '../test/helpers/sandbox-connect';
import type { Scope } from '../src/store/types';
import { announce, serveRpc } from './ipc';

async function main(): Promise<void> {
  const env = process.env;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gw-bench-'));
  const config = loadConfig({ ...env, DATA_DIR: dataDir, LOG_LEVEL: 'info' });
  // Asynchronous file destination (pino's documented high-throughput mode); info level stays on.
  const destination = pino.destination({ dest: env.BENCH_LOG_FILE ?? '/dev/null', sync: false, minLength: 4096 });
  const gw = await startGateway(config, { logger: createLogger('info', destination) });
  const provider = env.BENCH_PROVIDER;
  if (provider && env.BENCH_LIMIT_REQUESTS) {
    gw.deps.providerClient.policies.override(provider, {
      rateLimit: { requests: Number(env.BENCH_LIMIT_REQUESTS), intervalMs: Number(env.BENCH_LIMIT_INTERVAL_MS ?? 10_000) },
    });
  }
  let profiler: Session | null = null;
  // How long the event loop was held up (GC pauses, synchronous work): read per scenario.
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  serveRpc({
    async setup(args: { connections: number }) {
      if (!provider) throw new Error('BENCH_PROVIDER is not set');
      const { account, test } = await new AccountService(gw.deps.store).createAccountWithKeys('Benchmark');
      const scope: Scope = { accountId: account.id, mode: 'test' };
      const endUsers: string[] = [];
      const tokens: string[] = [];
      for (let i = 0; i < args.connections; i += 1) {
        const endUserId = `bench-user-${String(i).padStart(3, '0')}`;
        const { accessToken: token } = await connectViaSandbox(gw.deps, scope, endUserId, provider, { account: `bench${String(i).padStart(3, '0')}` });
        tokens.push(token);
        endUsers.push(endUserId);
      }
      // Every connection's token: the bare proxy and the normalizer call the sandbox as each of them.
      return { apiKey: test.key, endUsers, firstToken: tokens[0], tokens };
    },
    /**
     * A test-mode account connected to a scheduling provider's sandbox mounted in this gateway (an
     * api_key provider: the sandbox issues the key), its budget on both sides raised far above the
     * load, and the first booking page: what the availability scenario asks about.
     */
    async setupScheduling(args: { provider: string }) {
      const { account, test } = await new AccountService(gw.deps.store).createAccountWithKeys('Benchmark scheduling');
      const auth = { authorization: `Bearer ${test.key}`, 'content-type': 'application/json' };
      const issued = await fetch(`${gw.url}/v1/sandbox/credentials`, { method: 'POST', headers: auth, body: JSON.stringify({ provider: args.provider }) });
      if (issued.status !== 201) throw new Error(`sandbox credentials: ${issued.status} ${await issued.text()}`);
      const { credentials, config } = ((await issued.json()) as { data: { credentials: { apiKey: string }; config: Record<string, string> } }).data;
      const kit = gw.deps.sandboxes?.get(args.provider)?.kit;
      const sandboxAccount = kit?.accountOf(credentials.apiKey);
      if (!kit || !sandboxAccount) throw new Error(`no mounted sandbox account for ${args.provider}`);
      for (const bucket of ['burst']) kit.limits.configure(sandboxAccount, bucket, { max: 100_000_000, windowMs: 60_000 });
      const endUserId = 'bench-scheduler';
      const made = await fetch(`${gw.url}/v1/connections`, {
        method: 'POST', headers: auth, body: JSON.stringify({ endUserId, provider: args.provider, credentials, config }),
      });
      if (made.status !== 201) throw new Error(`connection: ${made.status} ${await made.text()}`);
      const pages = await fetch(`${gw.url}/v1/booking-pages?provider=${args.provider}&endUserId=${endUserId}`, { headers: auth });
      const page = ((await pages.json()) as { data: { id: string; active: boolean }[] }).data.find((p) => p.active);
      if (!page) throw new Error('no active booking page');
      return { apiKey: test.key, accountId: account.id, endUserId, bookingPageId: page.id, providerKey: credentials.apiKey, sandboxAccount };
    },
    /**
     * Route and book: one end user with HubSpot (OAuth) and 42min (personal access token), both
     * budgets raised far above the load, a HubSpot contact whose owner hosts a 42min page alone,
     * and enough of that host's starts (every 8th offered, so no booking's buffers touch another's).
     */
    async setupRouteAndBook(args: { bookings: number }) {
      const { account, test } = await new AccountService(gw.deps.store).createAccountWithKeys('Benchmark route and book');
      const scope: Scope = { accountId: account.id, mode: 'test' };
      const endUserId = 'bench-router';
      for (const p of ['hubspot', '42min']) {
        gw.deps.providerClient.policies.override(p, { rateLimit: { requests: 10_000_000, intervalMs: 10_000 } });
        for (const bucket of ['burst', 'search']) gw.deps.sandboxes?.get(p)?.kit.limits.configure('*', bucket, { max: 100_000_000, windowMs: 60_000 });
        await connectViaSandbox(gw.deps, scope, endUserId, p, { account: `benchrab-${p}` });
      }
      const get = async <T>(p: string): Promise<T> => {
        const res = await fetch(`${gw.url}${p}`, { headers: { authorization: `Bearer ${test.key}` } });
        if (res.status !== 200) throw new Error(`${p}: ${res.status} ${await res.text()}`);
        return ((await res.json()) as { data: T }).data;
      };
      const pages = await get<{ id: string; active: boolean; hosts: { email: string | null }[] }[]>(`/v1/booking-pages?provider=42min&endUserId=${endUserId}&limit=200`);
      const owners = await get<{ id: string; email: string | null }[]>(`/v1/users?provider=hubspot&endUserId=${endUserId}&limit=100`);
      const contacts = await get<{ email: string | null; ownerId: string | null }[]>(`/v1/contacts?provider=hubspot&endUserId=${endUserId}&limit=100`);
      const sole = pages.filter((p) => p.active && p.hosts.length === 1);
      const contact = contacts.find((c) => c.email && sole.some((p) => p.hosts[0].email?.toLowerCase() === owners.find((o) => o.id === c.ownerId)?.email?.toLowerCase()));
      if (!contact) throw new Error('no HubSpot contact whose owner hosts a 42min page alone');
      const auth = { authorization: `Bearer ${test.key}`, 'content-type': 'application/json' };
      const starts: string[] = [];
      let window = { startDate: '', endDate: '' };
      for (let week = 0; starts.length < args.bookings && week < 26; week += 1) {
        const from = new Date(Date.UTC(2032, 0, 5 + 7 * week));
        window = { startDate: from.toISOString(), endDate: new Date(from.getTime() + 7 * 86_400_000).toISOString() };
        const res = await fetch(`${gw.url}/v1/route-and-book`, {
          method: 'POST', headers: auth,
          body: JSON.stringify({ email: contact.email, crm: { provider: 'hubspot', endUserId }, scheduler: { provider: '42min', endUserId }, window }),
        });
        if (res.status !== 200) throw new Error(`route: ${res.status} ${await res.text()}`);
        starts.push(...((await res.json()) as { data: { slots: { start: string }[] } }).data.slots.filter((_, i) => i % 8 === 0).map((sl) => sl.start));
      }
      // One window that spans every start is not possible (31 days at most); the booking needs none.
      return { apiKey: test.key, endUserId, email: contact.email, starts, window };
    },
    sandboxTotals: () => ['hubspot', '42min'].reduce((n, p) => {
      const kit = gw.deps.sandboxes?.get(p)?.kit;
      return n + (kit ? kit.stats.get(`benchrab-${p}`).totalRequests : 0);
    }, 0),
    sandboxRequests: (args: { provider: string; account: string }) => gw.deps.sandboxes?.get(args.provider)?.kit.stats.get(args.account).totalRequests ?? 0,
    rss: () => process.memoryUsage().rss,
    cpu: () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; },
    loopDelayReset: () => { loopDelay.reset(); return true; },
    loopDelay: () => ({ p99Ms: loopDelay.percentile(99) / 1e6, maxMs: loopDelay.max / 1e6 }),
    /** CPU profile of the measured part of a scenario only (not the setup or the warm-up). */
    async profileStart() {
      profiler = new Session();
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
      return true;
    },
    async profileStop(args: { file: string }) {
      if (!profiler) throw new Error('no profile running');
      const { profile } = await profiler.post('Profiler.stop');
      profiler.disconnect();
      profiler = null;
      writeFileSync(args.file, JSON.stringify(profile));
      return args.file;
    },
    mem: () => ({ ...process.memoryUsage(), heapSpaces: v8.getHeapSpaceStatistics().map((h) => ({ name: h.space_name, used: h.space_used_size, size: h.space_size })) }),
    gc: () => { (globalThis as { gc?: () => void }).gc?.(); return process.memoryUsage().rss; },
    async stop() {
      setImmediate(async () => {
        await gw.shutdown().catch(() => undefined);
        destination.flushSync?.();
        rmSync(dataDir, { recursive: true, force: true });
        process.exit(0);
      });
      return true;
    },
  });
  announce({ url: gw.url, pid: process.pid });
}

main().catch((err) => { console.error(err); process.exit(1); });
