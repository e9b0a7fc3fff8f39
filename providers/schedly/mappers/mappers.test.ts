import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { GatewayError, LIST_SCHEMAS, UNIFIED_SCHEMAS } from '../../../src/provider-sdk';
import { GOLDEN_FILE, GOLDEN_SOURCES, recordsOf, withoutRaw } from '../fixtures/load';
import { meetingStatus, toProviderAppointment, toProviderAppointmentChanges, toUnifiedMeeting } from './appointment.mapper';
import { splitName } from './common';
import { needsCurrentName, toProviderCustomer, toUnifiedContact } from './customer.mapper';
import { toBookingPage, toSlot, toUnifiedUser } from './service.mapper';
import type { AppointmentWire, CustomerWire, EmployeeWire, ServiceWire, SlotWire } from './wire';

const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
const golden = (r: keyof typeof GOLDEN_SOURCES): unknown => JSON.parse(readFileSync(GOLDEN_FILE(r), 'utf8'));
const all = <T>(r: keyof typeof GOLDEN_SOURCES): T[] => GOLDEN_SOURCES[r].flatMap((n) => recordsOf<T>(n));

function invalidFields(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(GatewayError);
    expect((err as GatewayError).code).toBe('INVALID_INPUT');
    return ((err as GatewayError).details.errors as { field: string }[]).map((e) => e.field);
  }
  throw new Error('expected INVALID_INPUT');
}

describe('recorded Schedly records → golden files (schema-valid, remoteData kept)', () => {
  const staff = recordsOf<EmployeeWire>('employees-list');
  const cases = [
    ['contacts', all<CustomerWire>('contacts').map(toUnifiedContact), UNIFIED_SCHEMAS.contacts.record],
    ['meetings', all<AppointmentWire>('meetings').map(toUnifiedMeeting), UNIFIED_SCHEMAS.meetings.record],
    ['users', all<EmployeeWire>('users').map(toUnifiedUser), LIST_SCHEMAS.users],
    ['bookingPages', all<ServiceWire>('bookingPages').map((s) => toBookingPage(s, staff)), LIST_SCHEMAS.bookingPages],
  ] as const;
  it.each(cases)('%s', (resource, mapped, schema) => {
    const validate = ajv.compile(schema);
    for (const r of mapped) expect([validate(r), validate.errors ?? []]).toEqual([true, []]);
    expect(mapped[0].remoteData).toEqual(all(resource)[0]);
    expect(mapped.map(withoutRaw)).toEqual(golden(resource));
  });
  it('availability', () => {
    expect(all<SlotWire>('availability').map(toSlot)).toEqual(golden('availability'));
  });
});

describe('customers ↔ contacts', () => {
  it('splits name at the first space; one word is a first name', () => {
    expect(splitName('Mary Ann van Dyke')).toEqual({ firstName: 'Mary', lastName: 'Ann van Dyke' });
    expect(splitName('  Zoë  ')).toEqual({ firstName: 'Zoë', lastName: null });
    expect(splitName('')).toEqual({ firstName: null, lastName: null });
    expect(splitName(null)).toEqual({ firstName: null, lastName: null });
  });

  it('joins first and last name into name; the email names a nameless new customer', () => {
    expect(toProviderCustomer({ firstName: 'Ada', lastName: 'Byron', email: 'a@b.example' }, 'create')).toEqual({ name: 'Ada Byron', email: 'a@b.example' });
    expect(toProviderCustomer({ email: 'a@b.example' }, 'create')).toEqual({ name: 'a@b.example', email: 'a@b.example' });
    expect(invalidFields(() => toProviderCustomer({ phone: '+1 555' }, 'create'))).toEqual(['firstName']);
  });

  it('keeps the other half of the name on an update that writes one half', () => {
    const current = recordsOf<CustomerWire>('customers-get')[0];
    expect(needsCurrentName({ lastName: 'Wong' })).toBe(true);
    expect(needsCurrentName({ firstName: 'A', lastName: 'B' })).toBe(false);
    expect(toProviderCustomer({ lastName: 'Wong' }, 'update', current)).toEqual({ name: 'Emily Wong' });
    expect(toProviderCustomer({ phone: null }, 'update')).toEqual({ phone: null });
    expect(invalidFields(() => toProviderCustomer({ firstName: null, lastName: null }, 'update', current))).toEqual(['firstName']);
  });

  it('takes one email and one phone, from the scalar or the list', () => {
    expect(toProviderCustomer({ emails: [{ value: 'x@y.example' }], phones: [{ value: '1' }] }, 'update')).toEqual({ email: 'x@y.example', phone: '1' });
    expect(invalidFields(() => toProviderCustomer({ emails: [{ value: 'x@y.example' }, { value: 'z@y.example' }] }, 'update'))).toEqual(['emails']);
    expect(invalidFields(() => toProviderCustomer({ phones: [{ value: '1' }, { value: '2' }] }, 'update'))).toEqual(['phones']);
  });

  it('refuses what customers cannot hold, and merges providerData (customFields key by key)', () => {
    for (const field of ['company', 'companyId', 'title', 'ownerId'] as const) {
      expect(invalidFields(() => toProviderCustomer({ [field]: 'x' }, 'update'))).toEqual([field]);
    }
    expect(toProviderCustomer({ company: null, providerData: { notes: 'n', customFields: { vip: true } } }, 'update')).toEqual({ notes: 'n', customFields: { vip: true } });
  });
});

