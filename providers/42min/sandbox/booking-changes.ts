import { ApiError } from './envelope';
import { bookingEndMs, bookingStartMs, detailView, iso, type AccountState, type Booking, type JsonObject } from './model';
import { assertBookingNotStarted, assertSlotNotPast, pickFreeHost } from './slots';
import { bookingNotFound, isPlainObject, isTimezone, isUuid, optionalString, parseIso, validationError } from './validate';

/** Seed 003: every :uid endpoint rejects non-UUIDs with 404 booking_not_found (no format leak). */
export function findBooking(state: AccountState, uid: string): Booking {
  const b = isUuid(uid) ? state.bookings.get(uid.toLowerCase()) : undefined;
  if (!b) throw bookingNotFound();
  return b;
}

const bodyObject = (raw: unknown): JsonObject => {
  if (raw === undefined) return {};
  if (!isPlainObject(raw)) throw validationError('The request body must be a JSON object.');
  return raw;
};

const touch = (b: Booking, nowMs: number): void => {
  b.version += 1;
  b.updated_at = iso(nowMs);
};

const etypeOf = (state: AccountState, b: Booking) => state.eventTypes.find((e) => e.id === b.event_type_id);

/**
 * POST /v1/bookings/:uid/cancel — idempotent: an already canceled booking comes back as it is
 * (no error, no version bump); a confirmed one that already started is 409 booking_in_past.
 */
export function cancelBooking(state: AccountState, uid: string, rawBody: unknown, nowMs: number): Booking {
  const b = findBooking(state, uid);
  const reason = optionalString(bodyObject(rawBody), 'reason', 1024);
  if (b.status === 'canceled') return detailView(b);
  assertBookingNotStarted(bookingStartMs(b), nowMs);
  b.status = 'canceled';
  b.cancelled_at = iso(nowMs);
  b.cancellation_reason = reason ?? null;
  touch(b, nowMs);
  return detailView(b);
}

/**
 * POST /v1/bookings/:uid/reschedule — moves the same booking (same uid, version bumped; the seed
 * says "Move a confirmed booking"; API.md § Clarifications: rescheduled_from_uid stays null),
 * keeping its duration and host. A target in the past is 409 slot_in_past as for create (the seed
 * lists no code for that case); the old time is free as soon as this returns.
 */
export function rescheduleBooking(state: AccountState, uid: string, rawBody: unknown, nowMs: number): Booking {
  const body = bodyObject(rawBody);
  if (body.start === undefined || body.start === null) throw validationError('start is required.', { field: 'start' });
  const startMs = parseIso(body.start);
  if (startMs === null) throw validationError('start must be an ISO 8601 timestamp.', { field: 'start' });
  if (body.timezone !== undefined && body.timezone !== null && !isTimezone(body.timezone)) {
    throw validationError('timezone must be an IANA time zone.', { field: 'timezone' });
  }
  optionalString(body, 'reason', 1024);
  const b = findBooking(state, uid);
  if (b.status !== 'confirmed') throw new ApiError(409, 'booking_already_cancelled', 'Only a confirmed booking can be rescheduled.');
  const et = etypeOf(state, b);
  if (et?.disable_rescheduling) {
    throw new ApiError(422, 'event_type_disallows_reschedule', 'This event type does not allow rescheduling.');
  }
  assertBookingNotStarted(bookingStartMs(b), nowMs);
  assertSlotNotPast(startMs, nowMs);
  if (!et) throw new ApiError(409, 'slot_unavailable', 'The requested slot is no longer available.');
  const durationMs = bookingEndMs(b) - bookingStartMs(b);
  // The same host, the same rule as a create (its own old time does not block it), under the new slot's lock.
  return state.locks.withLock([b.host.user_id], startMs, () => {
    pickFreeHost(state, et, [b.host], startMs, nowMs, { durationMs, ignoreUid: b.uid });
    b.start_at = iso(startMs);
    b.end_at = iso(startMs + durationMs);
    if (typeof body.timezone === 'string') b.timezone = body.timezone;
    touch(b, nowMs);
    return detailView(b);
  });
}

const PATCHABLE = ['metadata', 'responses', 'attendee_name'];

/** If-Match: `"3"` (as sent back from ETag), `W/"3"` or a bare `3`; anything else is 400 invalid_if_match. */
export function parseIfMatch(header: string): number {
  if (!header) throw new ApiError(428, 'missing_if_match', 'This endpoint requires an If-Match header with the booking version.');
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!m) throw new ApiError(400, 'invalid_if_match', 'If-Match must be an integer version.');
  return Number(m[1]);
}

/** PATCH /v1/bookings/:uid — metadata shallow-merged, responses replaced, attendee_name set. */
export function patchBooking(state: AccountState, uid: string, ifMatch: number, rawBody: unknown, nowMs: number): Booking {
  const b = findBooking(state, uid);
  const body = bodyObject(rawBody);
  const immutable = Object.keys(body).filter((k) => !PATCHABLE.includes(k));
  if (immutable.length > 0) {
    throw new ApiError(422, 'field_immutable', `These fields cannot be patched: ${immutable.join(', ')}.`, { fields: immutable });
  }
  for (const f of ['metadata', 'responses']) {
    if (body[f] !== undefined && !isPlainObject(body[f])) throw validationError(`${f} must be an object.`, { field: f });
  }
  const name = optionalString(body, 'attendee_name', 255);
  if (body.attendee_name === null) throw validationError('attendee_name must be a string.', { field: 'attendee_name' });
  if (ifMatch !== b.version) {
    throw new ApiError(409, 'version_conflict', 'If-Match does not match the current booking version. Re-GET and retry.');
  }
  if (isPlainObject(body.metadata)) b.metadata = { ...b.metadata, ...body.metadata };
  if (isPlainObject(body.responses)) b.responses = { ...body.responses };
  if (name !== undefined && b.attendees[0]) b.attendees = [{ ...b.attendees[0], name }, ...b.attendees.slice(1)];
  touch(b, nowMs);
  return detailView(b);
}
