import type { RecordEvent, Scope, Webhook } from '../types';
import { A, A_TEST, at, B, delivery, ids, webhook, type StoreHandle } from './contract-kit';

function event(scope: Scope, id: string, over: Partial<RecordEvent> = {}): RecordEvent {
  return {
    id, accountId: scope.accountId, mode: scope.mode, connectionId: 'conn_1', type: 'contact.created', resource: 'contacts',
    recordId: 'rec_1', source: 'gateway', payload: JSON.stringify({ id }), occurredAt: at(0), createdAt: at(0),
    expiresAt: at(30 * 86_400), ...over,
  };
}

const deliveryOf = (hook: Webhook, e: RecordEvent) => delivery(hook, `del_${e.id}_${hook.id}`, { eventId: e.id, type: e.type, payload: e.payload });

export function recordEventsContract(h: StoreHandle): void {
  describe('record events', () => {
    it('stores one event per id with its deliveries; a repeat adds neither', async () => {
      const hook = await h.store.webhooks.create(webhook(A, 'wh_1', { events: ['contact.*'] }));
      const e = event(A, 'evt_1');
      expect(await h.store.events.record(e, [deliveryOf(hook, e)])).toBe(true);
      // The same change seen again (another source, a retry): nothing new, even with other fields.
      expect(await h.store.events.record({ ...e, source: 'poll', createdAt: at(5) }, [deliveryOf(hook, e)])).toBe(false);
      expect(await h.store.events.get(A, 'evt_1')).toEqual(e);
      expect(await h.store.events.list(A, {}, 10)).toEqual([e]);
      expect(ids(await h.store.webhooks.listDeliveries(A, 'wh_1'))).toEqual([`del_evt_1_wh_1`]);
      expect(ids(await h.store.webhooks.claimDue(at(100), at(200), 10))).toEqual([`del_evt_1_wh_1`]);
    });

    it('rewrites an event whose deliveries are all unclaimed, replacing them; refuses once one was claimed', async () => {
      const all = await h.store.webhooks.create(webhook(A, 'wh_all', { events: ['meeting.*'] }));
      const upd = await h.store.webhooks.create(webhook(A, 'wh_upd', { events: ['meeting.updated'] }));
      const res = await h.store.webhooks.create(webhook(A, 'wh_res', { events: ['meeting.rescheduled'] }));
      const e = event(A, 'evt_m', { type: 'meeting.updated', resource: 'meetings', source: 'provider_webhook' });
      expect(await h.store.events.record(e, [deliveryOf(all, e), deliveryOf(upd, e)])).toBe(true);
      const better = { ...e, type: 'meeting.rescheduled', source: 'gateway' as const, payload: JSON.stringify({ id: 'evt_m', type: 'meeting.rescheduled' }) };
      expect(await h.store.events.upgrade(better, [deliveryOf(all, better), deliveryOf(res, better)])).toBe(true);
      expect(await h.store.events.get(A, 'evt_m')).toEqual(better);
      expect((await h.store.webhooks.listDeliveries(A, 'wh_all')).map((d) => [d.type, d.payload])).toEqual([['meeting.rescheduled', better.payload]]);
      expect(await h.store.webhooks.listDeliveries(A, 'wh_upd')).toEqual([]);
      expect(ids(await h.store.webhooks.listDeliveries(A, 'wh_res'))).toEqual(['del_evt_m_wh_res']);
      expect(await h.store.events.upgrade({ ...better, id: 'evt_none' }, [])).toBe(false);

      const f = event(A, 'evt_n', { type: 'meeting.updated', resource: 'meetings', source: 'provider_webhook' });
      await h.store.events.record(f, [deliveryOf(all, f)]);
      await h.store.webhooks.claimDue(at(100), at(200), 10);
      expect(await h.store.events.upgrade({ ...f, type: 'meeting.rescheduled' }, [deliveryOf(all, { ...f, type: 'meeting.rescheduled' })])).toBe(false);
      expect((await h.store.events.get(A, 'evt_n'))!.type).toBe('meeting.updated');
    });

    it('is scoped by account and mode', async () => {
      await h.store.events.record(event(A, 'evt_a'), []);
      await h.store.events.record(event(B, 'evt_b'), []);
      await h.store.events.record(event(A_TEST, 'evt_t'), []);
      expect(ids(await h.store.events.list(A, {}, 10))).toEqual(['evt_a']);
      expect(ids(await h.store.events.list(A_TEST, {}, 10))).toEqual(['evt_t']);
      expect(await h.store.events.get(B, 'evt_a')).toBeNull();
      expect(await h.store.events.get(A_TEST, 'evt_a')).toBeNull();
    });

    it('lists oldest first by (createdAt, id), continuing after a position', async () => {
      for (const [id, s] of [['evt_c', 2], ['evt_a', 1], ['evt_b', 2], ['evt_d', 3]] as const) {
        await h.store.events.record(event(A, id, { createdAt: at(s) }), []);
      }
      const first = await h.store.events.list(A, {}, 2);
      expect(ids(first)).toEqual(['evt_a', 'evt_b']);
      const last = first[first.length - 1];
      expect(ids(await h.store.events.list(A, {}, 2, { createdAt: last.createdAt, id: last.id }))).toEqual(['evt_c', 'evt_d']);
      expect(await h.store.events.list(A, {}, 0)).toEqual([]);
    });

    it('filters by types and connection', async () => {
      await h.store.events.record(event(A, 'evt_1', { type: 'contact.created', connectionId: 'conn_1' }), []);
      await h.store.events.record(event(A, 'evt_2', { type: 'lead.updated', connectionId: 'conn_1', createdAt: at(1) }), []);
      await h.store.events.record(event(A, 'evt_3', { type: 'contact.deleted', connectionId: 'conn_2', createdAt: at(2) }), []);
      expect(ids(await h.store.events.list(A, { types: ['contact.created', 'contact.deleted'] }, 10))).toEqual(['evt_1', 'evt_3']);
      expect(ids(await h.store.events.list(A, { connectionId: 'conn_1' }, 10))).toEqual(['evt_1', 'evt_2']);
      expect(ids(await h.store.events.list(A, { types: ['contact.deleted'], connectionId: 'conn_1' }, 10))).toEqual([]);
      expect(await h.store.events.list(A, { types: [] }, 10)).toEqual([]);
    });

    it('purges the events whose retention has passed', async () => {
      await h.store.events.record(event(A, 'evt_old', { expiresAt: at(10) }), []);
      await h.store.events.record(event(A, 'evt_new', { expiresAt: at(20) }), []);
      expect(await h.store.events.purgeExpired(at(10))).toBe(1);
      expect(ids(await h.store.events.list(A, {}, 10))).toEqual(['evt_new']);
      expect(await h.store.events.purgeExpired(at(15))).toBe(0);
    });

    it('sends an event to webhooks subscribed by name, by its family wildcard or by *', async () => {
      await h.store.webhooks.create(webhook(A, 'wh_1', { events: ['contact.created'] }));
      await h.store.webhooks.create(webhook(A, 'wh_2', { events: ['contact.*'], createdAt: at(1) }));
      await h.store.webhooks.create(webhook(A, 'wh_3', { events: ['*'], createdAt: at(2) }));
      await h.store.webhooks.create(webhook(A, 'wh_4', { events: ['lead.*', 'connection.created'], createdAt: at(3) }));
      await h.store.webhooks.create(webhook(B, 'wh_b', { events: ['*'] }));
      expect(ids(await h.store.webhooks.listForEvent(A, 'contact.created'))).toEqual(['wh_1', 'wh_2', 'wh_3']);
      expect(ids(await h.store.webhooks.listForEvent(A, 'contact.updated'))).toEqual(['wh_2', 'wh_3']);
      expect(ids(await h.store.webhooks.listForEvent(A, 'connection.created'))).toEqual(['wh_3', 'wh_4']);
      expect(ids(await h.store.webhooks.listForEvent(A, 'meeting.cancelled'))).toEqual(['wh_3']);
    });
  });
}
