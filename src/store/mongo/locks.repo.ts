import type { LockStore } from '../types';
import type { MongoModels } from './mongo-models';
import { isDuplicateKeyError } from './mongo-util';

export class MongoLockStore implements LockStore {
  constructor(private readonly m: MongoModels) {}

  async acquire(name: string, owner: string, ttlMs: number): Promise<boolean> {
    // The port takes no time argument; the lease runs on this process's clock.
    const now = Date.now();
    try {
      // Matches a lock we hold or one whose lease ran out; otherwise the upsert tries to insert
      // and the unique index on name refuses it: that refusal is "held by someone else".
      await this.m.locks.updateOne(
        { name, $or: [{ owner }, { expiresAt: { $lte: new Date(now) } }] },
        { $set: { owner, expiresAt: new Date(now + ttlMs) } },
        { upsert: true },
      );
      return true;
    } catch (err) {
      if (isDuplicateKeyError(err)) return false;
      throw err;
    }
  }

  async release(name: string, owner: string): Promise<void> {
    await this.m.locks.deleteOne({ name, owner });
  }
}
