import type { Mode } from '../types';
import type { ProviderWebhookDelivery, ProviderWebhookDeliveryStore } from '../provider-webhook-deliveries';
import type { MongoModels } from './mongo-models';
import { isDuplicateKeyError, strip } from './mongo-util';

const leaseFree = (now: string) => ({ $or: [{ leaseExpiresAt: null }, { leaseExpiresAt: { $lte: now } }] });

export class MongoProviderWebhookDeliveryStore implements ProviderWebhookDeliveryStore {
  constructor(private readonly m: MongoModels) {}

  async insertOnce(delivery: ProviderWebhookDelivery): Promise<boolean> {
    try {
      await this.m.providerWebhookDeliveries.create(delivery);
      return true;
    } catch (err) {
      if (isDuplicateKeyError(err)) return false;
      throw err;
    }
  }

  async get(id: string): Promise<ProviderWebhookDelivery | null> {
    const doc = await this.m.providerWebhookDeliveries.findOne({ id }).lean();
    return doc ? strip(doc) as ProviderWebhookDelivery : null;
  }

  async listDue(now: string, limit: number): Promise<ProviderWebhookDelivery[]> {
    const docs = await this.m.providerWebhookDeliveries.find({ status: 'pending', nextAttemptAt: { $lte: now }, ...leaseFree(now) })
      .sort({ receivedAt: 1, id: 1 }).limit(limit).lean();
    return docs.map((d) => strip(d) as ProviderWebhookDelivery);
  }

  async claim(id: string, owner: string, leaseExpiresAt: string, now: string): Promise<boolean> {
    const r = await this.m.providerWebhookDeliveries.updateOne({ id, status: 'pending', ...leaseFree(now) }, { $set: { leaseOwner: owner, leaseExpiresAt } });
    return r.modifiedCount === 1;
  }

  async finish(id: string, owner: string, status: 'done' | 'failed', at: string, lastError: string | null): Promise<void> {
    await this.m.providerWebhookDeliveries.updateOne({ id, leaseOwner: owner },
      { $set: { status, completedAt: at, lastError, leaseOwner: null, leaseExpiresAt: null } });
  }

  async retryLater(id: string, owner: string, nextAttemptAt: string, lastError: string): Promise<void> {
    await this.m.providerWebhookDeliveries.updateOne({ id, leaseOwner: owner },
      { $inc: { attempts: 1 }, $set: { nextAttemptAt, lastError, leaseOwner: null, leaseExpiresAt: null } });
  }

  async connectionIdsFor(mode: Mode, provider: string, providerAccountId: string): Promise<string[]> {
    const docs = await this.m.connections.find({ mode, provider, providerAccountId, status: 'active' }, { id: 1 }).sort({ id: 1 }).lean();
    return docs.map((d) => d.id);
  }

  async purgeFinished(before: string): Promise<number> {
    const r = await this.m.providerWebhookDeliveries.deleteMany({ status: { $ne: 'pending' }, receivedAt: { $lt: before } });
    return r.deletedCount;
  }
}
