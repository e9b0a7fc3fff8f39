import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { GatewayError, UNIFIED_SCHEMAS, type MeetingInput } from '../../../src/provider-sdk';
import { bookingsOf, exchange, GOLDEN_FILE, GOLDEN_NOW, GOLDEN_SOURCES } from '../fixtures/load';
import type { Booking } from './booking.types';
import { locationText, meetingStatus, toProviderBooking, toUnifiedMeeting } from './meeting.mapper';
import { toProviderBookingChanges } from './meeting-update.mapper';

const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
const validateRecord = ajv.compile(UNIFIED_SCHEMAS.meetings.record);
const validateCreate = ajv.compile(UNIFIED_SCHEMAS.meetings.create);

const strip = <T extends { remoteData?: unknown }>(r: T): Omit<T, 'remoteData'> => {
  const { remoteData: _raw, ...rest } = r;
  return rest;
};

function invalidFields(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(GatewayError);
    expect((err as GatewayError).code).toBe('INVALID_INPUT');
    return ((err as GatewayError).details.errors as { field: string }[]).map((e) => e.field);
  }
  throw new Error('expected INVALID_INPUT');
}

describe('toUnifiedMeeting (recorded bookings → golden file)', () => {
  const bookings = GOLDEN_SOURCES.flatMap((n) => bookingsOf(n));
  const mapped = bookings.map((b) => toUnifiedMeeting(b, GOLDEN_NOW));

  it('produces schema-valid records, remoteData included', () => {
    for (const m of mapped) {
      expect(validateRecord(m)).toBe(true);
      expect(validateRecord.errors ?? []).toEqual([]);
    }
    expect(mapped[0].remoteData).toBe(bookings[0]);
  });

  it('matches the golden file', () => {
    expect(mapped.map(strip)).toEqual(JSON.parse(readFileSync(GOLDEN_FILE, 'utf8')));
  });

  it('maps status: canceled → cancelled, confirmed and over → completed, else scheduled', () => {
    const b = bookingsOf('meetings-get')[0];
    expect(meetingStatus({ ...b, status: 'canceled' }, GOLDEN_NOW)).toBe('cancelled');
    expect(meetingStatus(b, Date.parse(b.end_at))).toBe('completed');
    expect(meetingStatus(b, Date.parse(b.end_at) - 1)).toBe('scheduled');
  });

  it('reads the location by its type, guests after the attendee, description from metadata', () => {
    expect(locationText({ type: 'zoom', url: 'https://zoom.us/j/1', value: null })).toBe('https://zoom.us/j/1');
    expect(locationText({ type: 'in_person', url: null, value: '10 Downing St' })).toBe('10 Downing St');
    const created = toUnifiedMeeting(bookingsOf('meetings-create')[0], GOLDEN_NOW);
    expect(created.attendees).toEqual([
      { email: 'ada@example.com', name: 'Ada Lovelace', contactId: null },
      { email: 'charles@example.com', name: 'Charles Babbage', contactId: null },
    ]);
    expect(created.description).toBe('Analytical engine demo');
    expect(toUnifiedMeeting({ ...bookingsOf('meetings-get')[0], metadata: { description: 42 } }).description).toBeNull();
  });
});

