import type { Account, AccountStore, ApiKeyRecord, NewApiKey, Scope } from '../types';
import { insertUnique, type Db } from './sqlite-db';

export class SqliteAccountStore implements AccountStore {
  private readonly insertAccount;
  private readonly selectAccount;
  private readonly countAll;
  private readonly insertKey;
  private readonly selectKeyByHash;
  private readonly selectKeys;
  private readonly revokeKey;
  private readonly touchKey;

  constructor(db: Db) {
    this.insertAccount = db.prepare<Account>('INSERT INTO accounts (id, name, createdAt) VALUES (@id, @name, @createdAt)');
    this.selectAccount = db.prepare<[string], Account>('SELECT id, name, createdAt FROM accounts WHERE id = ?');
    this.countAll = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM accounts');
    this.insertKey = db.prepare<ApiKeyRecord>(`INSERT INTO api_keys
      (id, accountId, mode, hash, prefix, last4, name, createdAt, lastUsedAt, revokedAt)
      VALUES (@id, @accountId, @mode, @hash, @prefix, @last4, @name, @createdAt, @lastUsedAt, @revokedAt)`);
    this.selectKeyByHash = db.prepare<[string], ApiKeyRecord>('SELECT * FROM api_keys WHERE hash = ?');
    this.selectKeys = db.prepare<[string, string], ApiKeyRecord>(
      'SELECT * FROM api_keys WHERE accountId = ? AND mode = ? ORDER BY createdAt, id',
    );
    this.revokeKey = db.prepare<[string, string, string, string]>(
      // COALESCE keeps the first revocation time; the row still counts as found.
      'UPDATE api_keys SET revokedAt = COALESCE(revokedAt, ?) WHERE id = ? AND accountId = ? AND mode = ?',
    );
    this.touchKey = db.prepare<[string, string]>('UPDATE api_keys SET lastUsedAt = ? WHERE id = ?');
  }

  async createAccount(input: { id: string; name: string; createdAt: string }): Promise<Account> {
    const account: Account = { id: input.id, name: input.name, createdAt: input.createdAt };
    insertUnique('account', () => this.insertAccount.run(account));
    return account;
  }

  async getAccount(id: string): Promise<Account | null> {
    return this.selectAccount.get(id) ?? null;
  }

  async countAccounts(): Promise<number> {
    return this.countAll.get()?.n ?? 0;
  }

  async createApiKey(input: NewApiKey): Promise<ApiKeyRecord> {
    const key: ApiKeyRecord = {
      id: input.id, accountId: input.accountId, mode: input.mode, hash: input.hash, prefix: input.prefix,
      last4: input.last4, name: input.name ?? null, createdAt: input.createdAt, lastUsedAt: null, revokedAt: null,
    };
    insertUnique('api key', () => this.insertKey.run(key));
    return key;
  }

  async findApiKeyByHash(hash: string): Promise<ApiKeyRecord | null> {
    return this.selectKeyByHash.get(hash) ?? null;
  }

  async listApiKeys(scope: Scope): Promise<ApiKeyRecord[]> {
    return this.selectKeys.all(scope.accountId, scope.mode);
  }

  async revokeApiKey(scope: Scope, id: string, at: string): Promise<boolean> {
    return this.revokeKey.run(at, id, scope.accountId, scope.mode).changes === 1;
  }

  async touchApiKey(id: string, at: string): Promise<void> {
    this.touchKey.run(at, id);
  }
}
