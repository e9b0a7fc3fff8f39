import type { InFlightWrite, InFlightWriteStore } from '../types';
import type { Db } from './sqlite-db';

export class SqliteInFlightWriteStore implements InFlightWriteStore {
  private readonly insert;
  private readonly remove;
  private readonly active;
  private readonly purge;

  constructor(db: Db) {
    this.insert = db.prepare<InFlightWrite>('INSERT OR REPLACE INTO in_flight_writes (id, connectionId, resource, expiresAt) VALUES (@id, @connectionId, @resource, @expiresAt)');
    this.remove = db.prepare<[string]>('DELETE FROM in_flight_writes WHERE id = ?');
    this.active = db.prepare<[string, string, string], { n: number }>('SELECT 1 AS n FROM in_flight_writes WHERE connectionId = ? AND resource = ? AND expiresAt > ? LIMIT 1');
    this.purge = db.prepare<[string]>('DELETE FROM in_flight_writes WHERE expiresAt <= ?');
  }

  async begin(write: InFlightWrite): Promise<void> { this.insert.run(write); }

  async end(id: string): Promise<void> { this.remove.run(id); }

  async anyUnderWay(connectionId: string, resource: string, now: string): Promise<boolean> {
    return this.active.get(connectionId, resource, now) !== undefined;
  }

  async purgeExpired(now: string): Promise<number> { return this.purge.run(now).changes; }
}
