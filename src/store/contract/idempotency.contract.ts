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
      await h.store.idempotency.complete(A, 'k1', 'owner_1', 201, 'v1.sealed');
      expect(await h.store.idempotency.begin(idempotency(A, 'k1'), at(2))).toEqual({
        created: false, existing: idempotency(A, 'k1', { state: 'done', leaseExpiresAt: null, responseStatus: 201, responseBody: 'v1.sealed' }),
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
      await h.store.idempotency.complete(B, 'k1', 'owner_1', 200, 'b');
      await h.store.idempotency.release(A_TEST, 'k1', 'owner_1');
      expect(await h.store.idempotency.begin(idempotency(A, 'k1'), at(2))).toEqual({ created: false, existing: idempotency(A, 'k1') });
    });

    it('releases an in-progress record so the key can be used again, but never a finished one', async () => {
      await h.store.idempotency.begin(idempotency(A, 'k1'), at(1));
      await h.store.idempotency.release(A, 'k1', 'owner_1');
      expect(await h.store.idempotency.begin(idempotency(A, 'k1', { requestHash: 'req_2' }), at(2))).toEqual({ created: true });
      await h.store.idempotency.complete(A, 'k1', 'owner_1', 200, 'ok');
      await h.store.idempotency.release(A, 'k1', 'owner_1');
      const again = await h.store.idempotency.begin(idempotency(A, 'k1'), at(3));
      expect(again).toMatchObject({ created: false, existing: { state: 'done', requestHash: 'req_2' } });
      await expect(h.store.idempotency.release(A, 'k_missing', 'owner_1')).resolves.toBeUndefined();
      await expect(h.store.idempotency.complete(A, 'k_missing', 'owner_1', 200, 'x')).resolves.toBeUndefined();
    });

    // Leases: `now` is the injected clock; the kit's records hold their lease until at(60).
    it('keeps an in-progress record while its lease runs, then lets the same request take it over', async () => {
      await h.store.idempotency.begin(idempotency(A, 'k1'), at(1));
      const retry = idempotency(A, 'k1', { leaseOwner: 'owner_2', leaseExpiresAt: at(120), createdAt: at(60) });
      expect(await h.store.idempotency.begin(retry, at(59))).toEqual({ created: false, existing: idempotency(A, 'k1') });
      expect(await h.store.idempotency.begin(retry, at(60))).toEqual({ created: true });
      expect(await h.store.idempotency.begin(idempotency(A, 'k1', { leaseOwner: 'owner_3' }), at(61))).toEqual({ created: false, existing: retry });
    });

    it('never hands a lapsed lease to another request under the same key', async () => {
      await h.store.idempotency.begin(idempotency(A, 'k1'), at(1));
      const other = idempotency(A, 'k1', { requestHash: 'req_2', leaseOwner: 'owner_2', leaseExpiresAt: at(200) });
      expect(await h.store.idempotency.begin(other, at(100))).toEqual({ created: false, existing: idempotency(A, 'k1') });
    });

    it('takes over a record from before leases (no lease time) at once', async () => {
      await h.store.idempotency.begin(idempotency(A, 'k1', { leaseExpiresAt: null, leaseOwner: '' }), at(1));
      expect(await h.store.idempotency.begin(idempotency(A, 'k1', { leaseOwner: 'owner_2' }), at(2))).toEqual({ created: true });
    });

    it('lets only one of two racing take-overs win', async () => {
      await h.store.idempotency.begin(idempotency(A, 'k1'), at(1));
      const results = await Promise.all(['owner_a', 'owner_b'].map((owner) =>
        h.store.idempotency.begin(idempotency(A, 'k1', { leaseOwner: owner, leaseExpiresAt: at(130) }), at(70))));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      const winner = results[0].created ? 'owner_a' : 'owner_b';
      expect(results.find((r) => !r.created)).toEqual({ created: false, existing: idempotency(A, 'k1', { leaseOwner: winner, leaseExpiresAt: at(130) }) });
    });

    it('renews only for the lease holder; a holder that lost its lease can neither complete nor release', async () => {
      await h.store.idempotency.begin(idempotency(A, 'k1'), at(1));
      expect(await h.store.idempotency.renewLease(A, 'k1', 'owner_1', at(120))).toBe(true);
      expect(await h.store.idempotency.renewLease(A, 'k1', 'owner_x', at(500))).toBe(false);
      expect(await h.store.idempotency.begin(idempotency(A, 'k1', { leaseOwner: 'owner_2' }), at(100))).toMatchObject({ created: false });
      const takeover = idempotency(A, 'k1', { leaseOwner: 'owner_2', leaseExpiresAt: at(180) });
      expect(await h.store.idempotency.begin(takeover, at(120))).toEqual({ created: true });
      // The first holder wakes up (a stalled process): its writes are ignored.
      expect(await h.store.idempotency.renewLease(A, 'k1', 'owner_1', at(200))).toBe(false);
      await h.store.idempotency.complete(A, 'k1', 'owner_1', 201, 'stale');
      await h.store.idempotency.release(A, 'k1', 'owner_1');
      expect(await h.store.idempotency.begin(idempotency(A, 'k1'), at(121))).toEqual({ created: false, existing: takeover });
      await h.store.idempotency.complete(A, 'k1', 'owner_2', 201, 'fresh');
      expect(await h.store.idempotency.renewLease(A, 'k1', 'owner_2', at(300))).toBe(false);
      expect(await h.store.idempotency.begin(idempotency(A, 'k1'), at(400))).toMatchObject({
        created: false, existing: { state: 'done', leaseExpiresAt: null, responseStatus: 201, responseBody: 'fresh' },
      });
    });

    it('reseals every stored response body and counts them', async () => {
      for (const [scope, key] of [[A, 'k1'], [B, 'k2'], [A_TEST, 'k3']] as const) await h.store.idempotency.begin(idempotency(scope, key), at(1));
      await h.store.idempotency.complete(A, 'k1', 'owner_1', 201, 'v1.old.a');
      await h.store.idempotency.complete(B, 'k2', 'owner_1', 200, 'v1.old.b');
      expect(await h.store.idempotency.resealAll((sealed) => sealed.replace('v1.old.', 'v1.new.'))).toBe(2);
      // Bodies the function leaves as they are (already under the current key) are not rewritten.
      expect(await h.store.idempotency.resealAll((sealed) => sealed.replace('v1.old.', 'v1.new.'))).toBe(0);
      expect(await h.store.idempotency.begin(idempotency(A, 'k1'), at(2))).toMatchObject({ existing: { responseBody: 'v1.new.a' } });
      expect(await h.store.idempotency.begin(idempotency(B, 'k2'), at(2))).toMatchObject({ existing: { responseBody: 'v1.new.b' } });
      expect(await h.store.idempotency.begin(idempotency(A_TEST, 'k3'), at(2))).toMatchObject({ existing: { state: 'in_progress', responseBody: null } });
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
