import type { SyncState } from '../types';
import { A, A_TEST, at, type StoreHandle } from './contract-kit';

/** Times come from the caller (the sweeper's injected clock): the store never reads its own. */
function state(connectionId: string, resource: string, over: Partial<SyncState> = {}): SyncState {
  return {
    connectionId, resource, accountId: A.accountId, mode: A.mode, watermark: { updatedAt: at(0), id: '' },
    deletionsUntil: at(0), lastSweepAt: null, caughtUpAt: null, lastError: null, createdAt: at(0), ...over,
  };
}

export function syncStatesContract(h: StoreHandle): void {
  describe('sync states', () => {
    it('starts once per connection and resource: a second start keeps the first watermark', async () => {
      const first = await h.store.syncStates.start(state('conn_1', 'contacts'));
      const again = await h.store.syncStates.start(state('conn_1', 'contacts', { watermark: { updatedAt: at(50), id: 'x' } }));
      expect(again).toEqual(first);
      expect(first.watermark).toEqual({ updatedAt: at(0), id: '' });
      await h.store.syncStates.start(state('conn_1', 'leads'));
      expect((await h.store.syncStates.listForConnection(A, 'conn_1')).map((s) => s.resource)).toEqual(['contacts', 'leads']);
      expect(await h.store.syncStates.listForConnection(A_TEST, 'conn_1')).toEqual([]);
      expect(await h.store.syncStates.get('conn_2', 'contacts')).toBeNull();
    });

    it('moves the watermark forward only, ties at one time ordered by id', async () => {
      await h.store.syncStates.start(state('conn_1', 'contacts'));
      const move = (s: number, id: string) => h.store.syncStates.advance('conn_1', 'contacts', { updatedAt: at(s), id });
      expect(await move(10, 'b')).toBe(true);
      expect(await move(10, 'a')).toBe(false);
      expect(await move(9, 'z')).toBe(false);
      expect(await move(10, 'b')).toBe(false);
      expect(await move(10, 'c')).toBe(true);
      expect(await move(11, 'a')).toBe(true);
      expect((await h.store.syncStates.get('conn_1', 'contacts'))!.watermark).toEqual({ updatedAt: at(11), id: 'a' });
    });

    it('moves deletionsUntil forward only and records the end of a sweep (caughtUpAt kept when not caught up)', async () => {
      await h.store.syncStates.start(state('conn_1', 'contacts'));
      expect(await h.store.syncStates.advanceDeletions('conn_1', 'contacts', at(60))).toBe(true);
      expect(await h.store.syncStates.advanceDeletions('conn_1', 'contacts', at(30))).toBe(false);
      await h.store.syncStates.finishSweep('conn_1', 'contacts', { at: at(61), caughtUpAt: at(60), lastError: null });
      const error = { code: 'PROVIDER_UNAVAILABLE', message: 'down', at: at(121) };
      await h.store.syncStates.finishSweep('conn_1', 'contacts', { at: at(121), caughtUpAt: null, lastError: error });
      expect(await h.store.syncStates.get('conn_1', 'contacts')).toMatchObject({
        deletionsUntil: at(60), lastSweepAt: at(121), caughtUpAt: at(60), lastError: error,
      });
    });

    it('forgets a deleted connection', async () => {
      await h.store.syncStates.start(state('conn_1', 'contacts'));
      await h.store.syncStates.start(state('conn_1', 'leads'));
      await h.store.syncStates.start(state('conn_2', 'leads'));
      expect(await h.store.syncStates.deleteForConnection('conn_1')).toBe(2);
      expect(await h.store.syncStates.get('conn_2', 'leads')).not.toBeNull();
    });
  });
}
