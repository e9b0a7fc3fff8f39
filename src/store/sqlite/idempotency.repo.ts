import type { IdempotencyRecord, IdempotencyStore, Scope } from '../types';
import type { Db } from './sqlite-db';

type BeginResult = { created: true } | { created: false; existing: IdempotencyRecord };

export class SqliteIdempotencyStore implements IdempotencyStore {
  private readonly beginTx;
  private readonly completeRow;
  private readonly releaseRow;
  private readonly purgeRows;

  constructor(db: Db) {
    const select = db.prepare<[string, string, string], IdempotencyRecord>(
      'SELECT * FROM idempotency_records WHERE accountId = ? AND mode = ? AND key = ?',
    );
    const replace = db.prepare<IdempotencyRecord>(`INSERT OR REPLACE INTO idempotency_records
      (accountId, mode, key, requestHash, state, responseStatus, responseBody, createdAt, expiresAt)
      VALUES (@accountId, @mode, @key, @requestHash, @state, @responseStatus, @responseBody, @createdAt, @expiresAt)`);
    // Read-then-write under an IMMEDIATE transaction: the write lock is taken before the read,
    // so another process cannot slip its own record in between.
    this.beginTx = db.transaction((record: IdempotencyRecord, now: string): BeginResult => {
      const existing = select.get(record.accountId, record.mode, record.key);
      if (existing && existing.expiresAt > now) return { created: false, existing };
      replace.run(record);
      return { created: true };
    });
    this.completeRow = db.prepare<[number, string, string, string, string]>(`UPDATE idempotency_records
      SET state = 'done', responseStatus = ?, responseBody = ? WHERE accountId = ? AND mode = ? AND key = ?`);
    // Only an in-progress record is forgotten: a finished response must keep replaying.
    this.releaseRow = db.prepare<[string, string, string]>(
      "DELETE FROM idempotency_records WHERE accountId = ? AND mode = ? AND key = ? AND state = 'in_progress'",
    );
    this.purgeRows = db.prepare<[string]>('DELETE FROM idempotency_records WHERE expiresAt <= ?');
  }

  async begin(record: IdempotencyRecord, now: string): Promise<BeginResult> {
    return this.beginTx.immediate({ ...record }, now);
  }

  async complete(scope: Scope, key: string, responseStatus: number, responseBody: string): Promise<void> {
    this.completeRow.run(responseStatus, responseBody, scope.accountId, scope.mode, key);
  }

  async release(scope: Scope, key: string): Promise<void> {
    this.releaseRow.run(scope.accountId, scope.mode, key);
  }

  async purgeExpired(now: string): Promise<number> {
    return this.purgeRows.run(now).changes;
  }
}
