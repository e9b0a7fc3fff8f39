import type { Account, ApiKeyRecord, Mode, Scope, Store } from '../store/types';
import { generateApiKey, newId, sha256Hex } from './api-keys';

export interface IssuedKey { record: ApiKeyRecord; key: string }

/** The name of the keys an account is created with, so they can be told from keys made later. */
export const DEFAULT_KEY_NAME = 'Default key';

/** Accounts and their secret keys. The full key exists only in the return value of `issueKey`. */
export class AccountService {
  constructor(private readonly store: Store, private readonly now: () => Date = () => new Date()) {}

  async createAccount(name: string): Promise<Account> {
    return this.store.accounts.createAccount({ id: newId('acct'), name, createdAt: this.now().toISOString() });
  }

  async issueKey(accountId: string, mode: Mode, name: string | null = null): Promise<IssuedKey> {
    const key = generateApiKey(mode);
    const record = await this.store.accounts.createApiKey({
      id: newId('key'), accountId, mode, hash: sha256Hex(key), prefix: `sk_${mode}_`, last4: key.slice(-4), name,
      createdAt: this.now().toISOString(),
    });
    return { record, key };
  }

  /** An account with one live and one test key (the admin CLI and the demo account). */
  async createAccountWithKeys(name: string): Promise<{ account: Account; live: IssuedKey; test: IssuedKey }> {
    const account = await this.createAccount(name);
    return {
      account,
      live: await this.issueKey(account.id, 'live', DEFAULT_KEY_NAME),
      test: await this.issueKey(account.id, 'test', DEFAULT_KEY_NAME),
    };
  }

  listKeys(scope: Scope): Promise<ApiKeyRecord[]> { return this.store.accounts.listApiKeys(scope); }

  revokeKey(scope: Scope, id: string): Promise<boolean> {
    return this.store.accounts.revokeApiKey(scope, id, this.now().toISOString());
  }
}

/** The public view of a key: never the key or its hash. */
export function publicKey(r: ApiKeyRecord): Record<string, unknown> {
  return {
    id: r.id, name: r.name, mode: r.mode, prefix: r.prefix, last4: r.last4, redacted: `${r.prefix}…${r.last4}`,
    createdAt: r.createdAt, lastUsedAt: r.lastUsedAt, revokedAt: r.revokedAt,
  };
}
