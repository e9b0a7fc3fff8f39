import type { Store, WebhookDelivery } from '../store/types';
import type { Logger } from '../logging/logger';
import type { CredentialsCipher } from '../connections/credentials-crypto';
import type { WebhookSettings } from './webhook-settings';
import { signatureHeader } from './signature';
import { nextAttemptAt } from './backoff';
import { BlockedAddressError, DeliveryTimeoutError, type WebhookTransport } from './delivery-transport';

/**
 * The delivery loop: claims due deliveries from the store (a lease, so several gateway instances
 * never send the same one at once), posts each signed, and records the outcome. Non-2xx or a
 * network failure schedules a retry; past the retry window the delivery is marked failed. A URL
 * that is, or resolves to, an address the gateway may not reach is a failed attempt like any other
 * (the name may resolve elsewhere later), recorded with that reason.
 */
export class WebhookDispatcher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  private again = false;

  constructor(
    private readonly store: Store,
    private readonly cipher: CredentialsCipher,
    private readonly logger: Logger,
    private readonly settings: WebhookSettings,
    private readonly transport: WebhookTransport,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Runs a pass now (after an event was enqueued) instead of waiting for the next poll. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) { this.again = true; return; }
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    this.transport.close();
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.pass()
        .catch((err: unknown) => { this.logger.error({ reason: (err as Error)?.message }, 'webhook dispatch pass failed'); })
        .finally(() => {
          this.running = null;
          const now = this.again;
          this.again = false;
          this.schedule(now ? 0 : this.settings.pollMs);
        });
    }, ms);
    this.timer.unref();
  }

  /** One pass: claim a batch and send it; keeps going while full batches come back. */
  async pass(): Promise<void> {
    for (;;) {
      const now = Date.now();
      const lease = new Date(now + this.settings.timeoutMs + 5_000).toISOString();
      const batch = await this.store.webhooks.claimDue(new Date(now).toISOString(), lease, this.settings.batchSize);
      await Promise.all(batch.map((d) => this.deliver(d)));
      if (batch.length < this.settings.batchSize || this.stopped) return;
    }
  }

  private async deliver(d: WebhookDelivery): Promise<void> {
    const attempts = d.attempts + 1;
    const hook = await this.store.webhooks.get({ accountId: d.accountId, mode: d.mode }, d.webhookId);
    if (!hook) { await this.store.webhooks.markFailed(d.id, d.attempts, 'webhook deleted'); return; }
    let error: string;
    try {
      const secret = this.cipher.decrypt(hook.secret);
      const status = await this.transport.post(new URL(hook.url), d.mode, {
        timeoutMs: this.settings.timeoutMs,
        headers: {
          'content-type': 'application/json', 'user-agent': 'crm-gateway-webhooks/1',
          'x-gateway-event-id': d.eventId, 'x-gateway-event-type': d.type,
          'x-gateway-signature': signatureHeader(secret, d.payload, Math.floor(Date.now() / 1000)),
        },
        body: d.payload,
      });
      if (status >= 200 && status < 300) {
        await this.store.webhooks.markDelivered(d.id, new Date().toISOString(), attempts);
        return;
      }
      error = `HTTP ${status}`;
    } catch (err) {
      error = this.failureReason(d, err);
    }
    const next = nextAttemptAt(attempts, Date.parse(d.createdAt), Date.now(), this.settings);
    if (next === null) {
      await this.store.webhooks.markFailed(d.id, attempts, error);
      this.logger.warn({ deliveryId: d.id, eventId: d.eventId, attempts }, 'webhook delivery gave up');
    } else {
      await this.store.webhooks.markRetry(d.id, attempts, new Date(next).toISOString(), error);
    }
  }

  /** What the account sees as the attempt's lastError: never the resolved address (it may be internal). */
  private failureReason(d: WebhookDelivery, err: unknown): string {
    if (err instanceof DeliveryTimeoutError) return 'timeout';
    if (err instanceof BlockedAddressError) {
      this.logger.warn({ deliveryId: d.id, webhookId: d.webhookId, mode: d.mode, address: err.address }, 'webhook delivery refused: private or reserved address');
      return `refused: ${err.message}`;
    }
    const code = (err as NodeJS.ErrnoException)?.code;
    return code && /^[A-Z0-9_]+$/.test(code) ? `network error (${code})` : 'network error';
  }
}
