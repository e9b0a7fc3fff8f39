import type { WorkingHoursRule } from '../../../src/provider-sdk';
import type { SlotLocks } from './slot-lock';

/**
 * Wire shapes of 42min bookings (seed 003 "GET /v1/bookings" response, field for field) and the
 * per-account state the sandbox keeps in memory.
 */
/** The host reference inside a booking (seed 003 `host`). */
export interface Host { user_id: string; username: string; email: string }
/**
 * A host as the sandbox knows it (a member of the shared sandbox team): the booking reference plus
 * name, time zone and weekly working hours. `GET /v1/users` (sandbox extension) lists these.
 */
export interface HostProfile extends Host { name: string; timezone: string; working_hours: WorkingHoursRule[]; active: boolean }
export interface Attendee { email: string; name: string; timezone: string }
export interface Guest { email: string; name?: string }
export interface Location { type: 'google_meet' | 'zoom' | 'phone' | 'in_person'; url: string | null; value: string | null }
export const hostRef = (h: Host): Host => ({ user_id: h.user_id, username: h.username, email: h.email });
export type JsonObject = Record<string, unknown>;

export interface Booking {
  uid: string;
  version: number;
  event_type_id: string;
  event_type_slug: string;
  title: string;
  /** Seed 003 names the values `confirmed` and `canceled`. */
  status: 'confirmed' | 'canceled';
  start_at: string;
  end_at: string;
  timezone: string;
  host: Host;
  attendees: Attendee[];
  guests: Guest[];
  location: Location;
  metadata: JsonObject;
  /** Filled on GET /v1/bookings/:uid, null on list (seed 003 field notes). */
  responses: JsonObject | null;
  calendar_sync_status: 'synced' | 'pending' | 'failed' | 'not_applicable';
  calendar_event_id: string | null;
  rescheduled_from_uid: string | null;
  cancelled_at: string | null;
  cancellation_reason: string | null;
  no_show_at: string | null;
  no_show_reason: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * Event types are not documented by the seeds beyond what bookings reference (id, slug,
 * duration_minutes, status `on`, disableRescheduling); this shape is the sandbox's own.
 * `host` is the owner (its username + slug address the type); `hosts` are who can be booked
 * (one, or several for a round-robin type). Buffers keep time free around every booking of the
 * type; slots start every `slot_interval_minutes` from the start of a host's working period.
 */
export interface EventType {
  id: string;
  slug: string;
  title: string;
  duration_minutes: number;
  status: 'on' | 'off';
  disable_rescheduling: boolean;
  host: Host;
  hosts: Host[];
  buffer_before_minutes: number;
  buffer_after_minutes: number;
  minimum_notice_minutes: number;
  slot_interval_minutes: number;
  url: string;
  location: Location;
}

/** A stored write response, replayed for the same Idempotency-Key and body. */
export interface IdempotentResponse { fingerprint: string; status: number; body: unknown; etag: string | null; storedAt: number }

export interface AccountState {
  hosts: HostProfile[];
  eventTypes: EventType[];
  bookings: Map<string, Booking>;
  idempotency: Map<string, IdempotentResponse>;
  /** Per-(host, start) slot locks held by in-flight writes (see slot-lock.ts). */
  locks: SlotLocks;
}

export const bookingStartMs = (b: Booking): number => Date.parse(b.start_at);
export const bookingEndMs = (b: Booking): number => Date.parse(b.end_at);
export const iso = (ms: number): string => new Date(ms).toISOString();

/** The list form: responses are only returned by the detail endpoint. */
export const listView = (b: Booking): Booking => ({ ...b, responses: null });
export const detailView = (b: Booking): Booking => ({ ...b, responses: b.responses ?? {} });
