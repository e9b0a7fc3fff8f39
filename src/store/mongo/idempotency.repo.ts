import type { IdempotencyRecord, IdempotencyStore, Scope } from '../types';
import type { MongoModels } from './mongo-models';
import { isDuplicateKeyError, toDate, withIsoExpiry } from './mongo-util';

type BeginResult = { created: true } | { created: false; existing: IdempotencyRecord };

/** A live record that vanishes between the refused insert and the read (TTL, release) is retried. */
const BEGIN_ATTEMPTS = 3;

/** The in-progress record `owner` holds: the only one it may renew, complete or release. */
const held = (scope: Scope, key: string, owner: string) =>
  ({ accountId: scope.accountId, mode: scope.mode, key, state: 'in_progress' as const, leaseOwner: owner });

export class MongoIdempotencyStore implements IdempotencyStore {
  constructor(private readonly m: MongoModels) {}

  async begin(record: IdempotencyRecord, now: string): Promise<BeginResult> {
    const key = { accountId: record.accountId, mode: record.mode, key: record.key };
    for (let attempt = 1; ; attempt++) {
      try {
        // Matches only a replaceable record: expired, or a lapsed lease of the same request (a
        // missing lease is a record from before leases: lapsed). With none, the upsert inserts; a
        // live record makes the insert hit the unique index, which is the atomic "already there"
        // answer. Of two take-overs, the second no longer matches the renewed lease, so it too
        // ends on the unique index.
        const lapsed = { state: 'in_progress' as const, requestHash: record.requestHash, $or: [{ leaseExpiresAt: null }, { leaseExpiresAt: { $lte: now } }] };
        await this.m.idempotency.updateOne(
          { ...key, $or: [{ expiresAt: { $lte: toDate(now) } }, lapsed] },
          { $set: { ...record, expiresAt: toDate(record.expiresAt) } },
          { upsert: true },
        );
        return { created: true };
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
      const existing = await this.m.idempotency.findOne(key).lean();
      if (existing) {
        // Records from before leases have neither field (lean() applies no schema defaults).
        const record = withIsoExpiry(existing);
        return { created: false, existing: { ...record, leaseExpiresAt: record.leaseExpiresAt ?? null, leaseOwner: record.leaseOwner ?? '' } };
      }
      if (attempt >= BEGIN_ATTEMPTS) throw new Error('idempotency record kept changing under begin()');
    }
  }

  async renewLease(scope: Scope, key: string, owner: string, leaseExpiresAt: string): Promise<boolean> {
    const result = await this.m.idempotency.updateOne(held(scope, key, owner), { $set: { leaseExpiresAt } });
    return result.matchedCount > 0;
  }

  async complete(scope: Scope, key: string, owner: string, responseStatus: number, responseBody: string): Promise<void> {
    await this.m.idempotency.updateOne(held(scope, key, owner), { $set: { state: 'done', leaseExpiresAt: null, responseStatus, responseBody } });
  }

  async release(scope: Scope, key: string, owner: string): Promise<void> {
    // Only an in-progress record is forgotten: a finished response must keep replaying.
    await this.m.idempotency.deleteOne(held(scope, key, owner));
  }

  async resealAll(reseal: (sealed: string) => string): Promise<number> {
    let count = 0;
    const cursor = this.m.idempotency.find({ responseBody: { $type: 'string' } }, { accountId: 1, mode: 1, key: 1, responseBody: 1 }).lean().cursor();
    for await (const row of cursor) {
      const body = row.responseBody as string;
      const next = reseal(body);
      if (next === body) continue;
      // Conditional on the body read: a record rewritten meanwhile is left to its writer.
      const result = await this.m.idempotency.updateOne(
        { accountId: row.accountId, mode: row.mode, key: row.key, responseBody: body },
        { $set: { responseBody: next } },
      );
      count += result.modifiedCount;
    }
    return count;
  }

  async purgeExpired(now: string): Promise<number> {
    const result = await this.m.idempotency.deleteMany({ expiresAt: { $lte: toDate(now) } });
    return result.deletedCount;
  }
}
