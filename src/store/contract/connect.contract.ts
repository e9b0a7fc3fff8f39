import { DuplicateRecordError } from '../store-errors';
import type { OAuthState } from '../types';
import { A, at, session, type StoreHandle } from './contract-kit';

const state = (stateHash: string, over: Partial<OAuthState> = {}): OAuthState => ({
  stateHash, sessionId: 'cs_1', provider: 'prov_x', codeVerifier: 'verifier', browserHash: 'browser_hash', expiresAt: at(600), usedAt: null,
  createdAt: at(0), ...over,
});

export function connectContract(h: StoreHandle): void {
  describe('connect sessions', () => {
    it('round-trips a session by id and by token hash', async () => {
      const created = await h.store.connectSessions.create(session(A, 'cs_1'));
      expect(created).toEqual(session(A, 'cs_1'));
      expect(await h.store.connectSessions.get('cs_1')).toEqual(created);
      expect(await h.store.connectSessions.findByTokenHash('hash_cs_1')).toEqual(created);
      expect(await h.store.connectSessions.get('cs_missing')).toBeNull();
      expect(await h.store.connectSessions.findByTokenHash('hash_missing')).toBeNull();
    });

    it('keeps providers = null (every provider) and allowedOrigin = null', async () => {
      await h.store.connectSessions.create(session(A, 'cs_all', { providers: null, allowedOrigin: null }));
      expect(await h.store.connectSessions.get('cs_all')).toMatchObject({ providers: null, allowedOrigin: null });
    });

    it('refuses a duplicate token hash', async () => {
      await h.store.connectSessions.create(session(A, 'cs_1'));
      await expect(h.store.connectSessions.create(session(A, 'cs_2', { tokenHash: 'hash_cs_1' })))
        .rejects.toBeInstanceOf(DuplicateRecordError);
    });

    it('marks a session used exactly once', async () => {
      await h.store.connectSessions.create(session(A, 'cs_1'));
      const results = await Promise.all([
        h.store.connectSessions.markUsed('cs_1', at(10)),
        h.store.connectSessions.markUsed('cs_1', at(11)),
      ]);
      expect(results.sort()).toEqual([false, true]);
      expect(await h.store.connectSessions.markUsed('cs_1', at(12))).toBe(false);
      expect((await h.store.connectSessions.get('cs_1'))?.usedAt).toMatch(/^2030-01-01T00:00:1[01]\.000Z$/);
      expect(await h.store.connectSessions.markUsed('cs_missing', at(10))).toBe(false);
    });
  });

  describe('oauth states', () => {
    it('consumes a state once and returns it marked used', async () => {
      expect(await h.store.oauthStates.create(state('st_1'))).toEqual(state('st_1'));
      expect(await h.store.oauthStates.consume('st_1', at(5))).toEqual(state('st_1', { usedAt: at(5) }));
      expect(await h.store.oauthStates.consume('st_1', at(6))).toBeNull();
    });

    it('lets only one of two racing consumers win', async () => {
      await h.store.oauthStates.create(state('st_1', { codeVerifier: null }));
      const results = await Promise.all([h.store.oauthStates.consume('st_1', at(5)), h.store.oauthStates.consume('st_1', at(5))]);
      expect(results.filter((r) => r !== null)).toHaveLength(1);
      expect(results.find((r) => r !== null)?.codeVerifier).toBeNull();
    });

    it('returns null for an unknown state and leaves expiry to the caller', async () => {
      expect(await h.store.oauthStates.consume('st_missing', at(0))).toBeNull();
      await h.store.oauthStates.create(state('st_old', { expiresAt: at(-10) }));
      expect(await h.store.oauthStates.consume('st_old', at(0))).toMatchObject({ stateHash: 'st_old', usedAt: at(0) });
    });

    it('refuses a duplicate state hash', async () => {
      await h.store.oauthStates.create(state('st_1'));
      await expect(h.store.oauthStates.create(state('st_1'))).rejects.toBeInstanceOf(DuplicateRecordError);
    });
  });
}
