import type { Scope, Webhook, WebhookDelivery, WebhookStore } from '../types';
import type { MongoModels } from './mongo-models';
import { insertUnique, strip } from './mongo-util';
import { resealField } from './reseal-field';
import { subscriptionPatterns } from '../subscription-patterns';

export class MongoWebhookStore implements WebhookStore {
  constructor(private readonly m: MongoModels) {}

  async create(webhook: Webhook): Promise<Webhook> {
    const record: Webhook = { ...webhook, events: [...webhook.events] };
    await insertUnique('webhook', () => this.m.webhooks.create({ ...record, events: [...record.events] }));
    return record;
  }

  async get(scope: Scope, id: string): Promise<Webhook | null> {
    const doc = await this.m.webhooks.findOne({ id, accountId: scope.accountId, mode: scope.mode }).lean();
    return doc ? strip(doc) : null;
  }

  async list(scope: Scope): Promise<Webhook[]> {
    const docs = await this.m.webhooks.find({ accountId: scope.accountId, mode: scope.mode }).sort({ createdAt: 1, id: 1 }).lean();
    return docs.map(strip);
  }

  async listForEvent(scope: Scope, type: string): Promise<Webhook[]> {
    // $in on an array field matches when any element is one of the patterns.
    const events = { $in: subscriptionPatterns(type) };
    const docs = await this.m.webhooks.find({ accountId: scope.accountId, mode: scope.mode, events }).sort({ createdAt: 1, id: 1 }).lean();
    return docs.map(strip);
  }

  async delete(scope: Scope, id: string): Promise<boolean> {
    const scoped = { accountId: scope.accountId, mode: scope.mode };
    const result = await this.m.webhooks.deleteOne({ ...scoped, id });
    if (result.deletedCount !== 1) return false;
    // Deliveries go with their webhook (the sqlite adapter does this by foreign key).
    await this.m.deliveries.deleteMany({ ...scoped, webhookId: id });
    return true;
  }

  async enqueue(deliveries: WebhookDelivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    await insertUnique('webhook delivery', () => this.m.deliveries.insertMany(deliveries.map((d) => ({ ...d }))));
  }

  async claimDue(now: string, leaseUntil: string, limit: number): Promise<WebhookDelivery[]> {
    // One atomic findOneAndUpdate per delivery: each is leased by exactly one worker, without
    // needing a multi-document transaction. Ids already taken are excluded in case the lease
    // ends before `now`.
    const claimed: WebhookDelivery[] = [];
    while (claimed.length < limit) {
      const doc = await this.m.deliveries.findOneAndUpdate(
        { status: 'pending', nextAttemptAt: { $lte: now }, id: { $nin: claimed.map((d) => d.id) } },
        { $set: { nextAttemptAt: leaseUntil } },
        { sort: { nextAttemptAt: 1, createdAt: 1, id: 1 }, returnDocument: 'after' },
      ).lean();
      if (!doc) break;
      claimed.push(strip(doc));
    }
    return claimed;
  }

  async markDelivered(id: string, at: string, attempts: number): Promise<void> {
    await this.m.deliveries.updateOne({ id }, { $set: { status: 'delivered', deliveredAt: at, attempts } });
  }

  async markRetry(id: string, attempts: number, nextAttemptAt: string, error: string): Promise<void> {
    await this.m.deliveries.updateOne({ id }, { $set: { attempts, nextAttemptAt, lastError: error } });
  }

  async markFailed(id: string, attempts: number, error: string): Promise<void> {
    await this.m.deliveries.updateOne({ id }, { $set: { status: 'failed', attempts, lastError: error } });
  }

  async listDeliveries(scope: Scope, webhookId: string): Promise<WebhookDelivery[]> {
    const docs = await this.m.deliveries.find({ accountId: scope.accountId, mode: scope.mode, webhookId }).sort({ createdAt: 1, id: 1 }).lean();
    return docs.map(strip);
  }

  async resealAll(reseal: (sealed: string) => string): Promise<number> {
    return resealField(this.m.webhooks, 'id', 'secret', reseal);
  }
}
