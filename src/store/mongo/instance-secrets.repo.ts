import type { InstanceSecretStore } from '../types';
import type { MongoModels } from './mongo-models';
import { isDuplicateKeyError } from './mongo-util';
import { resealField } from './reseal-field';

export class MongoInstanceSecretStore implements InstanceSecretStore {
  constructor(private readonly m: MongoModels) {}

  async getOrCreate(name: string, sealed: string, at: string): Promise<string> {
    try {
      // $setOnInsert: an existing value is never replaced; the unique index settles a race.
      const doc = await this.m.instanceSecrets.findOneAndUpdate(
        { name }, { $setOnInsert: { name, sealed, createdAt: at } }, { upsert: true, returnDocument: 'after' },
      ).lean();
      return doc!.sealed;
    } catch (err) {
      // Two processes upserting at once: one inserts, the other hits the unique index and reads.
      if (!isDuplicateKeyError(err)) throw err;
      const doc = await this.m.instanceSecrets.findOne({ name }).lean();
      return doc!.sealed;
    }
  }

  async resealAll(reseal: (sealed: string) => string): Promise<number> {
    return resealField(this.m.instanceSecrets, 'name', 'sealed', reseal);
  }
}
