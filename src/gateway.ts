import { createHmac } from 'node:crypto';
import type http from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from './config/config';
import { openStore } from './store';
import { cacheResolution } from './store/cached-resolution';
import { createRegistry, discoverProviders } from './provider-sdk/registry';
import type { ProviderDefinition } from './provider-sdk/define-provider';
import { createLogger, type Logger } from './logging/logger';
import { GatewayMetrics } from './http/metrics';
import { AccountService } from './accounts/account-service';
import { ApiKeyAuthenticator } from './http/api-key-auth';
import type { CredentialsCipher } from './connections/credentials-crypto';
import { cipherOf, loadKeyRing } from './connections/key-ring';
import type { Store } from './store';
import { SandboxHost } from './sandbox/host';
import { sandboxClientFor } from './connections/sandbox-clients';
import { buildApp, type GatewayApp } from './app';
import { startServer, type RunningServer } from './http/server';
import type { AppDeps } from './app-deps';
import { OAuthClients } from './connections/oauth-clients';
import { ProviderEndpoints } from './connections/provider-endpoints';
import { ConnectionEvents } from './connections/connection-events';
import { startWebhooks } from './webhooks/webhooks-runtime';
import { RecordEvents } from './events/record-events';
import { EventMetrics } from './events/event-metrics';
import { eventsSettings } from './events/events-settings';
import { startHousekeeping } from './store/housekeeping';
import { createProviderClient } from './provider-http/provider-client';
import { ConnectionHealthBook } from './connections/connection-health';
import { createPollSweeper } from './unified/poll-sweeper';
import type { Sweeper } from './events/sweeper';
import type { Clock } from './provider-sdk/sandbox-kit/clock';

export interface RunningGateway {
  url: string;
  deps: AppDeps;
  app: GatewayApp;
  server: RunningServer;
  /** Polling for outside changes (manifest changeDetection: poll); sweepNow() runs a pass at once. */
  sweeper: Sweeper;
  /** Graceful: stop accepting, finish in-flight requests up to the grace period, close the store. */
  shutdown(): Promise<{ drained: boolean }>;
}

/**
 * The secret the sandboxes sign with and the gateway's test-mode OAuth clients derive from: a
 * standalone sandbox process given the same ENCRYPTION_KEY derives the same one (benchmarks).
 */
export function deriveSandboxSecret(key: Buffer): string {
  return createHmac('sha256', key).update('sandbox').digest('base64url');
}

/**
 * The sandbox secret is derived once, on the first start, then kept sealed in the store: rotating
 * the encryption key must not invalidate every test-mode token and personal access token.
 */
async function sandboxSecretOf(store: Store, cipher: CredentialsCipher, key: Buffer): Promise<string> {
  const sealed = await store.instanceSecrets.getOrCreate('sandbox', cipher.encrypt(deriveSandboxSecret(key)), new Date().toISOString());
  return cipher.decrypt(sealed);
}

function packageVersion(): string {
  for (const dir of [path.resolve(__dirname, '..'), path.resolve(__dirname, '../..')]) {
    try { return (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version; } catch { /* next */ }
  }
  return '0.0.0';
}

/**
 * Opens the store, discovers providers, builds the app and listens. The server starts before the
 * app is built so that an ephemeral port (PORT=0, tests) is known when the sandboxes register the
 * gateway's callback URL.
 */
export interface StartOptions {
  logger?: Logger;
  providersDir?: string;
  /** Providers loaded besides the discovered folders (tests: fixture providers that are not shipped). */
  extraProviders?: ProviderDefinition[];
  /** Tests: the time of the sandboxes and of the polling sweeper (e.g. moved past a provider's minute boundary). */
  clock?: Clock;
}

export async function startGateway(config: Config, opts: StartOptions = {}): Promise<RunningGateway> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  const registry = createRegistry([...discoverProviders(opts.providersDir), ...(opts.extraProviders ?? [])]);
  const keys = loadKeyRing(config);
  const cipher = cipherOf(keys);
  const metrics = new GatewayMetrics();
  // End user + connection resolution from memory, invalidated by every write in any process (Redis).
  const store = cacheResolution(await openStore({ mongodbUri: config.mongodbUri ?? undefined, dataDir: config.dataDir }), {
    ttlMs: config.resolutionCacheTtlMs, redisUrl: config.redisUrl, registry: metrics.registry,
    onTrouble: (err, what) => logger.warn({ err: err.message, what }, 'resolution cache: Redis invalidations unavailable; serving resolutions from the store'),
  });
  // Also the start's check that the configured keys open what the store holds (wrong key: stop here).
  const sandboxSecret = await sandboxSecretOf(store, cipher, keys.current).catch(async (err: unknown) => {
    await store.close();
    throw err;
  });

  let handler: ((req: http.IncomingMessage, res: http.ServerResponse) => void) | null = null;
  const server = await startServer((req, res) => handler!(req, res), { port: config.port, host: config.host, timeouts: config.httpTimeouts });
  if (!config.env.PUBLIC_URL) config.publicUrl = config.port === 0 ? server.url : config.publicUrl;

  const sandboxes = config.sandboxEnabled
    ? new SandboxHost(registry.list(), {
      secret: sandboxSecret,
      clientsFor: (id) => [sandboxClientFor(id, sandboxSecret, config.publicUrl)],
      accessTokenTtlSeconds: config.sandboxTokenTtlSeconds ?? undefined,
      clock: opts.clock,
    })
    : null;
  const endpoints = new ProviderEndpoints(() => config.publicUrl, config.sandboxBaseUrl);
  const oauthClients = new OAuthClients(config, sandboxSecret);
  const events = new ConnectionEvents();
  const health = new ConnectionHealthBook((id, at) => store.connections.update(id, { lastUsedAt: at }));
  const providerClient = createProviderClient({
    config, store, registry, logger, metrics, cipher, endpoints, oauthClients, events,
    onResponse: (connectionId, manifest, headers) => health.observe(connectionId, manifest, headers),
  });
  const recordEvents = new RecordEvents(store, new EventMetrics(metrics.registry), eventsSettings(config.env));
  const deps: AppDeps = {
    config, store, registry, logger, cipher, sandboxes, metrics, endpoints, oauthClients, events, recordEvents, providerClient, health,
    accounts: new AccountService(store),
    auth: new ApiKeyAuthenticator(store),
    version: packageVersion(),
  };
  const app = buildApp(deps);
  handler = app.handler;
  const webhooks = startWebhooks(deps);
  const housekeeping = startHousekeeping(store, logger);
  const clock = opts.clock;
  const sweeper = createPollSweeper(deps, clock ? { now: () => new Date(clock.now()) } : {});
  sweeper.start();
  // Deliveries a previous process stored but did not finish are processed now.
  app.providerWebhooks.start();
  app.writeBacks.start();

  return {
    url: server.url,
    deps,
    app,
    server,
    sweeper,
    async shutdown() {
      app.beginShutdown();
      const result = await server.shutdown(config.shutdownGraceMs);
      await sweeper.stop();
      await providerClient.shutdown();
      await app.providerWebhooks.stop();
      // Pending deliveries stay in the store; the next start sends them.
      await webhooks.stop();
      await app.writeBacks.stop();
      housekeeping.stop();
      await deps.events.settled();
      await store.close();
      return result;
    },
  };
}
