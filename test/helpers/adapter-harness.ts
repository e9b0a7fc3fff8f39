import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/config/config';
import { openStore } from '../../src/store';
import { createRegistry, discoverProviders } from '../../src/provider-sdk/registry';
import { createLogger } from '../../src/logging/logger';
import { GatewayMetrics } from '../../src/http/metrics';
import { createCipher } from '../../src/connections/credentials-crypto';
import { ProviderEndpoints } from '../../src/connections/provider-endpoints';
import { OAuthClients } from '../../src/connections/oauth-clients';
import { ConnectionEvents } from '../../src/connections/connection-events';
import { createProviderClient } from '../../src/provider-http/provider-client';
import type { AdapterContext } from '../../src/provider-sdk/adapter';
import type { ProviderDefinition } from '../../src/provider-sdk/define-provider';
import type { Credentials } from '../../src/connections/credentials';

/** The access token the harness's live connections carry; nock scopes assert it is sent. */
export const LIVE_ACCESS_TOKEN = 'live-access-token-for-nock-tests';

export interface LiveHarness {
  definition: ProviderDefinition;
  ctx: AdapterContext;
  close(): Promise<void>;
}

/**
 * A LIVE-mode adapter context for one provider, wired through the real provider client (token
 * manager, limiter, breaker, retries, error factory) to the provider's real host, so nock can pin
 * the exact requests an adapter sends. The connection holds a non-expiring fake access token.
 */
export async function liveAdapterContext(providerId: string, opts: {
  metadata?: Record<string, string>; providerAccountId?: string; idempotencyKey?: string; apiKey?: boolean;
} = {}): Promise<LiveHarness> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gw-adapter-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', REDIS_URL: '' });
  const store = await openStore({ dataDir });
  const registry = createRegistry(discoverProviders());
  const definition = registry.get(providerId)!;
  const cipher = createCipher(randomBytes(32));
  const logger = createLogger('silent');
  const client = createProviderClient({
    config: { redisUrl: null }, store, registry, logger, metrics: new GatewayMetrics({ collectDefaults: false }), cipher,
    endpoints: new ProviderEndpoints(() => config.publicUrl), oauthClients: new OAuthClients(config, 'unused'), events: new ConnectionEvents(),
  });
  // The manifest's real budget would make nock tests wait between calls; the limiter has its own tests.
  client.policies.override(providerId, { rateLimit: { requests: 1_000_000, intervalMs: 1000 } });
  const now = new Date().toISOString();
  const credentials: Credentials = definition.manifest.auth[0].type === 'api_key' || opts.apiKey
    ? { type: 'api_key', apiKey: LIVE_ACCESS_TOKEN }
    : { type: 'oauth2', accessToken: LIVE_ACCESS_TOKEN, refreshToken: 'live-refresh-token', expiresAt: new Date(Date.now() + 86_400_000).toISOString(), tokenType: 'Bearer', obtainedAt: now };
  const connection = await store.connections.create({
    id: 'conn_live_harness', accountId: 'acct_harness', mode: 'live', endUserId: 'eu_1', provider: providerId, status: 'active',
    scopes: [], providerAccountId: opts.providerAccountId ?? null, providerAccountName: null, credentials: cipher.encryptJson(credentials), credentialsVersion: 1,
    metadata: opts.metadata ?? {}, lastError: null, createdAt: now, updatedAt: now, lastRefreshedAt: null, lastUsedAt: null,
  });
  const ctx: AdapterContext = {
    manifest: definition.manifest,
    connection: { id: connection.id, providerAccountId: connection.providerAccountId, metadata: connection.metadata },
    idempotencyKey: opts.idempotencyKey ?? null,
    http: { request: (req) => client.http.request(connection, req), json: (req) => client.http.json(connection, req) },
  };
  return {
    definition,
    ctx,
    async close() {
      await client.shutdown();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
