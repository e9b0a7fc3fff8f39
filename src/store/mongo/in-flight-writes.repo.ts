import type { InFlightWrite, InFlightWriteStore } from '../types';
import type { MongoModels } from './mongo-models';

export class MongoInFlightWriteStore implements InFlightWriteStore {
  constructor(private readonly m: MongoModels) {}

  async begin(write: InFlightWrite): Promise<void> {
    await this.m.inFlightWrites.updateOne({ id: write.id }, { $set: { ...write, expiresAt: new Date(write.expiresAt) } }, { upsert: true });
  }

  async end(id: string): Promise<void> {
    await this.m.inFlightWrites.deleteOne({ id });
  }

  async anyUnderWay(connectionId: string, resource: string, now: string): Promise<boolean> {
    return (await this.m.inFlightWrites.exists({ connectionId, resource, expiresAt: { $gt: new Date(now) } })) !== null;
  }

  async purgeExpired(now: string): Promise<number> {
    return (await this.m.inFlightWrites.deleteMany({ expiresAt: { $lte: new Date(now) } })).deletedCount;
  }
}
