import type { Meeting, MeetingInput, MeetingStatus } from '../../../src/provider-sdk';
import { idString, isoUtc, nonEmpty, refuse, wireId, withProviderData } from './common';
import type { AppointmentBody, AppointmentStatus, AppointmentWire } from './wire';

/** Schedly appointment status → unified meeting status (issue 14 § 2). */
const STATUS: Record<AppointmentStatus, MeetingStatus> = {
  pending: 'pending', approved: 'scheduled', canceled: 'cancelled', completed: 'completed',
};
/** Unified status on writes → Schedly's (`pending` is not writable through the unified API). */
const WRITE_STATUS: Record<NonNullable<MeetingInput['status']>, AppointmentStatus> = {
  scheduled: 'approved', cancelled: 'canceled', completed: 'completed',
};

export function meetingStatus(status: string): MeetingStatus {
  // An unknown status (a new one) reads as scheduled rather than failing the whole page.
  return STATUS[status as AppointmentStatus] ?? 'scheduled';
}

/**
 * Appointment → unified meeting. The customer is the one attendee (and contactIds), the employee
 * the host (ownerId, hostIds), the service the booking page and the title.
 */
export function toUnifiedMeeting(raw: AppointmentWire): Meeting {
  const customerId = idString(raw.customerId);
  const employeeId = idString(raw.employeeId);
  const hasCustomer = customerId !== null || raw.customer != null;
  return {
    id: String(raw.id),
    createdAt: isoUtc(raw.createdAt),
    updatedAt: isoUtc(raw.updatedAt),
    customFields: {},
    title: nonEmpty(raw.service?.name),
    description: nonEmpty(raw.notes),
    startTime: isoUtc(raw.startTime),
    endTime: isoUtc(raw.endTime),
    // Schedly answers in UTC and keeps no zone on the appointment.
    timezone: null,
    location: null,
    status: meetingStatus(raw.status),
    attendees: hasCustomer ? [{ email: nonEmpty(raw.customer?.email), name: nonEmpty(raw.customer?.name), contactId: customerId }] : [],
    contactIds: customerId === null ? [] : [customerId],
    ownerId: employeeId,
    bookingPageId: idString(raw.serviceId),
    hostIds: employeeId === null ? [] : [employeeId],
    cancellationReason: nonEmpty(raw.cancellationReason),
    rescheduledFromId: null,
    version: null,
    remoteData: raw,
  };
}

/** Unified fields an appointment has no place for: refused rather than dropped (README § Mapping). */
export function refuseUnsupported(input: MeetingInput): void {
  if (input.title !== undefined && input.title !== null) refuse('title', 'Schedly names an appointment after its service (bookingPageId)');
  if (input.location !== undefined && input.location !== null) refuse('location', 'Schedly appointments take a locationId: send it in providerData.locationId');
  if (input.attendees !== undefined && input.attendees.length > 1) refuse('attendees', 'a Schedly appointment has one customer (group bookings: providerData.attendees)');
  if (input.contactIds !== undefined && input.contactIds.length > 1) refuse('contactIds', 'a Schedly appointment has one customer');
  if (input.answers !== undefined && input.answers.length > 0) refuse('answers', 'Schedly services ask no booking questions');
}

/** What the adapter resolved for a create: the service, the customer, the end time. */
export interface ResolvedAppointment { serviceId: number; customerId: string | null; endTime: string }

/** Unified meeting input (plain create or booking) → POST /api/services/appointments body. */
export function toProviderAppointment(input: MeetingInput, resolved: ResolvedAppointment): AppointmentBody {
  refuseUnsupported(input);
  const body: AppointmentBody = { serviceId: resolved.serviceId, startTime: isoUtc(input.startTime), endTime: resolved.endTime };
  if (resolved.customerId !== null) body.customerId = wireId(resolved.customerId, 'contactIds', 'customer');
  if (input.ownerId !== undefined && input.ownerId !== null) body.employeeId = wireId(input.ownerId, 'ownerId', 'employee');
  if (input.status !== undefined) body.status = WRITE_STATUS[input.status];
  if (input.description !== undefined && input.description !== null) body.notes = input.description;
  return withProviderData(body, input.providerData);
}

/**
 * Unified meeting update → PUT ?id= body, only what changes. `endTime` is the resolved end (the
 * adapter keeps the duration when only startTime moves); undefined leaves it.
 */
export function toProviderAppointmentChanges(input: MeetingInput, endTime: string | undefined): AppointmentBody {
  refuseUnsupported(input);
  if (input.bookingPageId !== undefined) refuse('bookingPageId', 'the service of an appointment is set when it is booked');
  const body: AppointmentBody = {};
  if (input.startTime !== undefined) body.startTime = isoUtc(input.startTime);
  if (endTime !== undefined) body.endTime = endTime;
  if (input.status !== undefined) body.status = WRITE_STATUS[input.status];
  if (input.ownerId !== undefined) body.employeeId = input.ownerId === null ? null : wireId(input.ownerId, 'ownerId', 'employee');
  if (input.contactIds !== undefined) body.customerId = input.contactIds[0] === undefined ? null : wireId(input.contactIds[0], 'contactIds', 'customer');
  else if (input.attendees !== undefined) {
    // The attendee is the customer: changing it by email alone would need a customer look-up the caller can do.
    const contactId = input.attendees[0]?.contactId;
    if (!contactId) refuse('attendees', 'change the customer of an appointment with contactIds (or attendees[0].contactId)');
    body.customerId = wireId(contactId, 'attendees[0].contactId', 'customer');
  }
  if (input.description !== undefined) body.notes = input.description;
  return withProviderData(body, input.providerData);
}

/** Whether the write moves the appointment or its employee, so a 409 means the slot is taken. */
export const touchesSlot = (body: AppointmentBody): boolean =>
  'startTime' in body || 'endTime' in body || 'employeeId' in body || body.status === 'approved' || body.status === 'pending';

/** The end that keeps the duration when the start moves. */
export function endKeepingDuration(startTime: string, current: AppointmentWire): string {
  const duration = Date.parse(current.endTime) - Date.parse(current.startTime);
  return new Date(Date.parse(startTime) + duration).toISOString();
}

export function cancelBody(reason: string | null): AppointmentBody {
  return { status: 'canceled', cancellationReason: reason };
}
