import type { TeamMember } from '../../../src/provider-sdk';
import { SlotLocks } from './slot-lock';

/** One sandbox account's records, as stored (times in ms; views render ISO strings). */
export type JsonObject = Record<string, unknown>;
export type AppointmentStatus = 'pending' | 'approved' | 'canceled' | 'completed';
export const APPOINTMENT_STATUSES: readonly AppointmentStatus[] = ['pending', 'approved', 'canceled', 'completed'];

export type CustomFieldType = 'text' | 'number' | 'boolean' | 'date' | 'select';
export interface CustomField { id: number; key: string; label: string; type: CustomFieldType; options: string[]; required: boolean }

export interface Customer {
  id: number; name: string; email: string | null; phone: string | null; notes: string | null;
  gender: string | null; dateOfBirth: string | null; customFields: JsonObject;
  createdAt: number; updatedAt: number;
}

export interface Service {
  id: number; name: string; slug: string; duration: number; price: number; currency: string; description: string | null;
  active: boolean; bufferTimeBefore: number; bufferTimeAfter: number; maxCapacity: number; employeeIds: number[];
  createdAt: number; updatedAt: number;
}

export interface Employee { id: number; member: TeamMember; role: string; createdAt: number; updatedAt: number }

export interface Appointment {
  id: number; uid: string; serviceId: number; startMs: number; endMs: number; customerId: number | null;
  employeeId: number; locationId: number | null; status: AppointmentStatus; price: number; notes: string | null;
  cancellationReason: string | null; createdAt: number; updatedAt: number;
}

export interface Webhook { id: number; subscriberUrl: string; eventTriggers: string[]; secret: string | null; active: boolean; createdAt: number }

export interface AccountState {
  customers: Map<number, Customer>;
  appointments: Map<number, Appointment>;
  services: Map<number, Service>;
  employees: Employee[];
  customFields: CustomField[];
  webhooks: Map<number, Webhook>;
  nextId: { customer: number; appointment: number; webhook: number };
  locks: SlotLocks;
}

export const iso = (ms: number): string => new Date(ms).toISOString();

export function customerView(state: AccountState, c: Customer): JsonObject {
  let totalBookings = 0;
  let totalSpent = 0;
  for (const a of state.appointments.values()) {
    if (a.customerId !== c.id || a.status === 'canceled') continue;
    totalBookings += 1;
    if (a.status === 'completed') totalSpent += a.price;
  }
  return {
    id: c.id, name: c.name, email: c.email, phone: c.phone, notes: c.notes, gender: c.gender, dateOfBirth: c.dateOfBirth,
    totalBookings, totalSpent, customFields: { ...c.customFields }, createdAt: iso(c.createdAt), updatedAt: iso(c.updatedAt),
  };
}

export function serviceView(s: Service): JsonObject {
  return {
    id: s.id, name: s.name, slug: s.slug, duration: s.duration, price: s.price, currency: s.currency, description: s.description,
    active: s.active, category: null, extras: [], bufferTimeBefore: s.bufferTimeBefore, bufferTimeAfter: s.bufferTimeAfter,
    maxCapacity: s.maxCapacity, employeeIds: [...s.employeeIds], createdAt: iso(s.createdAt), updatedAt: iso(s.updatedAt),
  };
}

export function employeeView(state: AccountState, e: Employee): JsonObject {
  const serviceIds = [...state.services.values()].filter((s) => s.employeeIds.includes(e.id)).map((s) => s.id);
  return {
    id: e.id, name: e.member.name, email: e.member.email, role: e.role, serviceIds, timezone: e.member.timezone, active: true,
    createdAt: iso(e.createdAt), updatedAt: iso(e.updatedAt),
  };
}

export function appointmentView(state: AccountState, a: Appointment): JsonObject {
  const service = state.services.get(a.serviceId);
  const customer = a.customerId === null ? undefined : state.customers.get(a.customerId);
  const employee = state.employees.find((e) => e.id === a.employeeId);
  return {
    id: a.id, uid: a.uid, serviceId: a.serviceId, startTime: iso(a.startMs), endTime: iso(a.endMs), customerId: a.customerId,
    employeeId: a.employeeId, locationId: a.locationId, status: a.status, price: a.price, notes: a.notes,
    cancellationReason: a.cancellationReason,
    service: service ? { name: service.name } : null,
    customer: customer ? { name: customer.name, email: customer.email } : null,
    employee: employee ? { name: employee.member.name } : null,
    createdAt: iso(a.createdAt), updatedAt: iso(a.updatedAt),
  };
}
