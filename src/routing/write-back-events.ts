import type { Store, WriteBack, WebhookDelivery } from '../store/types';

export const WRITE_BACK_FAILED = 'route.write_back_failed';

/**
 * route.write_back_failed, stored as deliveries in the existing outbox (the dispatcher sends them).
 * Ids derive from the write-back: it gives up once, and a repeat could never be a second event.
 */
export async function enqueueWriteBackFailed(store: Store, writeBack: WriteBack, now: Date): Promise<number> {
  const scope = { accountId: writeBack.accountId, mode: writeBack.mode };
  const hooks = await store.webhooks.listForEvent(scope, WRITE_BACK_FAILED);
  if (hooks.length === 0) return 0;
  const eventId = `evt_${writeBack.id}`;
  const createdAt = now.toISOString();
  const [connectionKey, meetingId] = splitBookingKey(writeBack.bookingKey);
  const payload = JSON.stringify({
    id: eventId, type: WRITE_BACK_FAILED, createdAt,
    data: {
      writeBackId: writeBack.id, provider: writeBack.crmProvider, endUserId: writeBack.endUserId,
      schedulerConnectionId: connectionKey, meetingId, attempts: writeBack.attempts + 1, lastError: writeBack.lastError, bookedAt: writeBack.createdAt,
    },
  });
  const deliveries: WebhookDelivery[] = hooks.map((h) => ({
    id: `del_${writeBack.id}_${h.id}`, eventId, webhookId: h.id, accountId: h.accountId, mode: h.mode, type: WRITE_BACK_FAILED, payload,
    status: 'pending', attempts: 0, nextAttemptAt: createdAt, lastError: null, createdAt, deliveredAt: null,
  }));
  await store.webhooks.enqueue(deliveries);
  return deliveries.length;
}

function splitBookingKey(key: string): [string, string] {
  const cut = key.indexOf('|');
  return [key.slice(0, cut), key.slice(cut + 1)];
}
