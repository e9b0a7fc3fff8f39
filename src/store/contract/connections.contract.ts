import { DuplicateRecordError } from '../store-errors';
import { A, A_TEST, at, B, connection, ids, type StoreHandle } from './contract-kit';

export function connectionsContract(h: StoreHandle): void {
  describe('connections', () => {
    it('round-trips a connection, scoped by get and unscoped by getById', async () => {
      const created = await h.store.connections.create(connection(A, 'conn_1', { lastError: { code: 'X', at: at(1) } }));
      expect(created).toEqual(connection(A, 'conn_1', { lastError: { code: 'X', at: at(1) } }));
      expect(await h.store.connections.get(A, 'conn_1')).toEqual(created);
      expect(await h.store.connections.get(B, 'conn_1')).toBeNull();
      expect(await h.store.connections.get(A_TEST, 'conn_1')).toBeNull();
      expect(await h.store.connections.getById('conn_1')).toEqual(created);
      expect(await h.store.connections.getById('conn_missing')).toBeNull();
    });

    it('keeps the auth scheme and connection config, and reads them as null / {} when a writer left them out', async () => {
      const made = connection(A, 'conn_cfg', { authType: 'api_key', config: { baseUrl: 'https://acme.example.test/api' } });
      expect(await h.store.connections.create(made)).toEqual(made);
      expect(await h.store.connections.getById('conn_cfg')).toEqual(made);
      const { authType: _a, config: _c, ...older } = connection(A, 'conn_old');
      await h.store.connections.create(older);
      expect(await h.store.connections.getById('conn_old')).toMatchObject({ authType: null, config: {} });
      const patched = await h.store.connections.updateCredentials('conn_old', 1, 'enc:v1:new', { authType: 'oauth2', config: { baseUrl: 'https://b.example.test' } });
      expect(patched).toMatchObject({ authType: 'oauth2', config: { baseUrl: 'https://b.example.test' }, credentialsVersion: 2 });
      expect(await h.store.connections.update('conn_old', { status: 'needs_reauth' })).toMatchObject({ authType: 'oauth2', config: { baseUrl: 'https://b.example.test' } });
    });

    it('lists active connections of some providers across accounts and modes, by id, for the sweeps', async () => {
      await h.store.connections.create(connection(A, 'conn_3'));
      await h.store.connections.create(connection(B, 'conn_1'));
      await h.store.connections.create(connection(A_TEST, 'conn_2'));
      await h.store.connections.create(connection(A, 'conn_4', { status: 'needs_reauth' }));
      await h.store.connections.create(connection(A, 'conn_5', { provider: 'prov_y' }));
      const ids = async (...args: Parameters<typeof h.store.connections.listActive>) => (await h.store.connections.listActive(...args)).map((c) => c.id);
      expect(await ids(['prov_x'], 10)).toEqual(['conn_1', 'conn_2', 'conn_3']);
      expect(await ids(['prov_x'], 1, 'conn_1')).toEqual(['conn_2']);
      expect(await ids(['prov_x', 'prov_y'], 10, 'conn_3')).toEqual(['conn_5']);
      expect(await ids([], 10)).toEqual([]);
    });

    it('refuses a duplicate id', async () => {
      await h.store.connections.create(connection(A, 'conn_1'));
      await expect(h.store.connections.create(connection(B, 'conn_1'))).rejects.toBeInstanceOf(DuplicateRecordError);
    });

    it('finds the newest connection of the end user and provider that is not revoked', async () => {
      await h.store.connections.create(connection(A, 'conn_old', { createdAt: at(1) }));
      await h.store.connections.create(connection(A, 'conn_mid', { createdAt: at(2) }));
      await h.store.connections.create(connection(A, 'conn_new', { createdAt: at(3), status: 'revoked' }));
      await h.store.connections.create(connection(A, 'conn_other', { createdAt: at(4), provider: 'prov_y' }));
      await h.store.connections.create(connection(A_TEST, 'conn_test', { createdAt: at(5) }));
      expect((await h.store.connections.findCurrent(A, 'eu_1', 'prov_x'))?.id).toBe('conn_mid');
      await h.store.connections.update('conn_mid', { status: 'needs_reauth' });
      expect((await h.store.connections.findCurrent(A, 'eu_1', 'prov_x'))?.id).toBe('conn_mid');
      expect(await h.store.connections.findCurrent(B, 'eu_1', 'prov_x')).toBeNull();
      expect(await h.store.connections.findCurrent(A, 'eu_2', 'prov_x')).toBeNull();
    });

    it('lists by id ascending within scope, filtered, paged with afterId', async () => {
      for (const id of ['conn_c', 'conn_a', 'conn_e', 'conn_b', 'conn_d']) {
        await h.store.connections.create(connection(A, id, { endUserId: id === 'conn_e' ? 'eu_2' : 'eu_1' }));
      }
      await h.store.connections.create(connection(A, 'conn_f', { provider: 'prov_y', status: 'revoked' }));
      await h.store.connections.create(connection(B, 'conn_0'));
      await h.store.connections.create(connection(A_TEST, 'conn_00'));
      expect(ids(await h.store.connections.list(A, {}, 10))).toEqual(['conn_a', 'conn_b', 'conn_c', 'conn_d', 'conn_e', 'conn_f']);
      expect(ids(await h.store.connections.list(A, {}, 2))).toEqual(['conn_a', 'conn_b']);
      expect(ids(await h.store.connections.list(A, {}, 2, 'conn_b'))).toEqual(['conn_c', 'conn_d']);
      expect(ids(await h.store.connections.list(A, {}, 10, 'conn_f'))).toEqual([]);
      expect(await h.store.connections.list(A, {}, 0)).toEqual([]);
      expect(ids(await h.store.connections.list(A, { endUserId: 'eu_2' }, 10))).toEqual(['conn_e']);
      expect(ids(await h.store.connections.list(A, { provider: 'prov_y' }, 10))).toEqual(['conn_f']);
      expect(ids(await h.store.connections.list(A, { status: 'active', endUserId: 'eu_1' }, 10, 'conn_a')))
        .toEqual(['conn_b', 'conn_c', 'conn_d']);
      expect(ids(await h.store.connections.list(A_TEST, {}, 10))).toEqual(['conn_00']);
    });

    it('patches only the given fields', async () => {
      await h.store.connections.create(connection(A, 'conn_1'));
      const updated = await h.store.connections.update('conn_1', {
        status: 'needs_reauth', lastError: { code: 'PROVIDER_AUTH_FAILED', at: at(9) }, updatedAt: at(9),
        metadata: { api_domain: 'api.example.test' }, scopes: ['read'],
      });
      const expected = connection(A, 'conn_1', {
        status: 'needs_reauth', lastError: { code: 'PROVIDER_AUTH_FAILED', at: at(9) }, updatedAt: at(9),
        metadata: { api_domain: 'api.example.test' }, scopes: ['read'],
      });
      expect(updated).toEqual(expected);
      const cleared = await h.store.connections.update('conn_1', {
        lastError: null, providerAccountId: 'portal_1', providerAccountName: 'Acme portal', lastUsedAt: at(10),
      });
      expect(cleared).toEqual({ ...expected, lastError: null, providerAccountId: 'portal_1', providerAccountName: 'Acme portal', lastUsedAt: at(10) });
      expect(await h.store.connections.getById('conn_1')).toEqual(cleared);
      expect(await h.store.connections.update('conn_missing', { status: 'revoked' })).toBeNull();
    });

    it('compares-and-sets credentials on the version and bumps it', async () => {
      await h.store.connections.create(connection(A, 'conn_1', { credentialsVersion: 3 }));
      const won = await h.store.connections.updateCredentials('conn_1', 3, 'enc:v1:new', { lastRefreshedAt: at(20), updatedAt: at(20) });
      expect(won).toEqual(connection(A, 'conn_1', {
        credentials: 'enc:v1:new', credentialsVersion: 4, lastRefreshedAt: at(20), updatedAt: at(20),
      }));
      expect(await h.store.connections.updateCredentials('conn_1', 3, 'enc:v1:stale', {})).toBeNull();
      expect((await h.store.connections.getById('conn_1'))?.credentials).toBe('enc:v1:new');
      expect(await h.store.connections.updateCredentials('conn_missing', 1, 'x', {})).toBeNull();
    });

    it('lets only one of two racing credential writers win', async () => {
      await h.store.connections.create(connection(A, 'conn_1'));
      const results = await Promise.all([
        h.store.connections.updateCredentials('conn_1', 1, 'enc:a', {}),
        h.store.connections.updateCredentials('conn_1', 1, 'enc:b', {}),
      ]);
      const winners = results.filter((r) => r !== null);
      expect(winners).toHaveLength(1);
      expect(await h.store.connections.getById('conn_1')).toMatchObject({ credentials: winners[0]?.credentials, credentialsVersion: 2 });
    });

    it('deletes within scope only', async () => {
      await h.store.connections.create(connection(A, 'conn_1'));
      expect(await h.store.connections.delete(B, 'conn_1')).toBe(false);
      expect(await h.store.connections.delete(A_TEST, 'conn_1')).toBe(false);
      expect(await h.store.connections.delete(A, 'conn_1')).toBe(true);
      expect(await h.store.connections.delete(A, 'conn_1')).toBe(false);
      expect(await h.store.connections.getById('conn_1')).toBeNull();
    });

    it('deletes every connection of an end user within scope and returns them', async () => {
      await h.store.connections.create(connection(A, 'conn_2'));
      await h.store.connections.create(connection(A, 'conn_1', { provider: 'prov_y' }));
      await h.store.connections.create(connection(A, 'conn_3', { endUserId: 'eu_2' }));
      await h.store.connections.create(connection(A_TEST, 'conn_4'));
      await h.store.connections.create(connection(B, 'conn_5'));
      const deleted = await h.store.connections.deleteByEndUser(A, 'eu_1');
      expect(ids(deleted)).toEqual(['conn_1', 'conn_2']);
      expect(deleted[0]).toEqual(connection(A, 'conn_1', { provider: 'prov_y' }));
      expect(ids(await h.store.connections.list(A, {}, 10))).toEqual(['conn_3']);
      expect(await h.store.connections.getById('conn_4')).not.toBeNull();
      expect(await h.store.connections.getById('conn_5')).not.toBeNull();
      expect(await h.store.connections.deleteByEndUser(A, 'eu_1')).toEqual([]);
    });
  });
}
