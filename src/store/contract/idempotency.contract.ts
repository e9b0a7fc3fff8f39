import { A, A_TEST, at, B, idempotency, type StoreHandle } from './contract-kit';

export function idempotencyContract(h: StoreHandle): void {
  describe('idempotency', () => {
    it('creates an in-progress record, then returns it instead of writing', async () => {
      expect(await h.store.idempotency.begin(idempotency(A, 'k1'), at(1))).toEqual({ created: true });
      const second = await h.store.idempotency.begin(idempotency(A, 'k1', { requestHash: 'req_2', createdAt: at(2) }), at(2));
      expect(second).toEqual({ created: false, existing: idempotency(A, 'k1') });
    });

    it('lets only one of two racing begins create', async () => {
      const results = await Promise.all([
        h.store.idempotency.begin(idempotency(A, 'k1', { requestHash: 'req_a' }), at(1)),
        h.store.idempotency.begin(idempotency(A, 'k1', { requestHash: 'req_b' }), at(1)),
      ]);
      expect(results.filter((r) => r.created)).toHaveLength(1);
    });

    it('replays the completed response', async () => {
      await h.store.idempotency.begin(idempotency(A, 'k1'), at(1));
      await h.store.idempotency.complete(A, 'k1', 201, '{"id":"x"}');
      expect(await h.store.idempotency.begin(idempotency(A, 'k1'), at(2))).toEqual({
        created: false, existing: idempotency(A, 'k1', { state: 'done', responseStatus: 201, responseBody: '{"id":"x"}' }),
      });
    });

    it('replaces an expired record', async () => {
      await h.store.idempotency.begin(idempotency(A, 'k1', { expiresAt: at(10) }), at(1));
      const fresh = idempotency(A, 'k1', { requestHash: 'req_2', createdAt: at(10), expiresAt: at(100) });
      expect(await h.store.idempotency.begin(fresh, at(10))).toEqual({ created: true });
      expect(await h.store.idempotency.begin(idempotency(A, 'k1'), at(11))).toEqual({ created: false, existing: fresh });
    });

    it('keeps the same key apart per account and mode', async () => {
      await h.store.idempotency.begin(idempotency(A, 'k1'), at(1));
      expect(await h.store.idempotency.begin(idempotency(A_TEST, 'k1'), at(1))).toEqual({ created: true });
      expect(await h.store.idempotency.begin(idempotency(B, 'k1'), at(1))).toEqual({ created: true });
      await h.store.idempotency.complete(B, 'k1', 200, 'b');
      await h.store.idempotency.release(A_TEST, 'k1');
      expect(await h.store.idempotency.begin(idempotency(A, 'k1'), at(2))).toEqual({ created: false, existing: idempotency(A, 'k1') });
    });

    it('releases an in-progress record so the key can be used again, but never a finished one', async () => {
      await h.store.idempotency.begin(idempotency(A, 'k1'), at(1));
      await h.store.idempotency.release(A, 'k1');
      expect(await h.store.idempotency.begin(idempotency(A, 'k1', { requestHash: 'req_2' }), at(2))).toEqual({ created: true });
      await h.store.idempotency.complete(A, 'k1', 200, 'ok');
      await h.store.idempotency.release(A, 'k1');
      const again = await h.store.idempotency.begin(idempotency(A, 'k1'), at(3));
      expect(again).toMatchObject({ created: false, existing: { state: 'done', requestHash: 'req_2' } });
      await expect(h.store.idempotency.release(A, 'k_missing')).resolves.toBeUndefined();
      await expect(h.store.idempotency.complete(A, 'k_missing', 200, 'x')).resolves.toBeUndefined();
    });

    it('purges expired records and counts them', async () => {
      await h.store.idempotency.begin(idempotency(A, 'k_old1', { expiresAt: at(5) }), at(0));
      await h.store.idempotency.begin(idempotency(B, 'k_old2', { expiresAt: at(10) }), at(0));
      await h.store.idempotency.begin(idempotency(A, 'k_live', { expiresAt: at(11) }), at(0));
      expect(await h.store.idempotency.purgeExpired(at(10))).toBe(2);
      expect(await h.store.idempotency.purgeExpired(at(10))).toBe(0);
      expect(await h.store.idempotency.begin(idempotency(A, 'k_live'), at(10))).toMatchObject({ created: false });
    });
  });
}
