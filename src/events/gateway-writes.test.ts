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
  const rec = { id: 'c1', updatedAt: '2030-01-01T00:00:00Z', email: 'a@b.c', remoteData: { x: 1 } };
  it('is the same for the same change, whatever else the source saw', () => {
    expect(recordEventId('conn_1', 'contacts', 'c1', changeMarker(rec)))
      .toBe(recordEventId('conn_1', 'contacts', 'c1', changeMarker({ ...rec, email: 'other@b.c', updatedAt: '2030-01-01T00:00:00.000Z' })));
  });
  it('differs by version, update time, connection and deletion', () => {
    const base = recordEventId('conn_1', 'contacts', 'c1', changeMarker(rec));
    expect(recordEventId('conn_1', 'contacts', 'c1', changeMarker({ ...rec, updatedAt: '2030-01-01T00:00:01Z' }))).not.toBe(base);
    expect(recordEventId('conn_2', 'contacts', 'c1', changeMarker(rec))).not.toBe(base);
    expect(recordEventId('conn_1', 'contacts', 'c1', changeMarker(null))).not.toBe(base);
    expect(recordEventId('conn_1', 'contacts', 'c1', changeMarker({ ...rec, version: '3' })))
      .not.toBe(recordEventId('conn_1', 'contacts', 'c1', changeMarker({ ...rec, version: '4' })));
  });
  it('falls back to the content (key order aside, without remoteData) when there is neither version nor update time', () => {
    const a = changeMarker({ id: 'c1', b: 1, a: { y: 2, x: 1 }, remoteData: 1 });
    const b = changeMarker({ a: { x: 1, y: 2 }, id: 'c1', b: 1, remoteData: 2 });
    expect(recordEventId('conn_1', 'contacts', 'c1', a)).toBe(recordEventId('conn_1', 'contacts', 'c1', b));
  });
});
