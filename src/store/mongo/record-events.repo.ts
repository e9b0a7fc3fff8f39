import type { QueryFilter } from 'mongoose';
import type { RecordEvent, RecordEventFilter, RecordEventPosition, RecordEventStore, Scope, WebhookDelivery } from '../types';
import type { MongoModels, RecordEventDoc } from './mongo-models';
import { isDuplicateKeyError, toDate, withIsoExpiry } from './mongo-util';

export class MongoRecordEventStore implements RecordEventStore {
  constructor(private readonly m: MongoModels) {}

  async record(event: RecordEvent, deliveries: WebhookDelivery[]): Promise<boolean> {
    // Without a multi-document transaction (no replica set needed): the event first, so a repeat
    // of the change finds it and adds nothing; its deliveries have deterministic ids, so a
    // duplicate among them is skipped, never sent twice.
    try {
      await this.m.recordEvents.create({ ...event, expiresAt: toDate(event.expiresAt) });
    } catch (err) {
      if (isDuplicateKeyError(err)) return false;
      throw err;
    }
    await this.insertDeliveries(deliveries);
    return true;
  }

  async upgrade(event: RecordEvent, deliveries: WebhookDelivery[]): Promise<boolean> {
    // Without a transaction: a delivery claimed between the check and the rewrite keeps the payload
    // it was claimed with (sent as the less specific type), as when the check had found it claimed.
    const claimed: QueryFilter<WebhookDelivery> = {
      eventId: event.id, $or: [{ status: { $ne: 'pending' } }, { attempts: { $gt: 0 } }, { $expr: { $ne: ['$nextAttemptAt', '$createdAt'] } }],
    };
    if (await this.m.deliveries.exists(claimed)) return false;
    const res = await this.m.recordEvents.updateOne({ id: event.id }, { $set: { type: event.type, source: event.source, payload: event.payload } });
    if (res.matchedCount !== 1) return false;
    await this.m.deliveries.deleteMany({ eventId: event.id });
    await this.insertDeliveries(deliveries);
    return true;
  }

  /** Deliveries have deterministic ids: one already there is skipped, never sent twice. */
  private async insertDeliveries(deliveries: WebhookDelivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    try {
      await this.m.deliveries.insertMany(deliveries.map((d) => ({ ...d })), { ordered: false });
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
  }

  async get(scope: Scope, id: string): Promise<RecordEvent | null> {
    const doc = await this.m.recordEvents.findOne({ id, accountId: scope.accountId, mode: scope.mode }).lean();
    return doc ? withIsoExpiry(doc) as RecordEvent : null;
  }

  async list(scope: Scope, filter: RecordEventFilter, limit: number, after?: RecordEventPosition): Promise<RecordEvent[]> {
    // MongoDB reads limit(0) as "no limit"; the port means "none", as in SQL.
    if (limit <= 0 || (filter.types && filter.types.length === 0)) return [];
    const query: QueryFilter<RecordEventDoc> = { accountId: scope.accountId, mode: scope.mode };
    if (filter.types) query.type = { $in: filter.types };
    if (filter.connectionId) query.connectionId = filter.connectionId;
    if (after) query.$or = [{ createdAt: { $gt: after.createdAt } }, { createdAt: after.createdAt, id: { $gt: after.id } }];
    const docs = await this.m.recordEvents.find(query).sort({ createdAt: 1, id: 1 }).limit(limit).lean();
    return docs.map((d) => withIsoExpiry(d) as RecordEvent);
  }

  async purgeExpired(now: string): Promise<number> {
    // The TTL index does this on its own (about once a minute); the sweep makes it exact.
    const result = await this.m.recordEvents.deleteMany({ expiresAt: { $lte: toDate(now) } });
    return result.deletedCount;
  }
}
