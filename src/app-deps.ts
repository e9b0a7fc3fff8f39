import type { Config } from './config/config';
import type { Store, Scope } from './store/types';
import type { ProviderRegistry } from './provider-sdk/registry';
import type { Logger } from './logging/logger';
import type { GatewayMetrics } from './http/metrics';
import type { AccountService } from './accounts/account-service';
import type { ApiKeyAuthenticator, AuthState } from './http/api-key-auth';
import type { SandboxHost } from './sandbox/host';
import type { CredentialsCipher } from './connections/credentials-crypto';
import type { OAuthClients } from './connections/oauth-clients';
import type { ProviderEndpoints } from './connections/provider-endpoints';
import type { ConnectionEvents } from './connections/connection-events';
import type { RecordEvents } from './events/record-events';
import type { ProviderClient } from './provider-http/provider-client';
import type { ConnectionHealthBook } from './connections/connection-health';

/** Everything the Koa app is composed from; built by main.ts (or a test helper). */
export interface AppDeps {
  config: Config;
  store: Store;
  registry: ProviderRegistry;
  logger: Logger;
  metrics: GatewayMetrics;
  accounts: AccountService;
  auth: ApiKeyAuthenticator;
  cipher: CredentialsCipher;
  sandboxes: SandboxHost | null;
  /** Where each provider lives per mode (sandbox URLs in test mode). */
  endpoints: ProviderEndpoints;
  /** The OAuth client presented to each provider per mode. */
  oauthClients: OAuthClients;
  /** Connection lifecycle events (webhooks subscribe). */
  events: ConnectionEvents;
  /** Record change events: the one way a change is stored and handed to the webhook outbox (src/events). */
  recordEvents: RecordEvents;
  /** The only way to reach a provider: token manager, limiter, breaker, retries (src/provider-http). */
  providerClient: ProviderClient;
  /** Per-connection breaker/budget/last-error view for GET /v1/connections/:id. */
  health: ConnectionHealthBook;
  version: string;
}

/** The account + mode every store query of a request is scoped by. */
export function scopeOf(state: { auth?: AuthState }): Scope {
  const auth = state.auth as AuthState;
  return { accountId: auth.accountId, mode: auth.mode };
}
