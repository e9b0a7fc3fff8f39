import type { LockStore } from '../types';
import type { Db } from './sqlite-db';

export class SqliteLockStore implements LockStore {
  private readonly acquireRow;
  private readonly releaseRow;

  constructor(db: Db) {
    // One upsert whose DO UPDATE only fires for the same owner or an expired lease: a refused
    // acquire changes no row. ISO strings of the same format compare correctly as text.
    this.acquireRow = db.prepare<{ name: string; owner: string; expiresAt: string; now: string }>(`INSERT INTO locks (name, owner, expiresAt)
      VALUES (@name, @owner, @expiresAt)
      ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expiresAt = excluded.expiresAt
      WHERE locks.owner = excluded.owner OR locks.expiresAt <= @now`);
    this.releaseRow = db.prepare<[string, string]>('DELETE FROM locks WHERE name = ? AND owner = ?');
  }

  async acquire(name: string, owner: string, ttlMs: number): Promise<boolean> {
    // The port takes no time argument; the lease runs on this process's clock.
    const now = Date.now();
    const result = this.acquireRow.run({
      name, owner, now: new Date(now).toISOString(), expiresAt: new Date(now + ttlMs).toISOString(),
    });
    return result.changes === 1;
  }

  async release(name: string, owner: string): Promise<void> {
    this.releaseRow.run(name, owner);
  }
}
