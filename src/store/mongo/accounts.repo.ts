import type { Account, AccountStore, ApiKeyRecord, NewApiKey, Scope } from '../types';
import type { MongoModels } from './mongo-models';
import { insertUnique, strip } from './mongo-util';

export class MongoAccountStore implements AccountStore {
  constructor(private readonly m: MongoModels) {}

  async createAccount(input: { id: string; name: string; createdAt: string }): Promise<Account> {
    const account: Account = { id: input.id, name: input.name, createdAt: input.createdAt };
    await insertUnique('account', () => this.m.accounts.create({ ...account }));
    return account;
  }

  async getAccount(id: string): Promise<Account | null> {
    const doc = await this.m.accounts.findOne({ id }).lean();
    return doc ? strip(doc) : null;
  }

  async countAccounts(): Promise<number> {
    return this.m.accounts.countDocuments();
  }

  async createApiKey(input: NewApiKey): Promise<ApiKeyRecord> {
    const key: ApiKeyRecord = {
      id: input.id, accountId: input.accountId, mode: input.mode, hash: input.hash, prefix: input.prefix,
      last4: input.last4, name: input.name ?? null, createdAt: input.createdAt, lastUsedAt: null, revokedAt: null,
    };
    await insertUnique('api key', () => this.m.apiKeys.create({ ...key }));
    return key;
  }

  async findApiKeyByHash(hash: string): Promise<ApiKeyRecord | null> {
    const doc = await this.m.apiKeys.findOne({ hash }).lean();
    return doc ? fromDoc(doc) : null;
  }

  async listApiKeys(scope: Scope): Promise<ApiKeyRecord[]> {
    const docs = await this.m.apiKeys.find({ accountId: scope.accountId, mode: scope.mode }).sort({ createdAt: 1, id: 1 }).lean();
    return docs.map(fromDoc);
  }

  async revokeApiKey(scope: Scope, id: string, at: string): Promise<boolean> {
    const filter = { id, accountId: scope.accountId, mode: scope.mode };
    // The first revocation time is kept; a key already revoked still counts as found.
    const result = await this.m.apiKeys.updateOne({ ...filter, revokedAt: null }, { $set: { revokedAt: at } });
    if (result.matchedCount === 1) return true;
    return (await this.m.apiKeys.countDocuments(filter)) === 1;
  }

  async touchApiKey(id: string, at: string): Promise<void> {
    await this.m.apiKeys.updateOne({ id }, { $set: { lastUsedAt: at } });
  }
}

/** Keys written before names existed have no `name` field: the port says null. */
function fromDoc(doc: ApiKeyRecord): ApiKeyRecord {
  return { ...strip(doc), name: doc.name ?? null };
}
