import { DuplicateRecordError } from '../store-errors';
import { A, A_TEST, at, B, delivery, ids, webhook, type StoreHandle } from './contract-kit';

export function webhooksContract(h: StoreHandle): void {
  describe('webhooks', () => {
    it('creates, gets and lists within scope, oldest first', async () => {
      const second = await h.store.webhooks.create(webhook(A, 'wh_2', { createdAt: at(2) }));
      await h.store.webhooks.create(webhook(A, 'wh_1', { createdAt: at(1) }));
      await h.store.webhooks.create(webhook(A_TEST, 'wh_t'));
      await h.store.webhooks.create(webhook(B, 'wh_b'));
      expect(second).toEqual(webhook(A, 'wh_2', { createdAt: at(2) }));
      expect(await h.store.webhooks.get(A, 'wh_2')).toEqual(second);
      expect(await h.store.webhooks.get(B, 'wh_2')).toBeNull();
      expect(await h.store.webhooks.get(A_TEST, 'wh_2')).toBeNull();
      expect(ids(await h.store.webhooks.list(A))).toEqual(['wh_1', 'wh_2']);
      expect(ids(await h.store.webhooks.list(A_TEST))).toEqual(['wh_t']);
    });

    it('refuses a duplicate id', async () => {
      await h.store.webhooks.create(webhook(A, 'wh_1'));
      await expect(h.store.webhooks.create(webhook(B, 'wh_1'))).rejects.toBeInstanceOf(DuplicateRecordError);
    });

    it('lists the webhooks subscribed to an event type within scope', async () => {
      await h.store.webhooks.create(webhook(A, 'wh_1', { events: ['connection.created'] }));
      await h.store.webhooks.create(webhook(A, 'wh_2', { events: ['connection.deleted', 'connection.needs_reauth'] }));
      await h.store.webhooks.create(webhook(B, 'wh_b', { events: ['connection.needs_reauth'] }));
      expect(ids(await h.store.webhooks.listForEvent(A, 'connection.needs_reauth'))).toEqual(['wh_2']);
      expect(ids(await h.store.webhooks.listForEvent(A, 'connection.created'))).toEqual(['wh_1']);
      expect(await h.store.webhooks.listForEvent(A, 'connection'))
        .toEqual([]);
    });

    it('deletes within scope only, with its deliveries', async () => {
      const hook = await h.store.webhooks.create(webhook(A, 'wh_1'));
      await h.store.webhooks.enqueue([delivery(hook, 'del_1')]);
      expect(await h.store.webhooks.delete(B, 'wh_1')).toBe(false);
      expect(await h.store.webhooks.delete(A_TEST, 'wh_1')).toBe(false);
      expect(await h.store.webhooks.delete(A, 'wh_1')).toBe(true);
      expect(await h.store.webhooks.delete(A, 'wh_1')).toBe(false);
      expect(await h.store.webhooks.get(A, 'wh_1')).toBeNull();
      expect(await h.store.webhooks.listDeliveries(A, 'wh_1')).toEqual([]);
      expect(await h.store.webhooks.claimDue(at(100), at(200), 10)).toEqual([]);
    });
  });

  describe('webhook deliveries', () => {
    it('enqueues and lists the deliveries of a webhook within scope, oldest first', async () => {
      const hook = await h.store.webhooks.create(webhook(A, 'wh_1'));
      await h.store.webhooks.enqueue([delivery(hook, 'del_2', { createdAt: at(2) }), delivery(hook, 'del_1', { createdAt: at(1) })]);
      await h.store.webhooks.enqueue([]);
      expect(await h.store.webhooks.listDeliveries(A, 'wh_1')).toEqual([
        delivery(hook, 'del_1', { createdAt: at(1) }), delivery(hook, 'del_2', { createdAt: at(2) }),
      ]);
      expect(await h.store.webhooks.listDeliveries(B, 'wh_1')).toEqual([]);
      expect(await h.store.webhooks.listDeliveries(A_TEST, 'wh_1')).toEqual([]);
    });

    it('claims due pending deliveries up to the limit and leases them', async () => {
      const hook = await h.store.webhooks.create(webhook(A, 'wh_1'));
      const other = await h.store.webhooks.create(webhook(B, 'wh_b'));
      await h.store.webhooks.enqueue([
        delivery(hook, 'del_1', { nextAttemptAt: at(1) }),
        delivery(hook, 'del_2', { nextAttemptAt: at(2) }),
        delivery(other, 'del_3', { nextAttemptAt: at(3) }),
        delivery(hook, 'del_future', { nextAttemptAt: at(50) }),
      ]);
      const first = await h.store.webhooks.claimDue(at(10), at(40), 2);
      expect(first).toEqual([
        delivery(hook, 'del_1', { nextAttemptAt: at(40) }), delivery(hook, 'del_2', { nextAttemptAt: at(40) }),
      ]);
      expect(ids(await h.store.webhooks.claimDue(at(10), at(40), 10))).toEqual(['del_3']);
      // Leased ones are not claimed again before the lease ends, and are due again after it.
      expect(await h.store.webhooks.claimDue(at(39), at(80), 10)).toEqual([]);
      expect(ids(await h.store.webhooks.claimDue(at(40), at(80), 10)).sort()).toEqual(['del_1', 'del_2', 'del_3']);
      expect(ids(await h.store.webhooks.claimDue(at(60), at(90), 10))).toEqual(['del_future']);
    });

    it('never hands the same delivery to two racing claimers', async () => {
      const hook = await h.store.webhooks.create(webhook(A, 'wh_1'));
      await h.store.webhooks.enqueue(['a', 'b', 'c', 'd', 'e'].map((s) => delivery(hook, `del_${s}`)));
      const claims = await Promise.all([1, 2, 3].map(() => h.store.webhooks.claimDue(at(10), at(40), 2)));
      const claimed = claims.flatMap(ids);
      expect(claimed).toHaveLength(5);
      expect(new Set(claimed).size).toBe(5);
    });

    it('records delivered, retry and failed outcomes; only pending ones are claimed', async () => {
      const hook = await h.store.webhooks.create(webhook(A, 'wh_1'));
      await h.store.webhooks.enqueue(['ok', 'retry', 'fail'].map((s) => delivery(hook, `del_${s}`)));
      await h.store.webhooks.markDelivered('del_ok', at(5), 1);
      await h.store.webhooks.markRetry('del_retry', 1, at(30), 'HTTP 503');
      await h.store.webhooks.markFailed('del_fail', 9, 'HTTP 410');
      const byId = new Map((await h.store.webhooks.listDeliveries(A, 'wh_1')).map((d) => [d.id, d]));
      expect(byId.get('del_ok')).toMatchObject({ status: 'delivered', deliveredAt: at(5), attempts: 1 });
      expect(byId.get('del_retry')).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: at(30), lastError: 'HTTP 503', deliveredAt: null });
      expect(byId.get('del_fail')).toMatchObject({ status: 'failed', attempts: 9, lastError: 'HTTP 410', deliveredAt: null });
      expect(await h.store.webhooks.claimDue(at(29), at(60), 10)).toEqual([]);
      expect(ids(await h.store.webhooks.claimDue(at(30), at(60), 10))).toEqual(['del_retry']);
    });
  });
}
