import { InvalidInputError, type Meeting, type MeetingAttendee, type MeetingInput } from '../../../src/provider-sdk';
import type { Booking, BookingCreateBody, BookingLocation } from './booking.types';

/**
 * Booking (42min) ↔ Meeting (unified). Pure functions: the clock is a parameter so golden files
 * stay stable. The mapping table and the choices behind it are in ../README.md § Mapping.
 */

/** The unified description lives in the booking's free-form `metadata` under this key. */
export const DESCRIPTION_KEY = 'description';

/** ISO-8601 UTC with `Z`, or null when the provider sent nothing usable. */
export function isoUtc(value: string | null | undefined): string | null {
  if (typeof value !== 'string' || value === '') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** Video locations carry a join URL; phone and in-person ones a text value (seed 003 `location`). */
export function locationText(location: BookingLocation | null | undefined): string | null {
  if (!location) return null;
  switch (location.type) {
    case 'google_meet':
    case 'zoom':
      return location.url;
    case 'phone':
    case 'in_person':
      return location.value;
    default:
      return null;
  }
}

/** 42min spells it `canceled`; a confirmed booking whose end has passed is a completed meeting. */
export function meetingStatus(b: Pick<Booking, 'status' | 'end_at'>, nowMs: number): Meeting['status'] {
  if (b.status === 'canceled') return 'cancelled';
  const end = Date.parse(b.end_at);
  return !Number.isNaN(end) && end <= nowMs ? 'completed' : 'scheduled';
}

export function toUnifiedMeeting(raw: Booking, nowMs: number = Date.now()): Meeting {
  const attendees: MeetingAttendee[] = [
    ...raw.attendees.map((a) => ({ email: a.email, name: a.name, contactId: null })),
    ...raw.guests.map((g) => ({ email: g.email, name: g.name ?? null, contactId: null })),
  ];
  const description = raw.metadata[DESCRIPTION_KEY];
  return {
    id: raw.uid,
    createdAt: isoUtc(raw.created_at),
    updatedAt: isoUtc(raw.updated_at),
    customFields: {},
    title: raw.title,
    description: typeof description === 'string' ? description : null,
    startTime: isoUtc(raw.start_at),
    endTime: isoUtc(raw.end_at),
    timezone: raw.timezone,
    location: locationText(raw.location),
    status: meetingStatus(raw, nowMs),
    attendees,
    // 42min has no CRM contacts: attendees are plain email addresses.
    contactIds: [],
    ownerId: raw.host.user_id,
    bookingPageId: raw.event_type_id,
    hostIds: [raw.host.user_id],
    cancellationReason: raw.cancellation_reason,
    // Set only on bookings re-booked through the booking page; a reschedule keeps the uid (API.md § Clarifications).
    rescheduledFromId: raw.rescheduled_from_uid,
    // The ETag 42min sends on GET is this integer in quotes; If-Match takes it back.
    version: String(raw.version),
    remoteData: raw,
  };
}

/**
 * Unified fields 42min cannot take from a caller: the event type fixes title, duration (so
 * endTime), location and host; status follows from create/cancel. A value that would be a no-op
 * (null, empty list/object, `scheduled` on create) passes; anything else is refused, never dropped.
 */
export function unsupportedFields(input: MeetingInput, opts: { allowStatusScheduled: boolean }): string[] {
  const bad: string[] = [];
  const setIf = (field: string, isSet: boolean): void => { if (isSet) bad.push(field); };
  setIf('title', input.title !== undefined && input.title !== null);
  setIf('endTime', input.endTime !== undefined && input.endTime !== null);
  setIf('location', input.location !== undefined && input.location !== null);
  setIf('ownerId', input.ownerId !== undefined && input.ownerId !== null);
  setIf('contactIds', input.contactIds !== undefined && input.contactIds.length > 0);
  setIf('customFields', input.customFields !== undefined && Object.keys(input.customFields).length > 0);
  setIf('status', input.status !== undefined && !(opts.allowStatusScheduled && input.status === 'scheduled'));
  return bad;
}

const WHY = 'is set by the 42min event type (or by cancelling) and cannot be written';

export function refuse(fields: string[], why: string = WHY): never {
  throw new InvalidInputError(fields.map((field) => ({ field, message: why })));
}

function plainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** MeetingInput → POST /v1/bookings body. `providerData` is merged in as-is (event type, responses, utm_*…). */
export function toProviderBooking(input: MeetingInput): BookingCreateBody {
  const bad = unsupportedFields(input, { allowStatusScheduled: true });
  if (bad.length > 0) refuse(bad);
  // Booking a booking page = booking its event type; answers are 42min's `responses`, keyed by question id.
  const pd: Record<string, unknown> = { ...(input.providerData ?? {}) };
  if (input.bookingPageId !== undefined) {
    if (pd.event_type_id !== undefined && pd.event_type_id !== input.bookingPageId) {
      refuse(['providerData.event_type_id'], 'names another event type than bookingPageId');
    }
    pd.event_type_id = input.bookingPageId;
  }
  if (input.answers !== undefined && input.answers.length > 0) {
    pd.responses = { ...(plainObject(pd.responses) ? pd.responses : {}), ...Object.fromEntries(input.answers.map((a) => [a.questionId, a.answer])) };
  }
  const hasId = typeof pd.event_type_id === 'string' && pd.event_type_id !== '';
  const hasSlug = typeof pd.username === 'string' && pd.username !== '' && typeof pd.event_slug === 'string' && pd.event_slug !== '';
  if (!hasId && !hasSlug) {
    refuse(['providerData.event_type_id'], 'is required, or bookingPageId (or providerData.username + providerData.event_slug): 42min books against an event type');
  }
  const [first, ...rest] = input.attendees ?? [];
  if (!first) refuse(['attendees'], 'needs at least one attendee: 42min books for attendees[0]; the others become guests');
  if (input.startTime === undefined) refuse(['startTime'], 'is required');
  const attendee: BookingCreateBody['attendee'] = { email: first.email };
  if (typeof first.name === 'string') attendee.name = first.name;
  if (typeof first.phone === 'string') attendee.phone = first.phone;
  if (typeof first.timezone === 'string') attendee.timezone = first.timezone;
  // 42min guests are an email and a name (seed 003): a guest's phone or zone would be dropped.
  const guestExtras = rest.flatMap((g, i) => (['phone', 'timezone'] as const).filter((f) => typeof g[f] === 'string').map((f) => `attendees[${i + 1}].${f}`));
  if (guestExtras.length > 0) refuse(guestExtras, 'is taken for attendees[0] only: 42min guests are an email and a name');
  const body: BookingCreateBody = { ...pd, start: input.startTime, attendee };
  if (typeof input.timezone === 'string') body.timezone = input.timezone;
  if (rest.length > 0) body.guests = rest.map((g) => (typeof g.name === 'string' ? { email: g.email, name: g.name } : { email: g.email }));
  if (input.description !== undefined && input.description !== null) {
    body.metadata = { ...(plainObject(pd.metadata) ? pd.metadata : {}), [DESCRIPTION_KEY]: input.description };
  }
  return body;
}
