import { connectRedis } from '../shared/redis';
import type { Config } from '../config/config';
import type { Store } from '../store/types';
import type { ProviderRegistry } from '../provider-sdk/registry';
import type { Logger } from '../logging/logger';
import type { GatewayMetrics } from '../http/metrics';
import type { CredentialsCipher } from '../connections/credentials-crypto';
import type { ProviderEndpoints } from '../connections/provider-endpoints';
import type { OAuthClients } from '../connections/oauth-clients';
import type { ConnectionEvents } from '../connections/connection-events';
import { TokenManager } from '../connections/token-manager';
import { RedisRefreshLock, StoreRefreshLock, type RefreshLock } from '../connections/refresh-lock';
import { Breakers } from '../resilience/breakers';
import { Limiters } from '../resilience/limiters';
import { PolicyBook } from '../resilience/policy-book';
import { ProviderMetrics } from '../resilience/provider-metrics';
import { ProviderHttp, type ProviderHttpDeps } from './provider-http';

/** The provider client and the machinery behind it, built once per gateway process. */
export interface ProviderClient {
  http: ProviderHttp;
  tokens: TokenManager;
  breakers: Breakers;
  limiters: Limiters;
  /** The lease lock shared by every process (Redis with REDIS_URL, else the store's locks): refreshes, polling sweeps. */
  lock: RefreshLock;
  /** Manifest policies plus runtime overrides (tests shrink budgets and reset times here). */
  policies: PolicyBook;
  shutdown(): Promise<void>;
}

export interface ProviderClientDeps {
  config: Pick<Config, 'redisUrl'>;
  store: Store;
  registry: ProviderRegistry;
  logger: Logger;
  metrics: GatewayMetrics;
  cipher: CredentialsCipher;
  endpoints: ProviderEndpoints;
  oauthClients: OAuthClients;
  events: ConnectionEvents;
  onResponse?: ProviderHttpDeps['onResponse'];
}

/**
 * With REDIS_URL, the refresh lock and the rate budgets live in Redis so that several gateway
 * processes act as one; otherwise the lock is the store's lease table and budgets are per process.
 */
export function createProviderClient(deps: ProviderClientDeps): ProviderClient {
  const manifestOf = (id: string) => deps.registry.get(id)?.manifest;
  const metrics = new ProviderMetrics(deps.metrics.registry);
  const policies = new PolicyBook(manifestOf);
  const redis = deps.config.redisUrl ? connectRedis(deps.config.redisUrl) : null;
  const lock: RefreshLock = redis ? new RedisRefreshLock(redis) : new StoreRefreshLock(deps.store.locks);
  const breakers = new Breakers(policies, deps.logger, metrics);
  const limiters = new Limiters(policies, metrics, deps.config.redisUrl);
  const tokens = new TokenManager({
    store: deps.store, cipher: deps.cipher, manifestOf, endpoints: deps.endpoints, oauthClients: deps.oauthClients,
    events: deps.events, lock, logger: deps.logger, metrics,
  });
  // Decrypted credentials cached in the token manager go as soon as a connection is deleted,
  // reconnected or needs re-authorization (any credentials write also changes the sealed blob).
  deps.events.on((_type, connection) => tokens.forget(connection.id));
  const http = new ProviderHttp({
    manifestOf, adapterOf: (id) => deps.registry.get(id)?.adapter, endpoints: deps.endpoints, tokens, breakers, limiters, policies, metrics, logger: deps.logger,
    onResponse: deps.onResponse,
  });
  return {
    http, tokens, breakers, limiters, policies, lock,
    async shutdown() {
      breakers.shutdown();
      await limiters.shutdown();
      http.close();
      if (redis) redis.disconnect();
    },
  };
}
