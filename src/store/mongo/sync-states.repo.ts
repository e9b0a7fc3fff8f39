import type { Scope, SyncState, SyncStateStore, SyncWatermark } from '../types';
import type { MongoModels, SyncStateDoc } from './mongo-models';
import { isDuplicateKeyError } from './mongo-util';

function toState(doc: SyncStateDoc): SyncState {
  const { watermarkAt, watermarkId, ...rest } = doc as SyncStateDoc & { _id?: unknown };
  delete (rest as { _id?: unknown })._id;
  return { ...rest, watermark: { updatedAt: watermarkAt, id: watermarkId } };
}

export class MongoSyncStateStore implements SyncStateStore {
  constructor(private readonly m: MongoModels) {}

  async start(state: SyncState): Promise<SyncState> {
    const { watermark, ...rest } = state;
    try {
      await this.m.syncStates.create({ ...rest, watermarkAt: watermark.updatedAt, watermarkId: watermark.id });
    } catch (err) {
      // The unique (connectionId, resource) index: someone started it first; theirs is kept.
      if (!isDuplicateKeyError(err)) throw err;
    }
    return (await this.get(state.connectionId, state.resource))!;
  }

  async get(connectionId: string, resource: string): Promise<SyncState | null> {
    const doc = await this.m.syncStates.findOne({ connectionId, resource }).lean();
    return doc ? toState(doc) : null;
  }

  async listForConnection(scope: Scope, connectionId: string): Promise<SyncState[]> {
    const docs = await this.m.syncStates.find({ connectionId, accountId: scope.accountId, mode: scope.mode }).sort({ resource: 1 }).lean();
    return docs.map(toState);
  }

  async advance(connectionId: string, resource: string, watermark: SyncWatermark): Promise<boolean> {
    // Forward only, as one conditional update: a late sweeper can never move it back.
    const res = await this.m.syncStates.updateOne(
      { connectionId, resource, $or: [{ watermarkAt: { $lt: watermark.updatedAt } }, { watermarkAt: watermark.updatedAt, watermarkId: { $lt: watermark.id } }] },
      { $set: { watermarkAt: watermark.updatedAt, watermarkId: watermark.id } },
    );
    return res.modifiedCount === 1;
  }

  async advanceDeletions(connectionId: string, resource: string, until: string): Promise<boolean> {
    const res = await this.m.syncStates.updateOne(
      { connectionId, resource, $or: [{ deletionsUntil: null }, { deletionsUntil: { $lt: until } }] },
      { $set: { deletionsUntil: until } },
    );
    return res.modifiedCount === 1;
  }

  async finishSweep(connectionId: string, resource: string, end: { at: string; caughtUpAt: string | null; lastError: SyncState['lastError'] }): Promise<void> {
    const set: Record<string, unknown> = { lastSweepAt: end.at, lastError: end.lastError };
    if (end.caughtUpAt !== null) set.caughtUpAt = end.caughtUpAt;
    await this.m.syncStates.updateOne({ connectionId, resource }, { $set: set });
  }

  async deleteForConnection(connectionId: string): Promise<number> {
    return (await this.m.syncStates.deleteMany({ connectionId })).deletedCount;
  }
}
