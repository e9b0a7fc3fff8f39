import { gatewayEventType } from './gateway-writes';
import { recordTypesMatching, SUBSCRIBABLE_EVENTS } from './event-types';
import { changeMarker, recordEventId } from './event-id';

describe('gatewayEventType', () => {
  it.each([
    ['contacts', 'create', null, 'contact.created'],
    ['leads', 'update', { firstName: 'x' }, 'lead.updated'],
    ['contacts', 'delete', null, 'contact.deleted'],
    ['meetings', 'cancel', { reason: null }, 'meeting.cancelled'],
    ['meetings', 'reschedule', { startTime: '2030-01-01T10:00:00Z' }, 'meeting.rescheduled'],
    ['meetings', 'update', { status: 'cancelled' }, 'meeting.cancelled'],
    ['meetings', 'update', { startTime: '2030-01-01T10:00:00Z' }, 'meeting.updated'],
  ] as const)('%s %s %j → %s', (resource, op, input, type) => {
    expect(gatewayEventType(resource, op, input)).toBe(type);
  });
});

describe('event types and patterns', () => {
  it('accepts every type, each family wildcard and *', () => {
    expect(SUBSCRIBABLE_EVENTS).toEqual(expect.arrayContaining(['contact.created', 'meeting.rescheduled', 'connection.created', 'contact.*', 'meeting.*', 'connection.*', '*']));
    expect(SUBSCRIBABLE_EVENTS).not.toContain('contact');
  });

  it('expands a feed filter to record types', () => {
    expect(recordTypesMatching('contact.*')).toEqual(['contact.created', 'contact.updated', 'contact.deleted']);
    expect(recordTypesMatching('meeting.cancelled')).toEqual(['meeting.cancelled']);
    expect(recordTypesMatching('*')).toHaveLength(11);
    expect(recordTypesMatching('connection.*')).toEqual([]);
  });
});

describe('recordEventId', () => {
  const rec = { id: 'c1', updatedAt: '2030-01-01T00:00:00Z', email: 'a@b.c', remoteData: { x: 1 }, customFields: { town: 'Leeds' } };
  const id = (r: Record<string, unknown> | null, conn = 'conn_1') => recordEventId(conn, 'contacts', 'c1', changeMarker(r));

  it('is the same for the same state whatever the source added: raw data, custom fields, key order, time format', () => {
    expect(id({ customFields: {}, remoteData: { y: 2 }, email: 'a@b.c', updatedAt: '2030-01-01T00:00:00.000+0000', id: 'c1' })).toBe(id(rec));
  });

  it('differs for two changes in one second of a whole-second clock (a create and an edit, two edits)', () => {
    expect(id({ ...rec, email: 'other@b.c' })).not.toBe(id(rec));
    expect(id({ ...rec, phone: '+1' })).not.toBe(id(rec));
  });

  it('differs by version, update time, connection and deletion; a version alone names the change', () => {
    const base = id(rec);
    expect(id({ ...rec, updatedAt: '2030-01-01T00:00:01Z' })).not.toBe(base);
    expect(id(rec, 'conn_2')).not.toBe(base);
    expect(id(null)).not.toBe(base);
    expect(id({ ...rec, version: '3' })).not.toBe(id({ ...rec, version: '4' }));
    expect(id({ ...rec, version: '3' })).toBe(id({ ...rec, email: 'read@later.c', version: '3' }));
  });

  it('falls back to the content (key order aside, without remoteData) when there is neither version nor update time', () => {
    const a = changeMarker({ id: 'c1', b: 1, a: { y: 2, x: 1 }, remoteData: 1 });
    const b = changeMarker({ a: { x: 1, y: 2 }, id: 'c1', b: 1, remoteData: 2 });
    expect(recordEventId('conn_1', 'contacts', 'c1', a)).toBe(recordEventId('conn_1', 'contacts', 'c1', b));
    expect(recordEventId('conn_1', 'contacts', 'c1', a)).not.toBe(recordEventId('conn_1', 'contacts', 'c1', changeMarker({ id: 'c1', b: 2, a: { x: 1, y: 2 } })));
  });
});
