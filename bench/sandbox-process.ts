/**
 * One provider's sandbox served standalone in its own process (argv: <providerId> <port>).
 * It registers the gateway's test-mode OAuth client itself, derived from the same ENCRYPTION_KEY
 * as the gateway does (BENCH_ENCRYPTION_KEY, BENCH_GATEWAY_URL for the redirect URI).
 * BENCH_SANDBOX_BURST (requests per BENCH_SANDBOX_WINDOW_MS, every account) raises the provider's
 * rate budget so that the sandbox is not what limits a throughput run; 0 keeps the real one.
 */
import { createRegistry, discoverProviders } from '../src/provider-sdk/registry';
import { SandboxHost } from '../src/sandbox/host';
import { sandboxClientFor } from '../src/connections/sandbox-clients';
import { loadOrCreateKey } from '../src/connections/credentials-crypto';
import { deriveSandboxSecret } from '../src/gateway';
import { ALL_ACCOUNTS } from '../src/provider-sdk/sandbox-kit/rate-windows';
import { announce, serveRpc } from './ipc';

async function main(): Promise<void> {
  const [providerId, portArg] = process.argv.slice(2);
  if (!providerId) throw new Error('usage: sandbox-process <providerId> [port]');
  const env = process.env;
  const key = loadOrCreateKey(env.BENCH_ENCRYPTION_KEY ?? null, '/nonexistent');
  const secret = deriveSandboxSecret(key);
  const gatewayUrl = env.BENCH_GATEWAY_URL ?? 'http://127.0.0.1:3000';
  const registry = createRegistry(discoverProviders());
  const host = new SandboxHost(registry.list().filter((d) => d.manifest.id === providerId), {
    secret, clientsFor: (id) => [sandboxClientFor(id, secret, gatewayUrl)],
  });
  const kit = host.get(providerId)?.kit;
  if (!kit) throw new Error(`no sandbox for ${providerId}`);
  const burst = Number(env.BENCH_SANDBOX_BURST ?? 0);
  const windowMs = Number(env.BENCH_SANDBOX_WINDOW_MS ?? 10_000);
  for (const bucket of (env.BENCH_SANDBOX_BUCKETS ?? 'burst,search').split(',')) {
    if (burst > 0) kit.limits.configure(ALL_ACCOUNTS, bucket, { max: burst, windowMs });
  }
  const { server, url } = await host.listen(providerId, Number(portArg ?? 0));
  // The last request line seen, so the harness can aim the reference and the bare proxy at exactly
  // the call the gateway makes (same path and query, e.g. HubSpot's `properties` list).
  let lastRequest = '';
  server.prependListener('request', (req: { method?: string; url?: string }) => { lastRequest = `${req.method} ${req.url}`; });
  serveRpc({
    stats: () => kit.stats.get(),
    lastRequest: () => lastRequest,
    resetStats: () => { kit.stats.reset(); return true; },
    rss: () => process.memoryUsage().rss,
    cpu: () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; },
    stop: () => { server.close(); server.closeAllConnections(); setTimeout(() => process.exit(0), 50); return true; },
  });
  announce({ url, pid: process.pid });
}

main().catch((err) => { console.error(err); process.exit(1); });
