import type { TestGateway } from './gateway';
import { until } from './wait';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver';

/** Gateway settings for change-event tests: fast outbox and provider-webhook polling. */
export const EVENT_TEST_ENV = { WEBHOOK_POLL_MS: '30', WEBHOOK_RETRY_BASE_MS: '30', WEBHOOK_RETRY_MAX_MS: '100', PROVIDER_WEBHOOK_POLL_MS: '50' };

/** A record event as an account's webhook receiver gets it. */
export type DeliveredEvent = { id: string; type: string; data: Record<string, unknown> & { record?: Record<string, unknown> } };

/**
 * What the change-event tests observe, over the gateway they start (`gateway()` is read when a
 * function runs, so it can be called at module level before beforeAll starts the gateway).
 */
export function eventProbe(gateway: () => TestGateway) {
  const receivers: WebhookReceiver[] = [];
  const parsed = (r: WebhookReceiver): DeliveredEvent[] => r.got.map((g) => JSON.parse(g.body) as DeliveredEvent);
  return {
    parsed,
    /** A local receiver registered as a webhook of the key's account for `events`. */
    async receiverFor(key: string, events: string[]): Promise<WebhookReceiver> {
      const receiver = await startWebhookReceiver();
      receivers.push(receiver);
      expect((await gateway().call('POST', '/v1/webhooks', { key, body: { url: receiver.url, events } })).status).toBe(201);
      return receiver;
    },
    /** A receiver's events about one record, once the wanted count has arrived (bounded wait). */
    async eventsFor(r: WebhookReceiver, recordId: string, count: number): Promise<DeliveredEvent[]> {
      await until(() => parsed(r).filter((e) => e.data.recordId === recordId).length >= count, 10_000);
      return parsed(r).filter((e) => e.data.recordId === recordId);
    },
    /** Changes of `type` seen again (by a second source) and not stored twice, per the gateway's metric. */
    async duplicates(type: string): Promise<number> {
      const metric = gateway().deps.metrics.registry.getSingleMetric('gateway_record_events_duplicates_total');
      const values = metric ? (await metric.get()).values : [];
      return values.filter((v) => v.labels.type === type).reduce((n, v) => n + v.value, 0);
    },
    /** Every stored provider delivery processed and every event settled: "nothing more arrived" is a fact, not a timing guess. */
    async processed(): Promise<void> {
      const gw = gateway();
      await until(async () => (await gw.deps.store.providerWebhooks.listDue(new Date(Date.now() + 3_600_000).toISOString(), 1)).length === 0);
      await gw.deps.events.settled();
    },
    /**
     * An api_key provider connected for `endUserId` with a key its sandbox issued (POST
     * /v1/sandbox/credentials), the gateway's budget for it lifted, and the connection's background
     * work (identify, webhook subscription) settled.
     */
    async connectSandboxKey(key: string, provider: string, endUserId: string): Promise<{ apiKey: string; connectionId: string }> {
      const gw = gateway();
      gw.deps.providerClient.policies.override(provider, { rateLimit: { requests: 10_000, intervalMs: 1000 } });
      const issued = await gw.call('POST', '/v1/sandbox/credentials', { key, body: { provider } });
      expect(issued.status).toBe(201);
      const conn = await gw.call('POST', '/v1/connections', { key, body: { endUserId, provider, ...issued.body.data } });
      expect(conn.status).toBe(201);
      await gw.deps.events.settled();
      return { apiKey: issued.body.data.credentials.apiKey, connectionId: conn.body.data.id };
    },
    closeReceivers: (): Promise<void[]> => Promise.all(receivers.map((r) => r.close())),
  };
}
