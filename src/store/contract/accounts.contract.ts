import { DuplicateRecordError } from '../store-errors';
import type { Scope } from '../types';
import { A, A_TEST, at, B, ids, type StoreHandle } from './contract-kit';

const key = (scope: Scope, id: string, createdAt: string) => ({
  id, accountId: scope.accountId, mode: scope.mode, hash: `h_${id}`, prefix: `sk_${scope.mode}_`, last4: 'abcd', createdAt,
});

export function accountsContract(h: StoreHandle): void {
  describe('accounts', () => {
    it('creates, gets and counts accounts', async () => {
      expect(await h.store.accounts.countAccounts()).toBe(0);
      const created = await h.store.accounts.createAccount({ id: 'acc_a', name: 'Acme', createdAt: at(0) });
      expect(created).toEqual({ id: 'acc_a', name: 'Acme', createdAt: at(0) });
      await h.store.accounts.createAccount({ id: 'acc_b', name: 'Beta', createdAt: at(1) });
      expect(await h.store.accounts.getAccount('acc_a')).toEqual(created);
      expect(await h.store.accounts.getAccount('acc_missing')).toBeNull();
      expect(await h.store.accounts.countAccounts()).toBe(2);
    });

    it('refuses a duplicate account id', async () => {
      await h.store.accounts.createAccount({ id: 'acc_a', name: 'Acme', createdAt: at(0) });
      await expect(h.store.accounts.createAccount({ id: 'acc_a', name: 'Other', createdAt: at(1) }))
        .rejects.toBeInstanceOf(DuplicateRecordError);
    });
  });

  describe('api keys', () => {
    it('creates a key with null lastUsedAt/revokedAt and finds it by hash', async () => {
      const created = await h.store.accounts.createApiKey(key(A, 'key_1', at(0)));
      expect(created).toEqual({ ...key(A, 'key_1', at(0)), name: null, lastUsedAt: null, revokedAt: null });
      expect(await h.store.accounts.findApiKeyByHash('h_key_1')).toEqual(created);
      expect(await h.store.accounts.findApiKeyByHash('h_unknown')).toBeNull();
    });

    it('keeps a key\'s name, and gives null to a key created without one', async () => {
      const named = await h.store.accounts.createApiKey({ ...key(A, 'key_named', at(0)), name: 'CI – déploiement' });
      expect(named.name).toBe('CI – déploiement');
      await h.store.accounts.createApiKey(key(A, 'key_plain', at(1)));
      const listed = await h.store.accounts.listApiKeys(A);
      expect(listed.map((k) => [k.id, k.name])).toEqual([['key_named', 'CI – déploiement'], ['key_plain', null]]);
      expect((await h.store.accounts.findApiKeyByHash('h_key_named'))?.name).toBe('CI – déploiement');
    });

    it('refuses a duplicate key hash, whatever the account', async () => {
      await h.store.accounts.createApiKey(key(A, 'key_1', at(0)));
      await expect(h.store.accounts.createApiKey({ ...key(B, 'key_2', at(1)), hash: 'h_key_1' }))
        .rejects.toBeInstanceOf(DuplicateRecordError);
    });

    it('lists the keys of one account and mode, oldest first, revoked included', async () => {
      await h.store.accounts.createApiKey(key(A, 'key_new', at(20)));
      await h.store.accounts.createApiKey(key(A, 'key_old', at(10)));
      await h.store.accounts.createApiKey(key(A_TEST, 'key_test', at(5)));
      await h.store.accounts.createApiKey(key(B, 'key_b', at(1)));
      await h.store.accounts.revokeApiKey(A, 'key_old', at(30));
      expect(ids(await h.store.accounts.listApiKeys(A))).toEqual(['key_old', 'key_new']);
      expect(ids(await h.store.accounts.listApiKeys(A_TEST))).toEqual(['key_test']);
      expect(await h.store.accounts.listApiKeys({ accountId: 'acc_none', mode: 'live' })).toEqual([]);
    });

    it('revokes once, keeps the first revocation time, and ignores keys out of scope', async () => {
      await h.store.accounts.createApiKey(key(A, 'key_1', at(0)));
      expect(await h.store.accounts.revokeApiKey(B, 'key_1', at(5))).toBe(false);
      expect(await h.store.accounts.revokeApiKey(A_TEST, 'key_1', at(5))).toBe(false);
      expect((await h.store.accounts.findApiKeyByHash('h_key_1'))?.revokedAt).toBeNull();
      expect(await h.store.accounts.revokeApiKey(A, 'key_1', at(10))).toBe(true);
      expect(await h.store.accounts.revokeApiKey(A, 'key_1', at(20))).toBe(true);
      expect((await h.store.accounts.findApiKeyByHash('h_key_1'))?.revokedAt).toBe(at(10));
      expect(await h.store.accounts.revokeApiKey(A, 'key_missing', at(10))).toBe(false);
    });

    it('touches lastUsedAt', async () => {
      await h.store.accounts.createApiKey(key(A, 'key_1', at(0)));
      await h.store.accounts.touchApiKey('key_1', at(42));
      expect((await h.store.accounts.findApiKeyByHash('h_key_1'))?.lastUsedAt).toBe(at(42));
      await expect(h.store.accounts.touchApiKey('key_missing', at(42))).resolves.toBeUndefined();
    });
  });
}
