import type { OAuthState } from '../types';
import { A, A_TEST, at, B, connection, webhook, type StoreHandle } from './contract-kit';

/** Stands in for the cipher: values under the "old" key move to the "new" one, others stay. */
const reseal = (sealed: string): string => (sealed.startsWith('old:') ? `new:${sealed.slice(4)}` : sealed);

const oauthState = (stateHash: string, codeVerifier: string | null): OAuthState => ({
  stateHash, sessionId: 'cs_1', provider: 'prov_x', codeVerifier, browserHash: null, expiresAt: at(600), usedAt: null, createdAt: at(0),
});

/** Key rotation: every aggregate holding sealed values rewrites them through one function. */
export function resealContract(h: StoreHandle): void {
  describe('re-sealing for key rotation', () => {
    it('connections: rewrites the credentials of every scope, leaves the rest (and credentialsVersion) alone', async () => {
      await h.store.connections.create(connection(A, 'conn_1', { credentials: 'old:a', credentialsVersion: 3 }));
      await h.store.connections.create(connection(A, 'conn_2', { credentials: 'new:b' }));
      await h.store.connections.create(connection(B, 'conn_3', { credentials: 'old:c' }));
      await h.store.connections.create(connection(A_TEST, 'conn_4', { credentials: 'old:d' }));
      expect(await h.store.connections.resealAll(reseal)).toBe(3);
      expect(await h.store.connections.get(A, 'conn_1')).toEqual(connection(A, 'conn_1', { credentials: 'new:a', credentialsVersion: 3 }));
      expect((await h.store.connections.get(A, 'conn_2'))!.credentials).toBe('new:b');
      expect((await h.store.connections.get(B, 'conn_3'))!.credentials).toBe('new:c');
      expect((await h.store.connections.get(A_TEST, 'conn_4'))!.credentials).toBe('new:d');
      // Already under the current key: nothing left to do.
      expect(await h.store.connections.resealAll(reseal)).toBe(0);
      // The compare-and-set of a refresh that read the connection before the rotation still wins.
      expect(await h.store.connections.updateCredentials('conn_1', 3, 'new:refreshed', {})).toMatchObject({ credentialsVersion: 4 });
    });

    it('webhooks: rewrites every secret, nothing else', async () => {
      await h.store.webhooks.create(webhook(A, 'wh_1', { secret: 'old:s1' }));
      await h.store.webhooks.create(webhook(B, 'wh_2', { secret: 'old:s2' }));
      await h.store.webhooks.create(webhook(A, 'wh_3', { secret: 'new:s3', createdAt: at(1) }));
      expect(await h.store.webhooks.resealAll(reseal)).toBe(2);
      expect(await h.store.webhooks.list(A)).toEqual([webhook(A, 'wh_1', { secret: 'new:s1' }), webhook(A, 'wh_3', { secret: 'new:s3', createdAt: at(1) })]);
      expect((await h.store.webhooks.get(B, 'wh_2'))!.secret).toBe('new:s2');
      expect(await h.store.webhooks.resealAll(reseal)).toBe(0);
    });

    it('oauth states: rewrites sealed PKCE verifiers, skips states without one', async () => {
      await h.store.oauthStates.create(oauthState('st_1', 'old:v'));
      await h.store.oauthStates.create(oauthState('st_2', null));
      expect(await h.store.oauthStates.resealAll(reseal)).toBe(1);
      expect((await h.store.oauthStates.consume('st_1', at(1)))!.codeVerifier).toBe('new:v');
      expect((await h.store.oauthStates.consume('st_2', at(1)))!.codeVerifier).toBeNull();
    });

    it('instance secrets: the first value stored wins, even among racers; re-sealed like the rest', async () => {
      const racers = await Promise.all(['old:x', 'old:y', 'old:z'].map((v) => h.store.instanceSecrets.getOrCreate('signing', v, at(0))));
      expect(new Set(racers).size).toBe(1);
      expect(await h.store.instanceSecrets.getOrCreate('signing', 'old:later', at(5))).toBe(racers[0]);
      expect(await h.store.instanceSecrets.getOrCreate('other', 'new:o', at(0))).toBe('new:o');
      expect(await h.store.instanceSecrets.resealAll(reseal)).toBe(1);
      expect(await h.store.instanceSecrets.getOrCreate('signing', 'old:later', at(5))).toBe(`new:${racers[0].slice(4)}`);
    });

    it('a value the function cannot open stops the rotation with its error', async () => {
      await h.store.connections.create(connection(A, 'conn_1', { credentials: 'foreign:a' }));
      const refuse = (s: string): string => { throw new Error(`cannot open ${s.split(':')[0]}`); };
      await expect(h.store.connections.resealAll(refuse)).rejects.toThrow('cannot open foreign');
      expect((await h.store.connections.get(A, 'conn_1'))!.credentials).toBe('foreign:a');
    });
  });
}
