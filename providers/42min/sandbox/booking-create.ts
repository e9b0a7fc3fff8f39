import { randomUUID, randomBytes } from 'node:crypto';
import { ApiError } from './envelope';
import { detailView, hostRef, iso, type AccountState, type Attendee, type Booking, type EventType, type Guest, type Host, type JsonObject } from './model';
import { assertSlotNotPast, pickFreeHost } from './slots';
import { isEmail, isPlainObject, isTimezone, isUuid, optionalString, parseIso, validationError } from './validate';

/**
 * POST /v1/bookings (seed 003): the body's field rules and errors, in this order: body shape
 * (400 validation_error / attendee_email_invalid), event type (404 event_type_not_found,
 * 409 event_type_inactive), then the slot (409 slot_in_past, 409 slot_unavailable, 503
 * slot_lock_timeout). The slot check and the insert run under the per-slot lock of the type's
 * hosts, with no await in between: of concurrent creates of one slot exactly one gets it.
 */
function resolveEventType(state: AccountState, body: JsonObject): EventType {
  const notFound = () => new ApiError(404, 'event_type_not_found', 'Event type not found.');
  if (body.event_type_id !== undefined && body.event_type_id !== null) {
    if (!isUuid(body.event_type_id)) throw notFound();
    const id = body.event_type_id.toLowerCase();
    const byId = state.eventTypes.find((e) => e.id === id);
    if (!byId) throw notFound();
    return byId;
  }
  const { username, event_slug: slug } = body;
  if (typeof username !== 'string' || typeof slug !== 'string' || !username || !slug) {
    throw validationError('Either event_type_id or username + event_slug is required.', { field: 'event_type_id' });
  }
  const bySlug = state.eventTypes.find((e) => e.host.username === username && e.slug === slug);
  if (!bySlug) throw notFound();
  return bySlug;
}

function parseAttendee(v: unknown): Omit<Attendee, 'timezone'> & { timezone?: string } {
  if (!isPlainObject(v)) throw validationError('attendee is required.', { field: 'attendee' });
  if (v.email === undefined || v.email === null || v.email === '') throw validationError('attendee.email is required.', { field: 'attendee.email' });
  if (!isEmail(v.email)) throw new ApiError(400, 'attendee_email_invalid', 'attendee.email is not a valid email address.', { field: 'attendee.email' });
  const name = optionalString(v, 'name', 255, 'attendee.name');
  const first = optionalString(v, 'first_name', 127, 'attendee.first_name');
  const last = optionalString(v, 'last_name', 127, 'attendee.last_name');
  optionalString(v, 'phone', 64, 'attendee.phone');
  if (v.sms_opt_in !== undefined && typeof v.sms_opt_in !== 'boolean') {
    throw validationError('attendee.sms_opt_in must be a boolean.', { field: 'attendee.sms_opt_in' });
  }
  if (v.timezone !== undefined && !isTimezone(v.timezone)) {
    throw validationError('attendee.timezone must be an IANA time zone.', { field: 'attendee.timezone' });
  }
  // Seed 003: "If omitted, built from first_name + last_name, else falls back to email."
  const built = [first, last].filter(Boolean).join(' ');
  return { email: v.email, name: name || built || v.email, timezone: v.timezone as string | undefined };
}

function parseGuests(v: unknown): Guest[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw validationError('guests must be an array.', { field: 'guests' });
  return v.map((g): Guest => {
    if (typeof g === 'string' && isEmail(g)) return { email: g };
    if (isPlainObject(g) && isEmail(g.email) && (g.name === undefined || typeof g.name === 'string')) {
      return g.name === undefined ? { email: g.email } : { email: g.email, name: g.name as string };
    }
    throw validationError('guests must be emails or {email, name?} objects.', { field: 'guests' });
  });
}

function optionalObject(body: JsonObject, field: string): JsonObject | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (!isPlainObject(v)) throw validationError(`${field} must be an object.`, { field });
  return v;
}

export function createBooking(state: AccountState, rawBody: unknown, nowMs: number): Booking {
  if (!isPlainObject(rawBody)) throw validationError('The request body must be a JSON object.');
  const body = rawBody;
  const startMs = parseIso(body.start);
  if (body.start === undefined || body.start === null) throw validationError('start is required.', { field: 'start' });
  if (startMs === null) throw validationError('start must be an ISO 8601 timestamp.', { field: 'start' });
  if (body.timezone !== undefined && body.timezone !== null && !isTimezone(body.timezone)) {
    throw validationError('timezone must be an IANA time zone.', { field: 'timezone' });
  }
  const attendee = parseAttendee(body.attendee);
  const guests = parseGuests(body.guests);
  const responses = optionalObject(body, 'responses') ?? {};
  const metadata: JsonObject = { ...(optionalObject(body, 'metadata') ?? {}) };
  for (const utm of ['utm_source', 'utm_medium', 'utm_campaign']) {
    const v = optionalString(body, utm, 255);
    if (v !== undefined) metadata[utm] = v; // seed 003: "Merged into metadata."
  }
  const et = resolveEventType(state, body);
  if (et.status !== 'on') throw new ApiError(409, 'event_type_inactive', 'This event type is not active.');
  const endMs = startMs + et.duration_minutes * 60_000;
  assertSlotNotPast(startMs, nowMs);
  return state.locks.withLock(et.hosts.map((h) => h.user_id), startMs, () => {
    const host = pickFreeHost(state, et, et.hosts, startMs, nowMs);
    return insertBooking(state, { body, et, host, attendee, guests, responses, metadata, startMs, endMs, nowMs });
  });
}

interface NewBooking {
  body: JsonObject; et: EventType; host: Host; attendee: ReturnType<typeof parseAttendee>; guests: Guest[];
  responses: JsonObject; metadata: JsonObject; startMs: number; endMs: number; nowMs: number;
}

function insertBooking(state: AccountState, n: NewBooking): Booking {
  const { body, et, attendee, guests, responses, metadata, startMs, endMs, nowMs } = n;
  const timezone = (body.timezone as string | undefined) ?? attendee.timezone ?? 'UTC';
  const booking: Booking = {
    uid: randomUUID(), version: 1, event_type_id: et.id, event_type_slug: et.slug, title: et.title, status: 'confirmed',
    start_at: iso(startMs), end_at: iso(endMs), timezone, host: hostRef(n.host),
    attendees: [{ email: attendee.email, name: attendee.name, timezone: attendee.timezone ?? timezone }],
    guests, location: et.location, metadata, responses,
    calendar_sync_status: 'synced', calendar_event_id: randomBytes(13).toString('hex'),
    rescheduled_from_uid: null, cancelled_at: null, cancellation_reason: null, no_show_at: null, no_show_reason: null,
    created_at: iso(nowMs), updated_at: iso(nowMs),
  };
  state.bookings.set(booking.uid, booking);
  return detailView(booking);
}
