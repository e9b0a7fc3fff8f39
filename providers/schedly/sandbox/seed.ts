import {
  fakeCompanies, fakePerson, isSlotFree, sandboxTeam, workingIntervals, type Rng,
} from '../../../src/provider-sdk';
import type { AccountState, Appointment, AppointmentStatus, CustomField, Customer, Employee, JsonObject, Service } from './model';
import { busyOf, rulesOf } from './slots';
import { SlotLocks } from './slot-lock';

/**
 * A sandbox account's starting data, derived only from its id (deterministic PRNG): the custom
 * field catalog, six services (one inactive), the shared sandbox team as employees, 220 customers
 * and appointments in 2026–2027 in every status, each placed on a slot that was free when placed
 * (the same rule as the API's). Record times are fixed dates, so a restart on any day gives the
 * same records.
 */
export const SEED_CUSTOMERS = 220;
export const SEED_APPOINTMENTS = 320;
const DAY = 86_400_000;
const CREATED_FROM = Date.UTC(2025, 0, 1);
const APPOINTMENTS_FROM = Date.UTC(2026, 0, 5);
const APPOINTMENTS_TO = Date.UTC(2027, 11, 20);
/** Appointments before this date are seeded as mostly completed, after it as mostly upcoming. */
const STATUS_PIVOT = Date.UTC(2026, 11, 1);

export const CUSTOM_FIELDS: readonly CustomField[] = [
  { id: 1, key: 'insurance_provider', label: 'Insurance provider', type: 'select', options: ['Aetna', 'Allianz', 'AXA', 'Bupa', 'None'], required: false },
  { id: 2, key: 'referral_source', label: 'Referral source', type: 'select', options: ['Google', 'Friend', 'Instagram', 'Doctor referral'], required: false },
  { id: 3, key: 'allergies', label: 'Allergies', type: 'text', options: [], required: false },
  { id: 4, key: 'vip', label: 'VIP', type: 'boolean', options: [], required: false },
  { id: 5, key: 'member_since', label: 'Member since', type: 'date', options: [], required: false },
  { id: 6, key: 'visits_per_year', label: 'Visits per year', type: 'number', options: [], required: false },
];

const SERVICES: Omit<Service, 'createdAt' | 'updatedAt' | 'slug' | 'currency' | 'maxCapacity'>[] = [
  { id: 1, name: 'Initial Consultation', duration: 30, price: 5000, description: 'First visit and assessment', active: true, bufferTimeBefore: 0, bufferTimeAfter: 10, employeeIds: [1, 2, 3, 4] },
  { id: 2, name: 'Follow-up Visit', duration: 20, price: 3000, description: null, active: true, bufferTimeBefore: 0, bufferTimeAfter: 0, employeeIds: [1, 2, 3, 4, 5, 6] },
  { id: 3, name: 'Physiotherapy Session', duration: 45, price: 8500, description: 'Treatment session', active: true, bufferTimeBefore: 5, bufferTimeAfter: 15, employeeIds: [2, 3, 6, 7] },
  { id: 4, name: 'Massage Therapy', duration: 60, price: 9000, description: null, active: true, bufferTimeBefore: 0, bufferTimeAfter: 15, employeeIds: [5, 7, 8] },
  { id: 5, name: 'Dental Cleaning', duration: 45, price: 12000, description: 'Scale and polish', active: true, bufferTimeBefore: 10, bufferTimeAfter: 5, employeeIds: [4, 8] },
  { id: 6, name: 'Group Workshop (retired)', duration: 90, price: 2500, description: 'No longer offered', active: false, bufferTimeBefore: 0, bufferTimeAfter: 0, employeeIds: [1] },
];

export const slugOf = (name: string): string => name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

function seedCustomFields(rng: Rng): JsonObject {
  const out: JsonObject = {};
  if (rng.chance(0.6)) out.insurance_provider = rng.pick(CUSTOM_FIELDS[0].options);
  if (rng.chance(0.4)) out.referral_source = rng.pick(CUSTOM_FIELDS[1].options);
  if (rng.chance(0.15)) out.allergies = rng.pick(['Penicillin', 'Latex', 'Nuts', 'None known']);
  if (rng.chance(0.1)) out.vip = true;
  if (rng.chance(0.3)) out.member_since = `20${rng.int(15, 25)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`;
  if (rng.chance(0.2)) out.visits_per_year = rng.int(1, 12);
  return out;
}