describe('toProviderBooking (create)', () => {
  const recorded = exchange('meetings-create').request.body as Record<string, unknown>;
  const input: MeetingInput = {
    startTime: '2030-03-04T10:00:00.000Z', timezone: 'Europe/London', description: 'Analytical engine demo',
    attendees: [{ email: 'ada@example.com', name: 'Ada Lovelace' }, { email: 'charles@example.com', name: 'Charles Babbage' }],
    providerData: { event_type_id: recorded.event_type_id },
  };

  it('builds exactly the recorded request body', () => {
    expect(validateCreate(input)).toBe(true);
    expect(toProviderBooking(input)).toEqual(recorded);
  });

  it('accepts username + event_slug, merges providerData as-is and leaves absent names out', () => {
    const body = toProviderBooking({
      startTime: '2030-01-01T09:00:00Z', attendees: [{ email: 'a@example.com' }, { email: 'b@example.com', name: null }],
      providerData: { username: 'ana', event_slug: 'demo', responses: { notes: 'hi' }, metadata: { crm_id: 'C-1' } }, description: 'd',
    });
    expect(body).toEqual({
      username: 'ana', event_slug: 'demo', responses: { notes: 'hi' }, start: '2030-01-01T09:00:00Z',
      attendee: { email: 'a@example.com' }, guests: [{ email: 'b@example.com' }], metadata: { crm_id: 'C-1', description: 'd' },
    });
  });

  it('books a booking page: bookingPageId is the event type, answers are responses by question id', () => {
    const { providerData: _pd, ...rest } = input;
    const body = toProviderBooking({ ...rest, bookingPageId: recorded.event_type_id as string, answers: [{ questionId: 'company', answer: 'Acme' }, { questionId: 'size', answer: 12 }] });
    expect(body).toEqual({ ...recorded, responses: { company: 'Acme', size: 12 } });
    expect(invalidFields(() => toProviderBooking({ ...input, bookingPageId: '00000000-0000-4000-8000-000000000000' }))).toEqual(['providerData.event_type_id']);
  });

  it("the booker's phone and zone go to 42min's attendee; a guest's are refused (guests are an email and a name)", () => {
    const body = toProviderBooking({ ...input, attendees: [{ email: 'ada@example.com', name: 'Ada', phone: '+44 20 7946 0000', timezone: 'Europe/London' }] });
    expect(body.attendee).toEqual({ email: 'ada@example.com', name: 'Ada', phone: '+44 20 7946 0000', timezone: 'Europe/London' });
    expect(validateCreate({ bookingPageId: 'bp', startTime: '2030-01-07T10:00:00Z', attendees: [{ email: 'a@example.com', phone: '+1 555', timezone: 'UTC' }] })).toBe(true);
    expect(invalidFields(() => toProviderBooking({ ...input, attendees: [{ email: 'ada@example.com' }, { email: 'bob@example.com', phone: '+1 555', timezone: 'UTC' }] })))
      .toEqual(['attendees[1].phone', 'attendees[1].timezone']);
  });

  it('refuses a missing event type, a missing attendee and fields the event type decides', () => {
    expect(invalidFields(() => toProviderBooking({ ...input, providerData: {} }))).toEqual(['providerData.event_type_id']);
    expect(invalidFields(() => toProviderBooking({ ...input, attendees: [] }))).toEqual(['attendees']);
    expect(invalidFields(() => toProviderBooking({ ...input, title: 'x', endTime: '2030-03-04T11:00:00Z', ownerId: 'u', status: 'cancelled' })))
      .toEqual(['title', 'endTime', 'ownerId', 'status']);
    expect(() => toProviderBooking({ ...input, title: null, status: 'scheduled', contactIds: [], customFields: {} })).not.toThrow();
  });
});

describe('toProviderBookingChanges (update)', () => {
  const current: Booking = bookingsOf('meetings-update-get')[0];

  it('sends description and attendees[0].name as the recorded PATCH body, nothing to reschedule', () => {
    const changes = toProviderBookingChanges({
      description: 'Difference engine demo',
      attendees: [{ email: 'ADA@example.com', name: 'Augusta Ada King' }, { email: 'charles@example.com' }],
    }, current);
    expect(changes).toEqual({ reschedule: null, patch: exchange('meetings-update').request.body });
  });

  it('turns a new startTime into a reschedule, and the same startTime into nothing', () => {
    expect(toProviderBookingChanges({ startTime: '2030-03-04T14:00:00.000Z' }, current))
      .toEqual({ reschedule: exchange('meetings-reschedule').request.body, patch: null });
    expect(toProviderBookingChanges({ startTime: '2030-03-04T10:00:00Z' }, current)).toEqual({ reschedule: null, patch: null });
  });

  it('passes providerData.metadata/responses/attendee_name through', () => {
    expect(toProviderBookingChanges({ providerData: { responses: { a: 1 }, metadata: { k: 'v' }, attendee_name: 'N' } }, current).patch)
      .toEqual({ responses: { a: 1 }, metadata: { k: 'v' }, attendee_name: 'N' });
  });

  it('refuses what 42min cannot patch, naming the fields', () => {
    expect(invalidFields(() => toProviderBookingChanges({ title: 'x', location: 'y', status: 'cancelled' }, current)))
      .toEqual(['title', 'location', 'status']);
    expect(invalidFields(() => toProviderBookingChanges({ timezone: 'UTC' }, current))).toEqual(['timezone']);
    expect(invalidFields(() => toProviderBookingChanges({ providerData: { guests: [] } }, current))).toEqual(['providerData.guests']);
    expect(invalidFields(() => toProviderBookingChanges({ attendees: [{ email: 'other@example.com' }] }, current))).toEqual(['attendees']);
    expect(invalidFields(() => toProviderBookingChanges({ attendees: [{ email: 'ada@example.com', name: null }, { email: 'charles@example.com' }] }, current)))
      .toEqual(['attendees[0].name']);
  });
});
