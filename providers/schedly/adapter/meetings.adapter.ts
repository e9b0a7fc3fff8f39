import {
  GatewayError, InvalidInputError, ProviderFailureError, type AdapterContext, type ListParams, type Meeting, type MeetingInput, type MeetingsAdapter,
} from '../../../src/provider-sdk';
import { asSlotConflict, errorOf } from '../errors';
import {
  cancelBody, endKeepingDuration, refuseUnsupported, toProviderAppointment, toProviderAppointmentChanges, toUnifiedMeeting, touchesSlot,
} from '../mappers/appointment.mapper';
import { isWireId, isoUtc, joinName } from '../mappers/common';
import type { AppointmentBody, AppointmentWire, CustomerWire, ServiceWire, Success } from '../mappers/wire';
import { CUSTOMERS, customersByEmail } from './contacts.adapter';
import { createRecord, deleteRecord, listRecords, readRecord, updateRecord } from './records';

/**
 * Meetings ↔ Schedly appointments on /api/services/appointments (README § Mapping). Booking is a
 * create with bookingPageId (the service): the end comes from the service's duration and the
 * attendee becomes the appointment's customer (an existing one by email, else a new one).
 */
export const APPOINTMENTS = '/api/services/appointments';
export const SERVICES = '/api/services/services';
const NOT_FOUND = 'MEETING_NOT_FOUND' as const;

/** The unified filters as Schedly's; null when they can match nothing (a contactId that is no customer id). */
function filtersOf(params: ListParams): Record<string, string> | null {
  const f = params.filters;
  const q: Record<string, string> = {};
  // startDate/endDate bound the appointment's start (README § Wire, unconfirmed).
  if (f.startDate !== undefined) q.startDate = f.startDate;
  if (f.endDate !== undefined) q.endDate = f.endDate;
  if (f.contactId !== undefined) {
    if (!isWireId(f.contactId)) return null;
    q.customerId = f.contactId;
  }
  if (f.updatedSince !== undefined) q.updatedSince = f.updatedSince;
  return q;
}

const read = (ctx: AdapterContext, id: string): Promise<AppointmentWire> => readRecord<AppointmentWire>(ctx, APPOINTMENTS, id, NOT_FOUND);

const notAService = (): InvalidInputError => new InvalidInputError([{ field: 'bookingPageId', message: 'names no service of this Schedly account' }]);

function serviceIdOf(input: MeetingInput): number {
  const fromProvider = input.providerData?.serviceId;
  const id = input.bookingPageId ?? (typeof fromProvider === 'string' || typeof fromProvider === 'number' ? String(fromProvider) : undefined);
  if (id === undefined || id === '') {
    throw new InvalidInputError([{ field: 'bookingPageId', message: 'is required: a Schedly appointment is for a service (GET /v1/booking-pages)' }]);
  }
  if (!isWireId(id)) throw notAService();
  return Number(id);
}

/**
 * The end of a create: the caller's, else the start plus the service's duration (the seed makes
 * endTime required; the sandbox checks it equals that).
 */
async function endTimeOf(ctx: AdapterContext, input: MeetingInput, serviceId: number): Promise<string> {
  const given = isoUtc(input.endTime ?? null);
  if (given !== null) return given;
  const res = await ctx.http.request({ method: 'GET', path: SERVICES, query: { id: serviceId } });
  if (res.status === 404) throw notAService();
  if (res.status < 200 || res.status >= 300) throw errorOf(res);
  const service = (res.body as Success<ServiceWire>).data;
  const minutes = typeof service.duration === 'number' && service.duration > 0 ? service.duration : 60; // Schedly's default duration
  return new Date(Date.parse(input.startTime!) + minutes * 60_000).toISOString();
}

/**
 * The appointment's customer: contactIds[0] or the attendee's contactId as given; else the
 * customer holding the attendee's email; else a new customer made from the attendee.
 */
