import type { OAuthState, OAuthStateStore } from '../types';
import { resealColumn, type Reseal } from './reseal-column';
import { insertUnique, type Db } from './sqlite-db';

export class SqliteOAuthStateStore implements OAuthStateStore {
  private readonly insertRow;
  private readonly consumeRow;
  private readonly resealVerifiers;

  constructor(db: Db) {
    this.resealVerifiers = resealColumn(db, 'oauth_states', 'codeVerifier');
    this.insertRow = db.prepare<OAuthState>(`INSERT INTO oauth_states
      (stateHash, sessionId, provider, codeVerifier, browserHash, expiresAt, usedAt, createdAt)
      VALUES (@stateHash, @sessionId, @provider, @codeVerifier, @browserHash, @expiresAt, @usedAt, @createdAt)`);
    // Mark and read in one statement, so two callbacks racing on the same state cannot both win.
    this.consumeRow = db.prepare<[string, string], OAuthState>(
      'UPDATE oauth_states SET usedAt = ? WHERE stateHash = ? AND usedAt IS NULL RETURNING *',
    );
  }

  async create(state: OAuthState): Promise<OAuthState> {
    const record: OAuthState = { ...state };
    insertUnique('oauth state', () => this.insertRow.run(record));
    return record;
  }

  async consume(stateHash: string, at: string): Promise<OAuthState | null> {
    return this.consumeRow.get(at, stateHash) ?? null;
  }

  async resealAll(reseal: Reseal): Promise<number> {
    return this.resealVerifiers(reseal);
  }
}
