import { GatewayError, InvalidInputError, type Meeting, type MeetingInput } from '../../../src/provider-sdk';
import type { AnswerWire, BookingCreateBody, BookingWire } from './wire.types';

/** Booking ↔ Meeting (README § Mapping). Pure: the clock is a parameter. */

export function isoUtc(value: string | null | undefined): string | null {
  if (typeof value !== 'string' || value === '') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/**
 * confirmed → scheduled (completed once it has ended), cancelled → cancelled, no_show → completed
 * (the time has passed; the unified model has no no-show: remoteData keeps it), pending → pending.
 */
export function meetingStatus(b: Pick<BookingWire, 'status'>, endIso: string | null, nowMs: number): Meeting['status'] {
  switch (b.status) {
    case 'cancelled':
    case 'canceled':
      return 'cancelled';
    case 'no_show':
    case 'completed':
      return 'completed';
    case 'pending':
      return 'pending';
    default: {
      const end = endIso === null ? NaN : Date.parse(endIso);
      return !Number.isNaN(end) && end <= nowMs ? 'completed' : 'scheduled';
    }
  }
}

function endOf(b: BookingWire, start: string | null): string | null {
  const end = isoUtc(b.end_time);
  if (end !== null || start === null || typeof b.duration_minutes !== 'number') return end;
  return new Date(Date.parse(start) + b.duration_minutes * 60_000).toISOString();
}

export function toUnifiedMeeting(raw: BookingWire, nowMs: number = Date.now()): Meeting {
  const startTime = isoUtc(raw.start_time);
  const endTime = endOf(raw, startTime);
  const hasContact = typeof raw.contact_email === 'string' || typeof raw.contact_name === 'string';
  return {
    id: raw.id,
    createdAt: isoUtc(raw.created_at),
    updatedAt: isoUtc(raw.updated_at),
    customFields: {},
    title: raw.link_title ?? null,
    description: raw.notes ?? null,
    startTime,
    endTime,
    timezone: raw.client_timezone ?? null,
    location: null,
    status: meetingStatus(raw, endTime, nowMs),
    attendees: hasContact ? [{ email: raw.contact_email ?? null, name: raw.contact_name ?? null, contactId: null }] : [],
    contactIds: [],
    ownerId: raw.staff_id ?? null,
    bookingPageId: raw.booking_link_id ?? null,
    hostIds: raw.staff_id ? [raw.staff_id] : [],
    cancellationReason: raw.cancellation_reason ?? null,
    rescheduledFromId: null,
    version: null,
    remoteData: raw,
  };
}

const refuse = (fields: string[], why: string): never => {
  throw new InvalidInputError(fields.map((field) => ({ field, message: why })));
};

/** What the API requires (contact_name, contact_email, start_time, a link) and the input lacks: MISSING_REQUIRED, as the API's missing_field would be. */
const missing = (fields: string[]): never => {
  throw new GatewayError('MISSING_REQUIRED', { message: `Required field is missing: ${fields.join(', ')}`, details: { fields } });
};

/**
 * MeetingInput → POST /api/v1/bookings. The link fixes title, duration (so endTime), location and
 * host; status follows from create/cancel: setting any of them is refused, never dropped.
 * `providerData` is merged in as-is (contact_phone, staff_id, service_id, slug…).
 */
export function toProviderBooking(input: MeetingInput): BookingCreateBody {
  const bad: string[] = [];
  if (input.title != null) bad.push('title');
  if (input.endTime != null) bad.push('endTime');
  if (input.location != null) bad.push('location');
  if (input.ownerId != null) bad.push('ownerId');
  if (input.contactIds !== undefined && input.contactIds.length > 0) bad.push('contactIds');
  if (input.customFields !== undefined && Object.keys(input.customFields).length > 0) bad.push('customFields');
  if (input.status !== undefined && input.status !== 'scheduled') bad.push('status');
  if ((input.attendees?.length ?? 0) > 1) bad.push('attendees');
  if (bad.length > 0) refuse(bad, 'cannot be written: the booking link fixes it (one contact per booking)');
  const pd: Record<string, unknown> = { ...(input.providerData ?? {}) };
  if (input.bookingPageId !== undefined) {
    if (pd.booking_link_id !== undefined && pd.booking_link_id !== input.bookingPageId) refuse(['providerData.booking_link_id'], 'names another link than bookingPageId');
    pd.booking_link_id = input.bookingPageId;
  }
  if (typeof pd.booking_link_id !== 'string' && typeof pd.slug !== 'string') missing(['bookingPageId']);
  const first = input.attendees?.[0];
  if (!first) missing(['attendees']);
  if (typeof first!.name !== 'string' || first!.name.trim() === '') missing(['attendees[0].name']);
  if (input.startTime === undefined) missing(['startTime']);
  const body: BookingCreateBody = { ...pd, contact_name: first!.name!, contact_email: first!.email, start_time: input.startTime! };
  // The booking person's phone and zone (attendees[0].phone / .timezone, booking only); the meeting's timezone wins.
  const { phone, timezone } = first as { phone?: unknown; timezone?: unknown };
  if (typeof phone === 'string' && phone !== '') body.contact_phone = phone;
  const zone = typeof input.timezone === 'string' ? input.timezone : typeof timezone === 'string' && timezone !== '' ? timezone : null;
  if (zone !== null) body.client_timezone = zone;
  if (typeof input.description === 'string') body.notes = input.description;
  if (input.answers !== undefined && input.answers.length > 0) {
    body.answers = input.answers.map((a): AnswerWire => ({ question_id: a.questionId, answer: a.answer }));
  }
  return body;
}
