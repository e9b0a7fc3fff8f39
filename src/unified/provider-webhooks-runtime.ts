import type { AppDeps } from '../app-deps';
import type { UnifiedServices } from './services';
import { envInt } from '../config/env-int';
import { ProviderWebhookInbox } from '../events/provider-webhooks/inbox';
import { ProviderWebhookProcessor } from './provider-webhook-processor';
import { subscribeOnConnect } from '../events/provider-webhooks/subscriber';
import { ProviderWebhookSecrets } from '../events/provider-webhooks/webhook-secrets';

export interface ProviderWebhooksRuntime {
  inbox: ProviderWebhookInbox;
  processor: ProviderWebhookProcessor;
  secrets: ProviderWebhookSecrets;
  start(): void;
  stop(): Promise<void>;
}

/**
 * Provider webhooks in (API.md § Change events, source 2): the inbox the public route hands
 * deliveries to, the processor that turns stored deliveries into record events (its start
 * processes what a previous process stored and did not finish), and subscription on connect.
 */
export function createProviderWebhooks(deps: AppDeps, services: Pick<UnifiedServices, 'unified' | 'mappings'>): ProviderWebhooksRuntime {
  const env = deps.config.env;
  const secrets = new ProviderWebhookSecrets(deps);
  const processor = new ProviderWebhookProcessor(deps, services, {
    pollMs: envInt(env, 'PROVIDER_WEBHOOK_POLL_MS', { fallback: 5000, min: 10 }),
    leaseMs: envInt(env, 'PROVIDER_WEBHOOK_LEASE_MS', { fallback: 60_000, min: 100 }),
    maxAttempts: envInt(env, 'PROVIDER_WEBHOOK_MAX_ATTEMPTS', { fallback: 10, min: 1 }),
    retryBaseMs: envInt(env, 'PROVIDER_WEBHOOK_RETRY_BASE_MS', { fallback: 5000, min: 10 }),
  });
  const inbox = new ProviderWebhookInbox(deps, secrets, () => processor.kick());
  subscribeOnConnect(deps, services.unified, secrets);
  return { inbox, processor, secrets, start: () => processor.start(), stop: () => processor.stop() };
}
