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
import { mkdtempSync, rmSync } from 'node:fs';
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
  serveRpc({
    async setup(args: { connections: number }) {
      if (!provider) throw new Error('BENCH_PROVIDER is not set');
      const { account, test } = await new AccountService(gw.deps.store).createAccountWithKeys('Benchmark');
      const scope: Scope = { accountId: account.id, mode: 'test' };
      const endUsers: string[] = [];
      let firstToken = '';
      for (let i = 0; i < args.connections; i += 1) {
        const endUserId = `bench-user-${String(i).padStart(3, '0')}`;
        const { accessToken: token } = await connectViaSandbox(gw.deps, scope, endUserId, provider, { account: `bench${String(i).padStart(3, '0')}` });
        if (i === 0) firstToken = token;
        endUsers.push(endUserId);
      }
      return { apiKey: test.key, endUsers, firstToken };
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
    sandboxRequests: (args: { provider: string; account: string }) => gw.deps.sandboxes?.get(args.provider)?.kit.stats.get(args.account).totalRequests ?? 0,
    rss: () => process.memoryUsage().rss,
    cpu: () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; },
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
