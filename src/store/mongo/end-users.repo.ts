import type { EndUser, EndUserStore, Scope } from '../types';
import type { MongoModels } from './mongo-models';
import { strip } from './mongo-util';

export class MongoEndUserStore implements EndUserStore {
  constructor(private readonly m: MongoModels) {}

  async upsert(scope: Scope, endUserId: string, patch: { email?: string | null; name?: string | null }, at: string): Promise<EndUser> {
    // A field not given is only written when the end user is created (as null), never overwritten.
    const set: Partial<EndUser> = { updatedAt: at };
    const setOnInsert: Partial<EndUser> = { createdAt: at };
    (patch.email === undefined ? setOnInsert : set).email = patch.email ?? null;
    (patch.name === undefined ? setOnInsert : set).name = patch.name ?? null;
    // Equality on every field of the unique index: MongoDB retries a racing upsert itself
    // instead of failing it with a duplicate key.
    const doc = await this.m.endUsers.findOneAndUpdate(
      { accountId: scope.accountId, mode: scope.mode, endUserId },
      { $set: set, $setOnInsert: setOnInsert },
      { upsert: true, returnDocument: 'after', setDefaultsOnInsert: false },
    ).lean();
    if (!doc) throw new Error('end user upsert returned no document');
    return strip(doc);
  }

  async get(scope: Scope, endUserId: string): Promise<EndUser | null> {
    const doc = await this.m.endUsers.findOne({ accountId: scope.accountId, mode: scope.mode, endUserId }).lean();
    return doc ? strip(doc) : null;
  }

  async delete(scope: Scope, endUserId: string): Promise<boolean> {
    const result = await this.m.endUsers.deleteOne({ accountId: scope.accountId, mode: scope.mode, endUserId });
    return result.deletedCount === 1;
  }
}