function seedCustomers(rng: Rng): Map<number, Customer> {
  const companies = fakeCompanies(rng, 12);
  const customers = new Map<number, Customer>();
  for (let id = 1; id <= SEED_CUSTOMERS; id += 1) {
    const p = fakePerson(rng, id, companies);
    const createdAt = CREATED_FROM + rng.int(0, 330) * DAY + rng.int(0, 1439) * 60_000;
    customers.set(id, {
      id, name: `${p.firstName} ${p.lastName}`, email: rng.chance(0.03) ? null : p.emails[0], phone: p.phone ?? p.mobile,
      notes: rng.chance(0.2) ? rng.pick(['Prefers morning appointments', 'Call before visiting', 'Pays by card']) : null,
      gender: rng.chance(0.5) ? rng.pick(['female', 'male', 'other']) : null,
      dateOfBirth: rng.chance(0.4) ? `19${rng.int(50, 99)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}` : null,
      customFields: seedCustomFields(rng), createdAt, updatedAt: createdAt + rng.int(0, 200) * DAY,
    });
  }
  return customers;
}

function statusOf(rng: Rng, startMs: number): AppointmentStatus {
  const r = rng.next();
  if (startMs < STATUS_PIVOT) return r < 0.7 ? 'completed' : r < 0.85 ? 'canceled' : r < 0.95 ? 'approved' : 'pending';
  return r < 0.6 ? 'approved' : r < 0.85 ? 'pending' : 'canceled';
}

/** Tries random (service, employee, day, grid start) until the slot is free; gives up after a bounded number of tries. */
function seedAppointments(rng: Rng, state: AccountState): void {
  const active = [...state.services.values()].filter((s) => s.active);
  const days = Math.floor((APPOINTMENTS_TO - APPOINTMENTS_FROM) / DAY);
  for (let tries = 0; state.appointments.size < SEED_APPOINTMENTS && tries < SEED_APPOINTMENTS * 20; tries += 1) {
    const service = rng.pick(active);
    const employeeId = rng.pick(service.employeeIds);
    const member = state.employees.find((e) => e.id === employeeId)!.member;
    const dayMs = APPOINTMENTS_FROM + rng.int(0, days) * DAY;
    const periods = workingIntervals(member.workingHours, member.timezone, dayMs, dayMs + DAY);
    if (periods.length === 0) continue;
    const w = rng.pick(periods);
    const rules = rulesOf(service);
    const steps = Math.floor((w.endMs - w.startMs - rules.durationMs) / rules.intervalMs);
    if (steps < 0) continue;
    const startMs = w.startMs + rng.int(0, steps) * rules.intervalMs;
    // The start is on the period's grid by construction; only the other appointments can block it.
    if (!isSlotFree(rules, { id: employeeId, working: [w], busy: busyOf(state, employeeId, startMs, startMs + 1) }, startMs, 0)) continue;
    const id = state.nextId.appointment++;
    const status = statusOf(rng, startMs);
    const createdAt = Math.max(CREATED_FROM, startMs - rng.int(1, 40) * DAY);
    const a: Appointment = {
      id, uid: `apt_${rng.hex(8)}`, serviceId: service.id, startMs, endMs: startMs + rules.durationMs,
      customerId: rng.int(1, SEED_CUSTOMERS), employeeId, locationId: null, status, price: service.price, notes: null,
      cancellationReason: status === 'canceled' ? rng.pick(['Schedule conflict', 'Feeling unwell', null]) : null,
      createdAt, updatedAt: status === 'pending' ? createdAt : Math.min(startMs, createdAt + rng.int(0, 5) * DAY),
    };
    state.appointments.set(id, a);
  }
}

export function seedAccount(rng: Rng): AccountState {
  const created = CREATED_FROM;
  const employees: Employee[] = sandboxTeam().map((member) => ({
    id: member.index + 1, member, role: member.index === 0 ? 'owner' : 'practitioner', createdAt: created, updatedAt: created,
  }));
  const services = new Map<number, Service>(SERVICES.map((s) => [s.id, {
    ...s, slug: slugOf(s.name), currency: 'usd', maxCapacity: 1, createdAt: created, updatedAt: created + s.id * DAY,
  }]));
  const state: AccountState = {
    customers: seedCustomers(rng), appointments: new Map(), services, employees, customFields: CUSTOM_FIELDS.map((f) => ({ ...f, options: [...f.options] })),
    webhooks: new Map(), nextId: { customer: SEED_CUSTOMERS + 1, appointment: 1, webhook: 1 }, locks: new SlotLocks(),
  };
  seedAppointments(rng, state);
  return state;
}
