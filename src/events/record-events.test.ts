import { Registry } from 'prom-client';
import { createSqliteStore } from '../store/sqlite/sqlite-store';
import type { Store } from '../store/types';
import { EventMetrics } from './event-metrics';
import { outranks, RecordEvents } from './record-events';

describe('RecordEvents', () => {
  let store: Store;
  let clock: Date;
  let events: RecordEvents;
  let kicked: number;
  const connection = { id: 'conn_1', accountId: 'acc_1', mode: 'test' as const, endUserId: 'eu_1', provider: 'prov_x' };
  const record = { id: 'c1', updatedAt: '2030-01-01T00:00:00.000Z', customFields: {} };

  beforeEach(async () => {
    store = createSqliteStore({ file: ':memory:' });
    clock = new Date('2030-01-02T00:00:00.000Z');
    events = new RecordEvents(store, new EventMetrics(new Registry()), { retentionMs: 30 * 86_400_000 }, () => clock);
    kicked = 0;
    events.onRecorded(() => { kicked += 1; });
    await store.webhooks.create({ id: 'wh_1', accountId: 'acc_1', mode: 'test', url: 'http://127.0.0.1/h', events: ['contact.*'], secret: 's', createdAt: clock.toISOString() });
  });
  afterEach(() => store.close());

  it('stores one event with its deliveries, kept for the retention from the injected clock; a repeat stores and kicks nothing', async () => {
    const change = { connection, resource: 'contacts' as const, type: 'contact.updated' as const, recordId: 'c1', record, source: 'provider_webhook' as const };
    const first = await events.record(change);
    clock = new Date('2030-01-03T00:00:00.000Z');
    const again = await events.record({ ...change, source: 'poll' });
    expect([first.created, again.created, kicked]).toEqual([true, false, 1]);
    expect(again.event).toEqual(first.event);
    expect(first.event).toMatchObject({ createdAt: '2030-01-02T00:00:00.000Z', expiresAt: '2030-02-01T00:00:00.000Z', occurredAt: record.updatedAt });
    expect(JSON.parse(first.event.payload)).toEqual({
      id: first.event.id, type: 'contact.updated', createdAt: '2030-01-02T00:00:00.000Z',
      data: { connectionId: 'conn_1', endUserId: 'eu_1', provider: 'prov_x', resource: 'contacts', recordId: 'c1', record, source: 'provider_webhook', occurredAt: record.updatedAt },
    });
    expect(await store.webhooks.listDeliveries({ accountId: 'acc_1', mode: 'test' }, 'wh_1')).toHaveLength(1);
    expect(await store.events.purgeExpired('2030-02-01T00:00:00.000Z')).toBe(1);
  });

  it('refuses a type of another resource, and a record on a delete or none on a change', async () => {
    const base = { connection, recordId: 'c1', source: 'gateway' as const };
    await expect(events.record({ ...base, resource: 'leads', type: 'contact.created', record })).rejects.toThrow(/not one of leads/);
    await expect(events.record({ ...base, resource: 'contacts', type: 'contact.deleted', record })).rejects.toThrow(/carries no record/);
    await expect(events.record({ ...base, resource: 'contacts', type: 'contact.updated', record: null })).rejects.toThrow(/needs record/);
  });

  describe('two readings of one change (one id): the gateway\'s, else the more specific type, wins whatever came first', () => {
    const meeting = { id: 'm1', updatedAt: '2030-01-01T00:00:00.000Z', customFields: {}, startTime: '2030-02-01T10:00:00.000Z' };
    const base = { connection, resource: 'meetings' as const, recordId: 'm1', record: meeting };
    const scope = { accountId: 'acc_1', mode: 'test' as const };
    beforeEach(async () => {
      await store.webhooks.create({ id: 'wh_all', accountId: 'acc_1', mode: 'test', url: 'http://127.0.0.1/a', events: ['meeting.*'], secret: 's', createdAt: clock.toISOString() });
      await store.webhooks.create({ id: 'wh_upd', accountId: 'acc_1', mode: 'test', url: 'http://127.0.0.1/u', events: ['meeting.updated'], secret: 's', createdAt: clock.toISOString() });
      await store.webhooks.create({ id: 'wh_res', accountId: 'acc_1', mode: 'test', url: 'http://127.0.0.1/r', events: ['meeting.rescheduled'], secret: 's', createdAt: clock.toISOString() });
    });
    const deliveries = async (hook: string) => (await store.webhooks.listDeliveries(scope, hook)).map((d) => [d.type, JSON.parse(d.payload).type, JSON.parse(d.payload).data.source]);

    it('the rule: gateway first, then cancel/reschedule over create over update', () => {
      expect(outranks({ type: 'meeting.rescheduled', source: 'gateway' }, { type: 'meeting.updated', source: 'provider_webhook' })).toBe(true);
      expect(outranks({ type: 'meeting.updated', source: 'provider_webhook' }, { type: 'meeting.rescheduled', source: 'gateway' })).toBe(false);
      expect(outranks({ type: 'meeting.cancelled', source: 'provider_webhook' }, { type: 'meeting.updated', source: 'gateway' })).toBe(false);
      expect(outranks({ type: 'meeting.updated', source: 'gateway' }, { type: 'meeting.created', source: 'poll' })).toBe(true);
      expect(outranks({ type: 'meeting.rescheduled', source: 'poll' }, { type: 'meeting.cancelled', source: 'provider_webhook' })).toBe(true);
      expect(outranks({ type: 'contact.created', source: 'provider_webhook' }, { type: 'contact.updated', source: 'poll' })).toBe(true);
      expect(outranks({ type: 'meeting.updated', source: 'poll' }, { type: 'meeting.updated', source: 'gateway' })).toBe(false);
      expect(outranks({ type: 'meeting.updated', source: 'gateway' }, { type: 'meeting.updated', source: 'poll' })).toBe(false);
    });

    it('a webhook\'s meeting.updated recorded first becomes the gateway\'s meeting.rescheduled while nothing went out: same id, place and createdAt, deliveries to the new type\'s webhooks', async () => {
      const first = await events.record({ ...base, type: 'meeting.updated', source: 'provider_webhook' });
      clock = new Date('2030-01-02T00:00:05.000Z');
      const second = await events.record({ ...base, type: 'meeting.rescheduled', source: 'gateway', rescheduledFromId: null });
      expect(second).toMatchObject({ created: false, event: { id: first.event.id, type: 'meeting.rescheduled', source: 'gateway', createdAt: first.event.createdAt } });
      expect(await store.events.get(scope, first.event.id)).toMatchObject({ type: 'meeting.rescheduled', source: 'gateway' });
      expect(JSON.parse((await store.events.get(scope, first.event.id))!.payload)).toMatchObject({ id: first.event.id, type: 'meeting.rescheduled', createdAt: first.event.createdAt, data: { source: 'gateway', rescheduledFromId: null } });
      expect(await deliveries('wh_all')).toEqual([['meeting.rescheduled', 'meeting.rescheduled', 'gateway']]);
      expect(await deliveries('wh_res')).toEqual([['meeting.rescheduled', 'meeting.rescheduled', 'gateway']]);
      expect(await deliveries('wh_upd')).toEqual([]);
      // The webhook's reading again (a retry, another process): nothing changes back.
      const third = await events.record({ ...base, type: 'meeting.updated', source: 'provider_webhook' });
      expect(third.event.type).toBe('meeting.rescheduled');
      expect(await deliveries('wh_all')).toEqual([['meeting.rescheduled', 'meeting.rescheduled', 'gateway']]);
    });

    it('in the other order the gateway\'s reading stays', async () => {
      await events.record({ ...base, type: 'meeting.rescheduled', source: 'gateway', rescheduledFromId: null });
      const late = await events.record({ ...base, type: 'meeting.updated', source: 'provider_webhook' });
      expect(late.event).toMatchObject({ type: 'meeting.rescheduled', source: 'gateway' });
      expect(await deliveries('wh_upd')).toEqual([]);
    });

    it('once a delivery of the first reading was claimed, the event stays as it was sent', async () => {
      const first = await events.record({ ...base, type: 'meeting.updated', source: 'provider_webhook' });
      expect(await store.webhooks.claimDue('2030-01-02T00:00:01.000Z', '2030-01-02T00:01:00.000Z', 10)).toHaveLength(2);
      const second = await events.record({ ...base, type: 'meeting.rescheduled', source: 'gateway', rescheduledFromId: null });
      expect(second.event).toMatchObject({ id: first.event.id, type: 'meeting.updated', source: 'provider_webhook' });
      expect(await deliveries('wh_res')).toEqual([]);
    });
  });
});
