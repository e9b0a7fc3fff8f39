/**
 * The unified model (API.md § Models) as TypeScript types. The JSON Schemas in ./schemas.ts describe
 * the same shapes for validation, the OpenAPI document and the contract tests.
 */
export interface LabeledValue { value: string; type: string | null }

interface RecordBase {
  /** The provider's id. */
  id: string;
  createdAt: string | null;
  updatedAt: string | null;
  customFields: Record<string, unknown>;
  /** The provider's record as it came; only with ?includeRaw=true. */
  remoteData?: unknown;
}

export interface Contact extends RecordBase {
  firstName: string | null;
  lastName: string | null;
  name: string | null;
  email: string | null;
  emails: LabeledValue[];
  phone: string | null;
  phones: LabeledValue[];
  company: string | null;
  companyId: string | null;
  title: string | null;
  ownerId: string | null;
}

export interface Lead extends RecordBase {
  firstName: string | null;
  lastName: string | null;
  name: string | null;
  email: string | null;
  phone: string | null;
  company: string | null;
  title: string | null;
  status: string | null;
  source: string | null;
  ownerId: string | null;
  contactId: string | null;
}

export interface MeetingAttendee { email: string | null; name: string | null; contactId: string | null }

/** `pending`: booked but awaiting the host's confirmation (booking engines only). */
export type MeetingStatus = 'scheduled' | 'pending' | 'cancelled' | 'completed';

export interface Meeting extends RecordBase {
  title: string | null;
  description: string | null;
  startTime: string | null;
  endTime: string | null;
  timezone: string | null;
  location: string | null;
  status: MeetingStatus;
  attendees: MeetingAttendee[];
  contactIds: string[];
  ownerId: string | null;
  /*
   * Booking-engine fields (API.md § Scheduling). An adapter whose provider has no such notion may
   * leave them out; the core answers them as null (src/unified/meeting-defaults.ts), so callers always see them.
   */
  /** The booking page (event type, booking link, service) the meeting was booked through. */
  bookingPageId?: string | null;
  /** The provider's users hosting it (ids of GET /v1/users). */
  hostIds?: string[] | null;
  cancellationReason?: string | null;
  /** Set when a reschedule made a new record: the id of the record it replaced. */
  rescheduledFromId?: string | null;
  /** The provider's record version (opaque; the meeting's ETag), where the provider versions records. */
  version?: string | null;
}

/** A person at the provider: CRM owner/user, scheduling host, employee (GET /v1/users). */
export interface User {
  id: string;
  name: string | null;
  email: string | null;
  /** False for deactivated or archived users (they still own old records). */
  active: boolean;
  remoteData?: unknown;
}

export interface BookingPageHost { id: string; name: string | null; email: string | null }

/** What can be booked: an event type, a booking link, a service (GET /v1/booking-pages). */
export interface BookingPage {
  id: string;
  name: string;
  slug: string | null;
  durationMinutes: number | null;
  /** The public booking URL, where the provider has one. */
  url: string | null;
  active: boolean;
  hosts: BookingPageHost[];
  kind: 'event_type' | 'booking_link' | 'service';
  priceCents?: number | null;
  /** ISO 4217, with priceCents. */
  currency?: string | null;
  remoteData?: unknown;
}

/** One free slot, in UTC, with the hosts who could take it (GET /v1/availability). */
export interface Slot { start: string; end: string; hostIds: string[] }

/** Write inputs: every field optional on update; `providerData` is merged into the provider request as-is. */
/** On writes the label of an email or phone may be left out. */
export interface LabeledValueInput { value: string; type?: string | null }

export interface ContactInput {
  firstName?: string | null; lastName?: string | null; email?: string | null; emails?: LabeledValueInput[];
  phone?: string | null; phones?: LabeledValueInput[]; company?: string | null; companyId?: string | null;
  title?: string | null; ownerId?: string | null; customFields?: Record<string, unknown>; providerData?: Record<string, unknown>;
}

export interface LeadInput {
  firstName?: string | null; lastName?: string | null; email?: string | null; phone?: string | null;
  company?: string | null; title?: string | null; status?: string | null; source?: string | null;
  ownerId?: string | null; contactId?: string | null; customFields?: Record<string, unknown>; providerData?: Record<string, unknown>;
}

export interface MeetingInput {
  title?: string | null; description?: string | null; startTime?: string; endTime?: string | null;
  timezone?: string | null; location?: string | null; status?: Exclude<MeetingStatus, 'pending'>;
  /** `phone` and `timezone` only when booking (create with bookingPageId, providers with booking pages). */
  attendees?: { email: string; name?: string | null; contactId?: string | null; phone?: string | null; timezone?: string | null }[];
  contactIds?: string[]; ownerId?: string | null; customFields?: Record<string, unknown>; providerData?: Record<string, unknown>;
  /**
   * Booking (create only): book this booking page's slot at startTime for attendees[0]. The core
   * accepts it only for providers that declare bookingPages.
   */
  bookingPageId?: string;
  /** Answers to the booking page's questions. */
  answers?: BookingAnswer[];
}

export interface BookingAnswer { questionId: string; answer: unknown }

/** POST /v1/meetings/:id/cancel. Cancelling a cancelled meeting returns it unchanged. */
export interface CancelInput { reason: string | null }

/** POST /v1/meetings/:id/reschedule: the same booking at a new start (duration kept). */
export interface RescheduleInput { startTime: string; timezone: string | null; reason: string | null }

export interface UnifiedRecords { contacts: Contact; leads: Lead; meetings: Meeting }
export interface UnifiedInputs { contacts: ContactInput; leads: LeadInput; meetings: MeetingInput }
