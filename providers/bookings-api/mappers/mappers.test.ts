import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ADA, BJORN, BOOKING, BOOKING_GET, CANCELLED, DEMO, DISCOVERY, KWAME, NO_SHOW, SLOTS_0501, SLOTS_0502 } from '../fixtures/wire';
import { toBookingPage, toSlot, usersOfLinks } from './booking-link.mapper';
import { toProviderBooking, toUnifiedMeeting } from './meeting.mapper';

/**
 * Pure mappers against golden files (the contract suite checks the golden files against the
 * unified schemas). UPDATE_GOLDEN=1 rewrites them.
 */
const NOW = Date.parse('2031-04-30T00:00:00Z');
const withoutRaw = <T extends { remoteData?: unknown }>({ remoteData: _r, ...rest }: T) => rest;

function golden(name: string, actual: unknown[]): void {
  const file = path.join(__dirname, '../fixtures/golden', `${name}.json`);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
  expect(actual).toEqual(JSON.parse(readFileSync(file, 'utf8')));
}

describe('bookings → meetings', () => {
  it('maps every field (golden)', () => {
    const meetings = [BOOKING_GET, CANCELLED, NO_SHOW].map((b) => toUnifiedMeeting(b, NOW));
    expect(meetings[0].remoteData).toBe(BOOKING_GET);
    golden('meetings', meetings.map(withoutRaw));
    expect(meetings[0]).toMatchObject({
      id: 'bkg_1', title: 'Discovery call', description: 'First-time client', startTime: '2031-05-01T10:00:00.000Z', endTime: '2031-05-01T10:30:00.000Z',
      timezone: 'Europe/London', status: 'scheduled', attendees: [{ email: 'alice@example.com', name: 'Alice Example', contactId: null }],
      ownerId: 'stf_a1', hostIds: ['stf_a1'], bookingPageId: 'link_abc123', cancellationReason: null, rescheduledFromId: null, version: null,
    });
    expect(meetings.map((m) => m.status)).toEqual(['scheduled', 'cancelled', 'completed']);
    expect(meetings[1].cancellationReason).toBe('rescheduled by client');
  });

  it('a list item without link_title has no title; a confirmed booking that has ended is completed; end from duration when absent', () => {
    expect(toUnifiedMeeting(BOOKING, NOW).title).toBeNull();
    expect(toUnifiedMeeting(BOOKING, Date.parse('2031-05-01T10:30:00Z')).status).toBe('completed');
    const { end_time: _e, ...noEnd } = BOOKING_GET;
    expect(toUnifiedMeeting(noEnd, NOW).endTime).toBe('2031-05-01T10:30:00.000Z');
  });
});

describe('booking input', () => {
  const input = {
    bookingPageId: 'link_abc123', startTime: '2031-05-01T10:00:00Z', timezone: 'Europe/London', description: 'First-time client',
    attendees: [{ email: 'alice@example.com', name: 'Alice Example' }], answers: [{ questionId: 'q_company_size', answer: '11-50' }],
    providerData: { service_id: 'svc_1' },
  };

  it('builds the seed\'s body: answers as [{ question_id, answer }], providerData merged', () => {
    expect(toProviderBooking(input)).toEqual({
      booking_link_id: 'link_abc123', contact_name: 'Alice Example', contact_email: 'alice@example.com', start_time: '2031-05-01T10:00:00Z',
      client_timezone: 'Europe/London', notes: 'First-time client', service_id: 'svc_1', answers: [{ question_id: 'q_company_size', answer: '11-50' }],
    });
  });

  it('sends the attendee\'s phone, and the attendee\'s zone when the meeting has none', () => {
    const attendee = { email: 'alice@example.com', name: 'Alice Example', phone: '+15550100', timezone: 'Asia/Tokyo' };
    expect(toProviderBooking({ ...input, attendees: [attendee] })).toMatchObject({ contact_phone: '+15550100', client_timezone: 'Europe/London' });
    expect(toProviderBooking({ ...input, timezone: null, attendees: [attendee] }).client_timezone).toBe('Asia/Tokyo');
  });

  it('refuses what the link fixes (never drops it) and names what is missing', () => {
    expect(() => toProviderBooking({ ...input, title: 'x', endTime: '2031-05-01T11:00:00Z' })).toThrow(expect.objectContaining({
      code: 'INVALID_INPUT', details: { errors: [{ field: 'title', message: expect.any(String) }, { field: 'endTime', message: expect.any(String) }] },
    }));
    expect(() => toProviderBooking({ ...input, attendees: [{ email: 'a@example.com' }] })).toThrow(expect.objectContaining({ code: 'MISSING_REQUIRED', details: { fields: ['attendees[0].name'] } }));
    expect(() => toProviderBooking({ ...input, bookingPageId: undefined })).toThrow(expect.objectContaining({ code: 'MISSING_REQUIRED', details: { fields: ['bookingPageId'] } }));
    expect(() => toProviderBooking({ ...input, providerData: { booking_link_id: 'link_other' } })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});

describe('booking links → booking pages, users, slots', () => {
  it('maps links (golden), their hosts as users (deduplicated), and slots', () => {
    const pages = [DISCOVERY, DEMO].map(toBookingPage);
    expect(pages[0].remoteData).toBe(DISCOVERY);
    golden('bookingPages', pages.map(withoutRaw));
    expect(pages[0]).toMatchObject({ id: 'link_abc123', name: 'Discovery call', slug: '30min-discovery', durationMinutes: 30, kind: 'booking_link', active: true });
    const users = usersOfLinks([DISCOVERY, DEMO]);
    golden('users', users.map(withoutRaw));
    expect(users.map((u) => u.id)).toEqual([ADA.id, BJORN.id, KWAME.id]);
    const slots = [...SLOTS_0501, ...SLOTS_0502].map(toSlot);
    golden('availability', slots);
    expect(slots[0]).toEqual({ start: '2031-05-01T09:00:00.000Z', end: '2031-05-01T09:30:00.000Z', hostIds: ['stf_a1', 'stf_b2'] });
    expect(toSlot({ start: '2031-05-01T09:00:00Z', end: '2031-05-01T09:30:00Z' }).hostIds).toEqual([]);
  });
});
