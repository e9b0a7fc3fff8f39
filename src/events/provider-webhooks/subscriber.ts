import type { AppDeps } from '../../app-deps';
import type { Connection } from '../../store/types';
import { providerWebhookPath } from '../../connections/sandbox-clients';
import type { UnifiedService } from '../../unified/unified-service';
import type { ProviderWebhookSecrets } from './webhook-secrets';

/**
 * Subscribes the gateway's own /webhooks/providers/<id> for a connection's provider account where
 * the provider's API allows it (an adapter with `webhooks.subscribe`), once the connection is made
 * or re-authorized and its account is known. Test mode always (the sandbox delivers on loopback);
 * live mode only with PUBLIC_URL set, the address the provider can reach. A failure is logged and
 * never fails the connection.
 */
export function subscribeOnConnect(deps: Pick<AppDeps, 'registry' | 'config' | 'logger' | 'events'>, unified: UnifiedService,
  secrets: ProviderWebhookSecrets): void {
  deps.events.on(async (type, connection) => {
    if (type !== 'connection.created' && type !== 'connection.reconnected') return;
    await subscribe(deps, unified, secrets, connection);
  });
}

async function subscribe(deps: Pick<AppDeps, 'registry' | 'config' | 'logger'>, unified: UnifiedService, secrets: ProviderWebhookSecrets,
  connection: Connection): Promise<void> {
  const definition = deps.registry.get(connection.provider);
  const hooks = definition?.adapter?.webhooks;
  if (!definition || !hooks?.subscribe || connection.providerAccountId === null) return;
  if (connection.mode === 'live' && !deps.config.env.PUBLIC_URL) return;
  try {
    const secret = await secrets.subscriptionSecret(connection.provider, connection.mode, connection.providerAccountId);
    await hooks.subscribe(unified.context({ definition, connection }, null), { url: `${deps.config.publicUrl}${providerWebhookPath(connection.provider)}`, secret });
  } catch (err) {
    const reason = (err as { code?: unknown }).code ?? (err as Error)?.name;
    deps.logger.warn({ connectionId: connection.id, provider: connection.provider, reason }, 'could not subscribe to the provider\'s webhooks');
  }
}
