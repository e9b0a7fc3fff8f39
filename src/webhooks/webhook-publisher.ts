import type { Store, Connection, WebhookDelivery } from '../store/types';
import type { ConnectionEventType } from '../connections/connection-events';
import { randomId } from '../connect/secrets';

/**
 * Turns a connection event into stored deliveries, one per subscribed webhook, all with the same
 * event id. They are written before any attempt, so a crash or restart cannot lose the event.
 * The body is fixed here (and signed as-is at each attempt): never a token, only ids and status.
 */
export async function enqueueEvent(store: Store, type: ConnectionEventType, connection: Connection, now = new Date()): Promise<WebhookDelivery[]> {
  const scope = { accountId: connection.accountId, mode: connection.mode };
  const hooks = await store.webhooks.listForEvent(scope, type);
  if (hooks.length === 0) return [];
  const eventId = randomId('evt_');
  const createdAt = now.toISOString();
  const payload = JSON.stringify({
    id: eventId, type, createdAt,
    data: { connectionId: connection.id, endUserId: connection.endUserId, provider: connection.provider, status: connection.status },
  });
  const deliveries: WebhookDelivery[] = hooks.map((h) => ({
    id: randomId('del_'), eventId, webhookId: h.id, accountId: h.accountId, mode: h.mode, type, payload,
    status: 'pending', attempts: 0, nextAttemptAt: createdAt, lastError: null, createdAt, deliveredAt: null,
  }));
  await store.webhooks.enqueue(deliveries);
  return deliveries;
}