describe('appointments ↔ meetings', () => {
  it('maps the four statuses (and an unknown one as scheduled)', () => {
    expect(['pending', 'approved', 'canceled', 'completed', 'no_show'].map(meetingStatus)).toEqual(['pending', 'scheduled', 'cancelled', 'completed', 'scheduled']);
  });

  it('builds the create body with integer ids, the resolved end and Schedly status', () => {
    const body = toProviderAppointment(
      { startTime: '2026-12-07T10:00:00+01:00', ownerId: '2', status: 'scheduled', description: 'First visit', providerData: { price: 0 } },
      { serviceId: 1, customerId: '5', endTime: '2026-12-07T09:30:00.000Z' },
    );
    expect(body).toEqual({
      serviceId: 1, startTime: '2026-12-07T09:00:00.000Z', endTime: '2026-12-07T09:30:00.000Z', customerId: 5, employeeId: 2, status: 'approved', notes: 'First visit', price: 0,
    });
  });

  it('refuses what an appointment cannot hold, and ids that are not Schedly ids', () => {
    const resolved = { serviceId: 1, customerId: null, endTime: '2026-12-07T09:30:00.000Z' };
    const start = '2026-12-07T09:00:00.000Z';
    expect(invalidFields(() => toProviderAppointment({ startTime: start, title: 'x' }, resolved))).toEqual(['title']);
    expect(invalidFields(() => toProviderAppointment({ startTime: start, location: 'Room 1' }, resolved))).toEqual(['location']);
    expect(invalidFields(() => toProviderAppointment({ startTime: start, attendees: [{ email: 'a@b.example' }, { email: 'c@d.example' }] }, resolved))).toEqual(['attendees']);
    expect(invalidFields(() => toProviderAppointment({ startTime: start, answers: [{ questionId: 'q', answer: 1 }] }, resolved))).toEqual(['answers']);
    expect(invalidFields(() => toProviderAppointment({ startTime: start, ownerId: 'ada' }, resolved))).toEqual(['ownerId']);
    expect(invalidFields(() => toProviderAppointment({ startTime: start }, { ...resolved, customerId: 'abc' }))).toEqual(['contactIds']);
  });

  it('sends only what an update changes', () => {
    expect(toProviderAppointmentChanges({ status: 'cancelled' }, undefined)).toEqual({ status: 'canceled' });
    expect(toProviderAppointmentChanges({ status: 'completed', ownerId: null, contactIds: ['7'] }, undefined)).toEqual({ status: 'completed', employeeId: null, customerId: 7 });
    expect(toProviderAppointmentChanges({ startTime: '2026-12-07T11:00:00.000Z' }, '2026-12-07T11:30:00.000Z'))
      .toEqual({ startTime: '2026-12-07T11:00:00.000Z', endTime: '2026-12-07T11:30:00.000Z' });
    expect(toProviderAppointmentChanges({ attendees: [{ email: 'a@b.example', contactId: '3' }] }, undefined)).toEqual({ customerId: 3 });
    expect(invalidFields(() => toProviderAppointmentChanges({ attendees: [{ email: 'a@b.example' }] }, undefined))).toEqual(['attendees']);
    expect(invalidFields(() => toProviderAppointmentChanges({ bookingPageId: '2' }, undefined))).toEqual(['bookingPageId']);
  });
});

describe('services, employees, slots', () => {
  it('finds a service\'s hosts from either side of the link, upper-cases the currency', () => {
    const staff = recordsOf<EmployeeWire>('employees-list');
    const svc: ServiceWire = { id: 9, name: 'Massage', currency: 'gbp', duration: 0, price: -1, employeeIds: [3] };
    const page = toBookingPage(svc, [...staff, { id: 4, name: 'Kwame Mensah', email: 'kwame.mensah@team.example.com', serviceIds: [9] }]);
    expect(page.hosts.map((h) => h.id)).toEqual(['3', '4']);
    expect([page.currency, page.durationMinutes, page.priceCents, page.kind]).toEqual(['GBP', null, null, 'service']);
  });

  it('reads inactive employees as inactive users', () => {
    expect(recordsOf<EmployeeWire>('employees-list').map(toUnifiedUser).map((u) => u.active)).toEqual([true, true, false]);
  });
});
