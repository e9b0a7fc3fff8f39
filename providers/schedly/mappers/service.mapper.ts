import type { BookingPage, BookingPageHost, Slot, User } from '../../../src/provider-sdk';
import { idString, isoUtc, nonEmpty } from './common';
import type { EmployeeWire, ServiceWire, SlotWire } from './wire';

/** Employee → unified user (GET /v1/users); the id is what appointments name in employeeId. */
export function toUnifiedUser(e: EmployeeWire): User {
  return { id: String(e.id), name: nonEmpty(e.name), email: nonEmpty(e.email), active: e.active !== false, remoteData: e };
}

/**
 * The employees who perform a service: those whose `serviceIds` name it, plus those the service
 * itself lists in `employeeIds` (either side may carry the link).
 */
export function hostsOf(service: ServiceWire, employees: EmployeeWire[]): BookingPageHost[] {
  const id = String(service.id);
  const listed = new Set((service.employeeIds ?? []).map(String));
  return employees
    .filter((e) => listed.has(String(e.id)) || (e.serviceIds ?? []).some((s) => String(s) === id))
    .map((e) => ({ id: String(e.id), name: nonEmpty(e.name), email: nonEmpty(e.email) }));
}

/** Service → booking page of kind "service", with its price in cents and ISO 4217 currency. */
export function toBookingPage(service: ServiceWire, employees: EmployeeWire[]): BookingPage {
  const currency = nonEmpty(service.currency)?.toUpperCase() ?? null;
  const duration = typeof service.duration === 'number' && service.duration >= 1 ? Math.round(service.duration) : null;
  return {
    id: String(service.id),
    name: service.name,
    slug: nonEmpty(service.slug),
    durationMinutes: duration,
    // Schedly documents no public booking URL per service.
    url: null,
    active: service.active !== false,
    hosts: hostsOf(service, employees),
    kind: 'service',
    priceCents: typeof service.price === 'number' && Number.isInteger(service.price) && service.price >= 0 ? service.price : null,
    currency: currency !== null && /^[A-Z]{3}$/.test(currency) ? currency : null,
    remoteData: service,
  };
}

export function toSlot(s: SlotWire): Slot {
  return { start: isoUtc(s.start) ?? s.start, end: isoUtc(s.end) ?? s.end, hostIds: (s.employeeIds ?? []).map((id) => idString(id)!).filter(Boolean) };
}
