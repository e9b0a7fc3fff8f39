import type { EndUser, EndUserStore, Scope } from '../types';
import type { Db } from './sqlite-db';

interface UpsertParams {
  accountId: string; mode: string; endUserId: string;
  email: string | null; name: string | null; setEmail: 0 | 1; setName: 0 | 1; at: string;
}

export class SqliteEndUserStore implements EndUserStore {
  private readonly upsertRow;
  private readonly selectRow;
  private readonly deleteRow;

  constructor(db: Db) {
    // One statement, so a concurrent first upsert of the same end user cannot fail on the key.
    this.upsertRow = db.prepare<UpsertParams, EndUser>(`INSERT INTO end_users
      (accountId, mode, endUserId, email, name, createdAt, updatedAt)
      VALUES (@accountId, @mode, @endUserId, @email, @name, @at, @at)
      ON CONFLICT (accountId, mode, endUserId) DO UPDATE SET
        email = CASE WHEN @setEmail THEN excluded.email ELSE end_users.email END,
        name = CASE WHEN @setName THEN excluded.name ELSE end_users.name END,
        updatedAt = excluded.updatedAt
      RETURNING *`);
    this.selectRow = db.prepare<[string, string, string], EndUser>(
      'SELECT * FROM end_users WHERE accountId = ? AND mode = ? AND endUserId = ?',
    );
    this.deleteRow = db.prepare<[string, string, string]>(
      'DELETE FROM end_users WHERE accountId = ? AND mode = ? AND endUserId = ?',
    );
  }

  async upsert(scope: Scope, endUserId: string, patch: { email?: string | null; name?: string | null }, at: string): Promise<EndUser> {
    const row = this.upsertRow.get({
      accountId: scope.accountId, mode: scope.mode, endUserId,
      email: patch.email ?? null, name: patch.name ?? null,
      setEmail: patch.email === undefined ? 0 : 1, setName: patch.name === undefined ? 0 : 1, at,
    });
    if (!row) throw new Error('end user upsert returned no row');
    return row;
  }

  async get(scope: Scope, endUserId: string): Promise<EndUser | null> {
    return this.selectRow.get(scope.accountId, scope.mode, endUserId) ?? null;
  }

  async delete(scope: Scope, endUserId: string): Promise<boolean> {
    return this.deleteRow.run(scope.accountId, scope.mode, endUserId).changes === 1;
  }
}
