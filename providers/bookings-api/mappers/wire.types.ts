/**
 * The bookings API's wire shapes as the adapter reads them. Booking fields beyond the create body
 * (`id`, `status`, `end_time`, `staff_id`, timestamps, `cancellation_reason`) and the whole booking
 * link are NOT in the seed (README § Unconfirmed); the mappers tolerate their absence.
 */
export interface StaffWire { id: string; name?: string | null; email?: string | null }

export interface BookingLinkWire {
  id: string;
  slug?: string | null;
  title?: string | null;
  duration_minutes?: number | null;
  active?: boolean | null;
  url?: string | null;
  hosts?: StaffWire[] | null;
  [extra: string]: unknown;
}

export interface AnswerWire { question_id: string; answer: unknown }

export interface BookingWire {
  id: string;
  booking_link_id?: string | null;
  slug?: string | null;
  contact_name?: string | null;
  contact_email?: string | null;
  contact_phone?: string | null;
  start_time: string;
  end_time?: string | null;
  status?: string | null;
  notes?: string | null;
  client_timezone?: string | null;
  staff_id?: string | null;
  service_id?: string | null;
  answers?: AnswerWire[] | null;
  cancellation_reason?: string | null;
  created_at?: string | null;
  updated_at?: string | null;
  /** GET /api/v1/bookings/:id joins these in from the parent link. */
  link_title?: string | null;
  duration_minutes?: number | null;
  [extra: string]: unknown;
}

export interface Paged<T> { data: T[]; pagination?: { page?: number; limit?: number; total?: number; hasMore?: boolean } }

export interface SlotWire { start: string; end: string; staff_ids?: string[] }
export interface AvailabilityWire { data: { booking_link_id?: string; slug?: string; date?: string; slots: SlotWire[] } }

export interface BookingCreateBody {
  booking_link_id?: string;
  slug?: string;
  contact_name: string;
  contact_email: string;
  start_time: string;
  contact_phone?: string;
  notes?: string;
  client_timezone?: string;
  answers?: AnswerWire[];
  [extra: string]: unknown;
}
