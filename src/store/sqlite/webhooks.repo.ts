import type { Scope, Webhook, WebhookDelivery, WebhookStore } from '../types';
import { resealColumn, type Reseal } from './reseal-column';
import { fromJson, insertUnique, type Db } from './sqlite-db';
import { subscriptionPatterns } from '../subscription-patterns';

type WebhookRow = Omit<Webhook, 'events'> & { events: string };

const toWebhook = (row: WebhookRow): Webhook => ({ ...row, events: fromJson<string[]>(row.events) });

export class SqliteWebhookStore implements WebhookStore {
  private readonly insertWebhook;
  private readonly selectWebhook;
  private readonly selectWebhooks;
  private readonly selectForEvent;
  private readonly deleteWebhook;
  private readonly enqueueTx;
  private readonly claimTx;
  private readonly deliveredRow;
  private readonly retryRow;
  private readonly failedRow;
  private readonly selectDeliveries;
  private readonly resealSecrets;

  constructor(db: Db) {
    this.resealSecrets = resealColumn(db, 'webhooks', 'secret');
    this.insertWebhook = db.prepare<WebhookRow>(`INSERT INTO webhooks (id, accountId, mode, url, events, secret, createdAt)
      VALUES (@id, @accountId, @mode, @url, @events, @secret, @createdAt)`);
    this.selectWebhook = db.prepare<[string, string, string], WebhookRow>(
      'SELECT * FROM webhooks WHERE id = ? AND accountId = ? AND mode = ?',
    );
    this.selectWebhooks = db.prepare<[string, string], WebhookRow>(
      'SELECT * FROM webhooks WHERE accountId = ? AND mode = ? ORDER BY createdAt, id',
    );
    this.selectForEvent = db.prepare<[string, string, string], WebhookRow>(`SELECT * FROM webhooks
      WHERE accountId = ? AND mode = ? AND EXISTS (SELECT 1 FROM json_each(webhooks.events) WHERE value IN (SELECT value FROM json_each(?)))
      ORDER BY createdAt, id`);
    // Deliveries are removed with their webhook by the foreign key's ON DELETE CASCADE.
    this.deleteWebhook = db.prepare<[string, string, string]>('DELETE FROM webhooks WHERE id = ? AND accountId = ? AND mode = ?');

    const insertDelivery = db.prepare<WebhookDelivery>(`INSERT INTO webhook_deliveries
      (id, eventId, webhookId, accountId, mode, type, payload, status, attempts, nextAttemptAt, lastError, createdAt, deliveredAt)
      VALUES (@id, @eventId, @webhookId, @accountId, @mode, @type, @payload, @status, @attempts, @nextAttemptAt,
       @lastError, @createdAt, @deliveredAt)`);
    this.enqueueTx = db.transaction((deliveries: WebhookDelivery[]) => {
      for (const d of deliveries) insertUnique('webhook delivery', () => insertDelivery.run(d));
    });

    const selectDue = db.prepare<[string, number], WebhookDelivery>(`SELECT * FROM webhook_deliveries
      WHERE status = 'pending' AND nextAttemptAt <= ? ORDER BY nextAttemptAt, createdAt, id LIMIT ?`);
    const lease = db.prepare<[string, string]>('UPDATE webhook_deliveries SET nextAttemptAt = ? WHERE id = ?');
    // IMMEDIATE: the select and the lease happen under the write lock, so two workers
    // (even in two processes) never claim the same delivery.
    this.claimTx = db.transaction((now: string, leaseUntil: string, limit: number): WebhookDelivery[] => {
      const due = selectDue.all(now, limit);
      for (const d of due) lease.run(leaseUntil, d.id);
      return due.map((d) => ({ ...d, nextAttemptAt: leaseUntil }));
    });

    this.deliveredRow = db.prepare<[string, number, string]>(
      "UPDATE webhook_deliveries SET status = 'delivered', deliveredAt = ?, attempts = ? WHERE id = ?",
    );
    this.retryRow = db.prepare<[number, string, string, string]>(
      'UPDATE webhook_deliveries SET attempts = ?, nextAttemptAt = ?, lastError = ? WHERE id = ?',
    );
    this.failedRow = db.prepare<[number, string, string]>(
      "UPDATE webhook_deliveries SET status = 'failed', attempts = ?, lastError = ? WHERE id = ?",
    );
    this.selectDeliveries = db.prepare<[string, string, string], WebhookDelivery>(`SELECT * FROM webhook_deliveries
      WHERE accountId = ? AND mode = ? AND webhookId = ? ORDER BY createdAt, id`);
  }

  async create(webhook: Webhook): Promise<Webhook> {
    const record: Webhook = { ...webhook, events: [...webhook.events] };
    insertUnique('webhook', () => this.insertWebhook.run({ ...record, events: JSON.stringify(record.events) }));
    return record;
  }

  async get(scope: Scope, id: string): Promise<Webhook | null> {
    const row = this.selectWebhook.get(id, scope.accountId, scope.mode);
    return row ? toWebhook(row) : null;
  }

  async list(scope: Scope): Promise<Webhook[]> {
    return this.selectWebhooks.all(scope.accountId, scope.mode).map(toWebhook);
  }

  async listForEvent(scope: Scope, type: string): Promise<Webhook[]> {
    return this.selectForEvent.all(scope.accountId, scope.mode, JSON.stringify(subscriptionPatterns(type))).map(toWebhook);
  }

  async delete(scope: Scope, id: string): Promise<boolean> {
    return this.deleteWebhook.run(id, scope.accountId, scope.mode).changes === 1;
  }

  async enqueue(deliveries: WebhookDelivery[]): Promise<void> {
    this.enqueueTx(deliveries);
  }

  async claimDue(now: string, leaseUntil: string, limit: number): Promise<WebhookDelivery[]> {
    return this.claimTx.immediate(now, leaseUntil, limit);
  }

  async markDelivered(id: string, at: string, attempts: number): Promise<void> {
    this.deliveredRow.run(at, attempts, id);
  }

  async markRetry(id: string, attempts: number, nextAttemptAt: string, error: string): Promise<void> {
    this.retryRow.run(attempts, nextAttemptAt, error, id);
  }

  async markFailed(id: string, attempts: number, error: string): Promise<void> {
    this.failedRow.run(attempts, error, id);
  }

  async listDeliveries(scope: Scope, webhookId: string): Promise<WebhookDelivery[]> {
    return this.selectDeliveries.all(scope.accountId, scope.mode, webhookId);
  }

  async resealAll(reseal: Reseal): Promise<number> {
    return this.resealSecrets(reseal);
  }
}
