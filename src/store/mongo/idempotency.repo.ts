import type { IdempotencyRecord, IdempotencyStore, Scope } from '../types';
import type { MongoModels } from './mongo-models';
import { isDuplicateKeyError, toDate, withIsoExpiry } from './mongo-util';

type BeginResult = { created: true } | { created: false; existing: IdempotencyRecord };

/** A live record that vanishes between the refused insert and the read (TTL, release) is retried. */
const BEGIN_ATTEMPTS = 3;

export class MongoIdempotencyStore implements IdempotencyStore {
  constructor(private readonly m: MongoModels) {}

  async begin(record: IdempotencyRecord, now: string): Promise<BeginResult> {
    const key = { accountId: record.accountId, mode: record.mode, key: record.key };
    for (let attempt = 1; ; attempt++) {
      try {
        // Matches only an expired record (replaced); with none, the upsert inserts. A live record
        // makes the insert hit the unique index, which is the atomic "already there" answer.
        await this.m.idempotency.updateOne(
          { ...key, expiresAt: { $lte: toDate(now) } },
          { $set: { ...record, expiresAt: toDate(record.expiresAt) } },
          { upsert: true },
        );
        return { created: true };
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
      const existing = await this.m.idempotency.findOne(key).lean();
      if (existing) return { created: false, existing: withIsoExpiry(existing) };
      if (attempt >= BEGIN_ATTEMPTS) throw new Error('idempotency record kept changing under begin()');
    }
  }

  async complete(scope: Scope, key: string, responseStatus: number, responseBody: string): Promise<void> {
    await this.m.idempotency.updateOne(
      { accountId: scope.accountId, mode: scope.mode, key },
      { $set: { state: 'done', responseStatus, responseBody } },
    );
  }

  async release(scope: Scope, key: string): Promise<void> {
    // Only an in-progress record is forgotten: a finished response must keep replaying.
    await this.m.idempotency.deleteOne({ accountId: scope.accountId, mode: scope.mode, key, state: 'in_progress' });
  }

  async purgeExpired(now: string): Promise<number> {
    const result = await this.m.idempotency.deleteMany({ expiresAt: { $lte: toDate(now) } });
    return result.deletedCount;
  }
}
