import type { IdempotencyRecord, IdempotencyStore, Scope } from '../types';
import type { Db } from './sqlite-db';

type BeginResult = { created: true } | { created: false; existing: IdempotencyRecord };

/** Whether begin() may replace the record it found: expired, or a lapsed lease of the same request. */
function replaceable(existing: IdempotencyRecord, record: IdempotencyRecord, now: string): boolean {
  if (existing.expiresAt <= now) return true;
  return existing.state === 'in_progress' && existing.requestHash === record.requestHash
    && (existing.leaseExpiresAt === null || existing.leaseExpiresAt <= now);
}

export class SqliteIdempotencyStore implements IdempotencyStore {
  private readonly beginTx;
  private readonly renewRow;
  private readonly completeRow;
  private readonly releaseRow;
  private readonly resealTx;
  private readonly purgeRows;

  constructor(db: Db) {
    const select = db.prepare<[string, string, string], IdempotencyRecord>(
      'SELECT * FROM idempotency_records WHERE accountId = ? AND mode = ? AND key = ?',
    );
    const replace = db.prepare<IdempotencyRecord>(`INSERT OR REPLACE INTO idempotency_records
      (accountId, mode, key, requestHash, state, leaseExpiresAt, leaseOwner, responseStatus, responseBody, createdAt, expiresAt)
      VALUES (@accountId, @mode, @key, @requestHash, @state, @leaseExpiresAt, @leaseOwner, @responseStatus, @responseBody, @createdAt, @expiresAt)`);
    // Read-then-write under an IMMEDIATE transaction: the write lock is taken before the read,
    // so another process cannot slip its own record (or its own take-over) in between.
    this.beginTx = db.transaction((record: IdempotencyRecord, now: string): BeginResult => {
      const existing = select.get(record.accountId, record.mode, record.key);
      if (existing && !replaceable(existing, record, now)) return { created: false, existing };
      replace.run(record);
      return { created: true };
    });
    const held = "accountId = ? AND mode = ? AND key = ? AND state = 'in_progress' AND leaseOwner = ?";
    this.renewRow = db.prepare<[string, string, string, string, string]>(
      `UPDATE idempotency_records SET leaseExpiresAt = ? WHERE ${held}`,
    );
    this.completeRow = db.prepare<[number, string, string, string, string, string]>(`UPDATE idempotency_records
      SET state = 'done', leaseExpiresAt = NULL, responseStatus = ?, responseBody = ? WHERE ${held}`);
    // Only an in-progress record is forgotten: a finished response must keep replaying.
    this.releaseRow = db.prepare<[string, string, string, string]>(`DELETE FROM idempotency_records WHERE ${held}`);
    const sealed = db.prepare<[], { accountId: string; mode: string; key: string; responseBody: string }>(
      'SELECT accountId, mode, key, responseBody FROM idempotency_records WHERE responseBody IS NOT NULL',
    );
    const rewrite = db.prepare<[string, string, string, string, string]>(
      'UPDATE idempotency_records SET responseBody = ? WHERE accountId = ? AND mode = ? AND key = ? AND responseBody = ?',
    );
    this.resealTx = db.transaction((reseal: (body: string) => string): number => {
      let count = 0;
      for (const row of sealed.all()) {
        const next = reseal(row.responseBody);
        if (next !== row.responseBody) count += rewrite.run(next, row.accountId, row.mode, row.key, row.responseBody).changes;
      }
      return count;
    });
    this.purgeRows = db.prepare<[string]>('DELETE FROM idempotency_records WHERE expiresAt <= ?');
  }

  async begin(record: IdempotencyRecord, now: string): Promise<BeginResult> {
    return this.beginTx.immediate({ ...record }, now);
  }

  async renewLease(scope: Scope, key: string, owner: string, leaseExpiresAt: string): Promise<boolean> {
    return this.renewRow.run(leaseExpiresAt, scope.accountId, scope.mode, key, owner).changes > 0;
  }

  async complete(scope: Scope, key: string, owner: string, responseStatus: number, responseBody: string): Promise<void> {
    this.completeRow.run(responseStatus, responseBody, scope.accountId, scope.mode, key, owner);
  }

  async release(scope: Scope, key: string, owner: string): Promise<void> {
    this.releaseRow.run(scope.accountId, scope.mode, key, owner);
  }

  async resealAll(reseal: (sealed: string) => string): Promise<number> {
    return this.resealTx.immediate(reseal);
  }

  async purgeExpired(now: string): Promise<number> {
    return this.purgeRows.run(now).changes;
  }
}