async function customerIdOf(ctx: AdapterContext, input: MeetingInput): Promise<string | null> {
  const attendee = input.attendees?.[0];
  const given = input.contactIds?.[0] ?? attendee?.contactId ?? null;
  if (given !== null) return given;
  if (!attendee) return null;
  const email = attendee.email.trim();
  const [found] = await customersByEmail(ctx, email);
  if (found) return String(found.id);
  const customer: Record<string, unknown> = { name: joinName(attendee.name, null) ?? email, email };
  // The attendee's phone goes on the new customer; the zone has no place there (Schedly times are UTC).
  if (typeof attendee.phone === 'string' && attendee.phone.trim() !== '') customer.phone = attendee.phone;
  const created = await createRecord<CustomerWire>(ctx, CUSTOMERS, customer);
  return String(created.id);
}

/**
 * A write that takes a slot: Schedly's 409 there is the slot being taken (seed: "e.g. double
 * booking"), except on an update of a canceled appointment, which Schedly refuses with the same
 * 409: `stillOpen` (asked only then) tells the two apart.
 */
async function slotWrite(write: () => Promise<AppointmentWire>, body: AppointmentBody, stillOpen: () => Promise<boolean> = async () => true): Promise<AppointmentWire> {
  try {
    return await write();
  } catch (err) {
    if (!touchesSlot(body) || !(err instanceof GatewayError) || err.code !== 'PROVIDER_CONFLICT') throw err;
    throw (await stillOpen().catch(() => true)) ? asSlotConflict(err) : err;
  }
}

const isOpen = async (ctx: AdapterContext, id: string): Promise<boolean> => (await read(ctx, id)).status !== 'canceled';

export const meetingsAdapter: MeetingsAdapter = {
  filters: ['startDate', 'endDate', 'contactId', 'updatedSince'],

  async list(ctx, params) {
    const filters = filtersOf(params);
    if (filters === null) return { items: [], nextCursor: null };
    return listRecords<AppointmentWire, Meeting>(ctx, APPOINTMENTS, params, filters, toUnifiedMeeting);
  },

  async get(ctx, id) {
    return toUnifiedMeeting(await read(ctx, id));
  },

  async create(ctx, input) {
    const serviceId = serviceIdOf(input);
    // Refusals first (the mapper's), so a refused booking never leaves a new customer behind.
    refuseUnsupported(input);
    const endTime = await endTimeOf(ctx, input, serviceId);
    const customerId = await customerIdOf(ctx, input);
    const body = toProviderAppointment(input, { serviceId, customerId, endTime });
    return toUnifiedMeeting(await slotWrite(() => createRecord<AppointmentWire>(ctx, APPOINTMENTS, body), body));
  },

  async update(ctx, id, input) {
    // Moving the start alone keeps the appointment's duration (one read for it).
    const end = input.endTime !== undefined ? isoUtc(input.endTime) ?? undefined
      : input.startTime !== undefined ? endKeepingDuration(input.startTime, await read(ctx, id)) : undefined;
    const body = toProviderAppointmentChanges(input, end);
    if (Object.keys(body).length === 0) return toUnifiedMeeting(await read(ctx, id));
    return toUnifiedMeeting(await slotWrite(() => updateRecord<AppointmentWire>(ctx, APPOINTMENTS, id, body, NOT_FOUND), body, () => isOpen(ctx, id)));
  },

  async delete(ctx, id) {
    await deleteRecord(ctx, APPOINTMENTS, id, NOT_FOUND);
  },

  async cancel(ctx, id, input) {
    // Cancelling a cancelled appointment answers it unchanged (its first reason kept).
    const current = await read(ctx, id);
    if (current.status === 'canceled') return toUnifiedMeeting(current);
    return toUnifiedMeeting(await updateRecord<AppointmentWire>(ctx, APPOINTMENTS, id, cancelBody(input.reason), NOT_FOUND));
  },

  async reschedule(ctx, id, input) {
    // In place: the same appointment at its new time, duration kept (rescheduledFromId stays null).
    const current = await read(ctx, id);
    if (current.status === 'canceled' || current.status === 'completed') {
      throw new ProviderFailureError('PROVIDER_CONFLICT', {
        message: `A ${current.status} Schedly appointment cannot be rescheduled`, details: { providerId: 'schedly', appointmentStatus: current.status },
      });
    }
    const body: AppointmentBody = { startTime: isoUtc(input.startTime), endTime: endKeepingDuration(input.startTime, current) };
    return toUnifiedMeeting(await slotWrite(() => updateRecord<AppointmentWire>(ctx, APPOINTMENTS, id, body, NOT_FOUND), body));
  },
};
