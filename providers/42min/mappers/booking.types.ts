/**
 * 42min's booking as its API sends it (seed 003 "GET /v1/bookings", field for field). Kept here,
 * not imported from sandbox/, because the adapter talks to the real API and the sandbox is only
 * its emulator.
 */
export interface BookingHost { user_id: string; username: string; email: string }
export interface BookingAttendee { email: string; name: string; timezone: string }
export interface BookingGuest { email: string; name?: string }
export interface BookingLocation { type: 'google_meet' | 'zoom' | 'phone' | 'in_person'; url: string | null; value: string | null }

export interface Booking {
  uid: string;
  version: number;
  event_type_id: string;
  event_type_slug: string;
  title: string;
  status: 'confirmed' | 'canceled';
  start_at: string;
  end_at: string;
  timezone: string;
  host: BookingHost;
  attendees: BookingAttendee[];
  guests: BookingGuest[];
  location: BookingLocation;
  metadata: Record<string, unknown>;
  /** Null in lists, filled on GET /v1/bookings/:uid. */
  responses: Record<string, unknown> | null;
  calendar_sync_status: string;
  calendar_event_id: string | null;
  rescheduled_from_uid: string | null;
  cancelled_at: string | null;
  cancellation_reason: string | null;
  no_show_at: string | null;
  no_show_reason: string | null;
  created_at: string;
  updated_at: string;
}

/** Every success: `{ data, meta: { request_id, … } }` (seed 000). */
export interface Envelope<T> { data: T; meta: { request_id: string; next_cursor?: string | null; has_more?: boolean } }

/** POST /v1/bookings body (seed 003). */
export interface BookingCreateBody {
  event_type_id?: string;
  username?: string;
  event_slug?: string;
  start: string;
  timezone?: string;
  attendee: { email: string; name?: string; phone?: string; timezone?: string };
  guests?: { email: string; name?: string }[];
  metadata?: Record<string, unknown>;
  [providerField: string]: unknown;
}

/** PATCH /v1/bookings/:uid body: the only three patchable fields (seed 003). */
export interface BookingPatchBody {
  metadata?: Record<string, unknown>;
  responses?: Record<string, unknown>;
  attendee_name?: string;
}

/** POST /v1/bookings/:uid/reschedule body (reason: max 1024, seed 003). */
export interface BookingRescheduleBody { start: string; timezone?: string; reason?: string }

/** POST /v1/bookings/:uid/cancel body (reason: max 1024, seed 003). */
export interface BookingCancelBody { reason?: string }

/**
 * A host as `GET /v1/users` lists it. UNCONFIRMED: the endpoint and this shape are the sandbox's
 * own (README § Assumptions); the seeds only show hosts inside bookings (BookingHost).
 */
export interface HostUser {
  user_id: string;
  username: string;
  email: string;
  name: string | null;
  timezone: string;
  active: boolean;
}

/**
 * An event type as `GET /v1/event-types` lists it. UNCONFIRMED: the seeds name event types only
 * through bookings (id, slug, duration, status `on`); the endpoint and the rest of the shape are the
 * sandbox's own (README § Assumptions).
 */
export interface EventTypeWire {
  id: string;
  slug: string;
  title: string;
  duration_minutes: number;
  status: 'on' | 'off';
  disable_rescheduling: boolean;
  host: BookingHost;
  hosts: BookingHost[];
  url: string | null;
  [field: string]: unknown;
}

/** One free slot of `GET /v1/slots` (UNCONFIRMED, README § Assumptions). */
export interface SlotWire { start: string; end: string; host_user_ids: string[] }
