import { Registry } from 'prom-client';
import { createSqliteStore } from '../store/sqlite/sqlite-store';
import type { Store } from '../store/types';
import { EventMetrics } from './event-metrics';
import { RecordEvents } from './record-events';

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
});
