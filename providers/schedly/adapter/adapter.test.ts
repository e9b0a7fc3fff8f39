import nock from 'nock';
import { GatewayError } from '../../../src/provider-sdk';
import { LIVE_ACCESS_TOKEN, liveAdapterContext, type LiveHarness } from '../../../test/helpers/adapter-harness';
import { exchange, golden, recordsOf, withoutRaw, type Exchange } from '../fixtures/load';
import type { CustomerWire } from '../mappers/wire';
import { adapter } from '.';

/**
 * Every request the adapter sends to the real Schedly host, pinned from the recorded exchanges in
 * ../fixtures (method, path, query, body, the bearer token): the wire choices of README § Wire.
 */
const HOST = 'https://app.schedly.io';
const r = adapter.resources!;

let h: LiveHarness;
beforeAll(async () => { nock.disableNetConnect(); h = await liveAdapterContext('schedly'); });
afterEach(() => nock.cleanAll());
afterAll(async () => { await h.close(); nock.enableNetConnect(); nock.restore(); });

const api = (): nock.Scope => nock(HOST).matchHeader('authorization', `Bearer ${LIVE_ACCESS_TOKEN}`);

/** A scope answering one recorded exchange, pinned on its method, path, query and body. */
function expectExchange(scope: nock.Scope, name: string, body?: unknown): nock.Scope {
  const ex: Exchange = exchange(name);
  const { method, path, query } = ex.request;
  const reqBody = ex.request.body as nock.RequestBodyMatcher;
  const interceptor = method === 'GET' ? scope.get(path) : method === 'POST' ? scope.post(path, reqBody)
    : method === 'PUT' ? scope.put(path, reqBody) : scope.delete(path);
  return interceptor.query(query).reply(ex.response.status, (body ?? ex.response.body) as nock.Body, ex.response.headers);
}

async function gatewayError(p: Promise<unknown>): Promise<GatewayError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(GatewayError);
  return err as GatewayError;
}
const fieldsOf = (err: GatewayError): string[] => (err.details.errors as { field: string }[]).map((e) => e.field);
const ok = (data: unknown, pagination?: unknown) => ({ status: 'success', data, ...(pagination ? { pagination } : {}) });

describe('contacts ← customers', () => {
  it('pages by page number; the cursor keeps the first page size', async () => {
    let scope = expectExchange(api(), 'customers-list');
    const first = await r.contacts!.list!(h.ctx, { limit: 3, cursor: null, filters: {} });
    scope.done();
    expect(first.items.map((c) => c.id)).toEqual(['1', '2', '3']);
    expect(first.nextCursor).toBe('2.3');
    scope = expectExchange(api(), 'customers-list-page2');
    const second = await r.contacts!.list!(h.ctx, { limit: 25, cursor: first.nextCursor, filters: {} });
    scope.done();
    expect(second.items.map((c) => c.id)).toEqual(['4']);
    expect(second.nextCursor).toBeNull();
  });

  it('sends the email and updatedSince filters, and caps limit at 100', async () => {
    const ex = exchange('customers-list-filters');
    let scope = expectExchange(api(), 'customers-list-filters');
    const page = await r.contacts!.list!(h.ctx, { limit: 50, cursor: null, filters: { email: ex.request.query.email, updatedSince: ex.request.query.updatedSince } });
    scope.done();
    expect(page.items.map((c) => c.email)).toEqual(['emily.chen@example.com']);
    scope = api().get('/api/services/customers').query({ page: '1', limit: '100' }).reply(200, ok([], { page: 1, limit: 100, total: 0, hasMore: false }));
    await r.contacts!.list!(h.ctx, { limit: 500, cursor: null, filters: {} });
    scope.done();
  });

  it('refuses a cursor it did not make, without asking Schedly', async () => {
    for (const cursor of ['abc', '1.3', '2.101', '2']) {
      expect((await gatewayError(r.contacts!.list!(h.ctx, { limit: 3, cursor, filters: {} }))).code).toBe('INVALID_INPUT');
    }
  });

  it('reads one customer with ?id=, a missing one is CONTACT_NOT_FOUND', async () => {
    let scope = expectExchange(api(), 'customers-get');
    const c = await r.contacts!.get!(h.ctx, '1');
    scope.done();
    expect(withoutRaw(c)).toEqual(golden('contacts')[4]);
    scope = expectExchange(api(), 'customers-get-not-found');
    const err = await gatewayError(r.contacts!.get!(h.ctx, '999'));
    scope.done();
    expect(err.code).toBe('CONTACT_NOT_FOUND');
  });

  it('creates with the joined name, custom fields from providerData', async () => {
    const scope = expectExchange(api(), 'customers-create');
    const c = await r.contacts!.create!(h.ctx, { firstName: 'Ada', lastName: 'Byron', email: 'ada.byron@example.com', phone: '+1-555-0199', providerData: { customFields: { referral: 'walk-in' } } });
    scope.done();
    expect(c).toMatchObject({ id: '5', firstName: 'Ada', lastName: 'Byron' });
  });

  it('maps VALIDATION_ERROR details to INVALID_INPUT fields, CONFLICT to PROVIDER_CONFLICT', async () => {
    let scope = expectExchange(api(), 'customers-create-invalid');
    let err = await gatewayError(r.contacts!.create!(h.ctx, { firstName: 'Bad', lastName: 'Email', email: 'not-an-email' }));
    scope.done();
    expect(err.code).toBe('INVALID_INPUT');
    expect(fieldsOf(err)).toEqual(['email', 'providerData.loyaltyTier']);
    expect(err.details.provider).toEqual({ status: 422, code: 'VALIDATION_ERROR', message: 'Invalid request parameters' });
    scope = expectExchange(api(), 'customers-create-conflict');
    err = await gatewayError(r.contacts!.create!(h.ctx, { firstName: 'Emily', lastName: 'Chen', email: 'emily.chen@example.com' }));
    scope.done();
    expect(err.code).toBe('PROVIDER_CONFLICT');
  });

  it('updates with PUT ?id= (only the changes); half a name reads the customer first', async () => {
    let scope = expectExchange(api(), 'customers-update');
    const c = await r.contacts!.update!(h.ctx, '1', { firstName: 'Emily', lastName: 'Chen-Wong', phone: null });
    scope.done();
    expect(c).toMatchObject({ name: 'Emily Chen-Wong', phone: null });
    scope = expectExchange(api(), 'customers-get');
    expectExchange(scope, 'customers-update');
    await r.contacts!.update!(h.ctx, '1', { lastName: 'Chen-Wong', phone: null });
    scope.done();
  });

  it('deletes with DELETE ?id=', async () => {
    const scope = expectExchange(api(), 'customers-delete');
    await r.contacts!.delete!(h.ctx, '4');
    scope.done();
  });
});

describe('meetings ← appointments', () => {
  it('pages and filters (contactId → customerId; one that is no Schedly id matches nothing)', async () => {
    let scope = expectExchange(api(), 'appointments-list');
    const first = await r.meetings!.list!(h.ctx, { limit: 2, cursor: null, filters: {} });
    expectExchange(scope, 'appointments-list-page2');
    const second = await r.meetings!.list!(h.ctx, { limit: 2, cursor: first.nextCursor, filters: {} });
    scope.done();
    expect([...first.items, ...second.items].map((m) => m.status)).toEqual(['scheduled', 'pending', 'completed', 'cancelled']);
    expect(second.nextCursor).toBeNull();
    const { query } = exchange('appointments-list-filters').request;
    scope = expectExchange(api(), 'appointments-list-filters');
    await r.meetings!.list!(h.ctx, { limit: 50, cursor: null, filters: { startDate: query.startDate, endDate: query.endDate, contactId: '1', updatedSince: query.updatedSince } });
    scope.done();
    expect(await r.meetings!.list!(h.ctx, { limit: 50, cursor: null, filters: { contactId: 'hubspot-123' } })).toEqual({ items: [], nextCursor: null });
  });

  it('reads one with ?id=, a missing one is MEETING_NOT_FOUND', async () => {
    let scope = expectExchange(api(), 'appointments-get');
    expect((await r.meetings!.get!(h.ctx, '202')).status).toBe('pending');
    scope = expectExchange(api(), 'appointments-get-not-found');
    expect((await gatewayError(r.meetings!.get!(h.ctx, '999'))).code).toBe('MEETING_NOT_FOUND');
    scope.done();
  });

  it('books: the service gives the end, a new attendee becomes a customer, then the appointment', async () => {
    const customer = recordsOf<CustomerWire>('customers-create')[0];
    const scope = expectExchange(api(), 'services-get');
    scope.get('/api/services/customers').query({ email: 'ada.byron@example.com', page: '1', limit: '10' }).reply(200, ok([], { page: 1, limit: 10, total: 0, hasMore: false }))
      .post('/api/services/customers', { name: 'Ada Byron', email: 'ada.byron@example.com', phone: '+1-555-0199' }).reply(201, ok(customer));
    expectExchange(scope, 'appointments-create');
    const m = await r.meetings!.create!(h.ctx, {
      bookingPageId: '1', startTime: '2026-12-07T09:00:00.000Z', ownerId: '2', timezone: 'Europe/London', attendees: [{ email: 'ada.byron@example.com', name: 'Ada Byron', phone: '+1-555-0199', timezone: 'Europe/London' }],
    });
    scope.done();
    expect(m).toMatchObject({ id: '205', bookingPageId: '1', contactIds: ['5'], hostIds: ['2'], status: 'scheduled' });
  });

  it('books for an existing customer found by email; a taken slot is SLOT_UNAVAILABLE', async () => {
    const emily = recordsOf<CustomerWire>('customers-get')[0];
    const scope = api().get('/api/services/customers').query({ email: 'emily.chen@example.com', page: '1', limit: '10' })
      .reply(200, ok([emily], { page: 1, limit: 10, total: 1, hasMore: false }));
    expectExchange(scope, 'appointments-create-conflict');
    const err = await gatewayError(r.meetings!.create!(h.ctx, {
      bookingPageId: '1', startTime: '2026-12-07T10:00:00.000Z', endTime: '2026-12-07T10:30:00.000Z', attendees: [{ email: 'emily.chen@example.com' }],
    }));
    scope.done();
    expect(err.code).toBe('SLOT_UNAVAILABLE');
    expect(err.details.provider).toEqual({ status: 409, code: 'CONFLICT', message: 'slot not available' });
  });

  it('refuses a booking without a service, or for a service Schedly does not have, before any write', async () => {
    expect(fieldsOf(await gatewayError(r.meetings!.create!(h.ctx, { startTime: '2026-12-07T10:00:00.000Z' })))).toEqual(['bookingPageId']);
    expect(fieldsOf(await gatewayError(r.meetings!.create!(h.ctx, { bookingPageId: 'evt_1', startTime: '2026-12-07T10:00:00.000Z' })))).toEqual(['bookingPageId']);
    const scope = api().get('/api/services/services').query({ id: '77' }).reply(404, { status: 'error', error: 'NOT_FOUND', message: 'The requested resource was not found.' });
    const err = await gatewayError(r.meetings!.create!(h.ctx, { bookingPageId: '77', startTime: '2026-12-07T10:00:00.000Z', attendees: [{ email: 'new@example.com' }] }));
    scope.done();
    expect(fieldsOf(err)).toEqual(['bookingPageId']);
  });

  it('moves the start keeping the duration (one read), PUT ?id= with the changes', async () => {
    const scope = api().get('/api/services/appointments').query({ id: '201' }).reply(200, ok(recordsOf('appointments-list')[0]));
    expectExchange(scope, 'appointments-update');
    const m = await r.meetings!.update!(h.ctx, '201', { startTime: '2026-12-07T11:00:00.000Z', description: 'Moved by phone' });
    scope.done();
    expect([m.startTime, m.endTime]).toEqual(['2026-12-07T11:00:00.000Z', '2026-12-07T11:30:00.000Z']);
  });

  it('a 409 on moving an open appointment is SLOT_UNAVAILABLE, on a canceled one PROVIDER_CONFLICT', async () => {
    const conflict = { status: 'error', error: 'CONFLICT', message: 'slot not available' };
    const [open] = recordsOf<{ status: string }>('appointments-list');
    for (const [status, code] of [['approved', 'SLOT_UNAVAILABLE'], ['canceled', 'PROVIDER_CONFLICT']] as const) {
      const scope = api().put('/api/services/appointments', { startTime: '2026-12-07T12:00:00.000Z', endTime: '2026-12-07T12:30:00.000Z' }).query({ id: '201' }).reply(409, conflict)
        .get('/api/services/appointments').query({ id: '201' }).reply(200, ok({ ...open, status }));
      const err = await gatewayError(r.meetings!.update!(h.ctx, '201', { startTime: '2026-12-07T12:00:00.000Z', endTime: '2026-12-07T12:30:00.000Z' }));
      scope.done();
      expect(err.code).toBe(code);
    }
  });

  it('cancels with PUT { status: canceled, cancellationReason }; a canceled one comes back unchanged', async () => {
    let scope = expectExchange(api(), 'appointments-get');
    expectExchange(scope, 'appointments-cancel');
    const m = await r.meetings!.cancel!(h.ctx, '202', { reason: 'Client ill' });
    scope.done();
    expect([m.status, m.cancellationReason]).toEqual(['cancelled', 'Client ill']);
    const canceled = recordsOf('appointments-cancel')[0];
    scope = api().get('/api/services/appointments').query({ id: '202' }).reply(200, ok(canceled));
    expect(withoutRaw(await r.meetings!.cancel!(h.ctx, '202', { reason: 'again' }))).toEqual(withoutRaw(m));
    scope.done();
  });

  it('reschedules in place (same id, duration kept); a canceled appointment is PROVIDER_CONFLICT', async () => {
    let scope = api().get('/api/services/appointments').query({ id: '201' }).reply(200, ok(recordsOf('appointments-list')[0]))
      .put('/api/services/appointments', { startTime: '2026-12-07T11:00:00.000Z', endTime: '2026-12-07T11:30:00.000Z' }).query({ id: '201' })
      .reply(200, ok(recordsOf('appointments-update')[0]));
    const m = await r.meetings!.reschedule!(h.ctx, '201', { startTime: '2026-12-07T11:00:00.000Z', timezone: null, reason: null });
    scope.done();
    expect([m.id, m.rescheduledFromId, m.startTime]).toEqual(['201', null, '2026-12-07T11:00:00.000Z']);
    scope = api().get('/api/services/appointments').query({ id: '204' }).reply(200, ok(recordsOf('appointments-list-page2')[1]));
    expect((await gatewayError(r.meetings!.reschedule!(h.ctx, '204', { startTime: '2026-12-07T11:00:00.000Z', timezone: null, reason: null }))).code).toBe('PROVIDER_CONFLICT');
    scope.done();
  });

  it('deletes with DELETE ?id=', async () => {
    const scope = expectExchange(api(), 'appointments-delete');
    await r.meetings!.delete!(h.ctx, '203');
    scope.done();
  });
});

describe('booking pages, users, availability', () => {
  it('lists services with their employees as hosts (two calls), filtered by host email', async () => {
    let scope = expectExchange(api(), 'services-list');
    expectExchange(scope, 'employees-list');
    const page = await r.bookingPages!.list(h.ctx, { limit: 50, cursor: null });
    scope.done();
    expect(page.items.map(withoutRaw)).toEqual(golden('bookingPages'));
    scope = expectExchange(api(), 'services-list');
    expectExchange(scope, 'employees-list');
    const chloe = await r.bookingPages!.list(h.ctx, { limit: 50, cursor: null, hostEmail: 'chloe.dubois@team.example.com' });
    scope.done();
    expect(chloe.items.map((p) => p.id)).toEqual(['2', '3']);
  });

  it('lists employees as users, paged by the gateway', async () => {
    const scope = expectExchange(api(), 'employees-list');
    const page = await r.users!.list(h.ctx, { limit: 2, cursor: null });
    scope.done();
    expect(page.items.map(withoutRaw)).toEqual(golden('users').slice(0, 2));
    expect(page.nextCursor).toBe('2');
  });

  it('asks the slots endpoint once for the whole range', async () => {
    const { query } = exchange('slots').request;
    const scope = expectExchange(api(), 'slots');
    const slots = await r.availability!.list(h.ctx, { bookingPageId: '1', startDate: query.startDate, endDate: query.endDate, timezone: 'Europe/London' });
    scope.done();
    expect(slots).toEqual(golden('availability'));
  });

  it('filters by host (the employee id from the employees list); unknown host or service is INVALID_INPUT', async () => {
    const q = { bookingPageId: '1', startDate: '2026-12-07T00:00:00.000Z', endDate: '2026-12-09T00:00:00.000Z', timezone: null };
    let scope = expectExchange(api(), 'employees-list');
    scope.get('/api/extension/slots').query({ serviceId: '1', startDate: q.startDate, endDate: q.endDate, employeeId: '2' })
      .reply(200, ok([{ start: '2026-12-07T09:30:00.000Z', end: '2026-12-07T10:00:00.000Z', employeeIds: [2] }]));
    expect((await r.availability!.list(h.ctx, { ...q, hostEmail: 'bjorn.overgaard@team.example.com' })).map((s) => s.hostIds)).toEqual([['2']]);
    scope.done();
    scope = expectExchange(api(), 'employees-list');
    expect(fieldsOf(await gatewayError(r.availability!.list(h.ctx, { ...q, hostEmail: 'nobody@example.com' })))).toEqual(['hostEmail']);
    scope.done();
    scope = api().get('/api/extension/slots').query({ serviceId: '77', startDate: q.startDate, endDate: q.endDate })
      .reply(404, { status: 'error', error: 'NOT_FOUND', message: 'Service not found.' });
    expect(fieldsOf(await gatewayError(r.availability!.list(h.ctx, { ...q, bookingPageId: '77' })))).toEqual(['bookingPageId']);
    scope.done();
  });
});

describe('enrichment, fields, identity', () => {
  it('finds customers by email (one filtered call per email); owners are employees', async () => {
    const emily = recordsOf<CustomerWire>('customers-get')[0];
    let scope = api().get('/api/services/customers').query({ email: 'emily.chen@example.com', page: '1', limit: '10' }).reply(200, ok([emily], { page: 1, limit: 10, total: 1, hasMore: false }))
      .get('/api/services/customers').query({ email: 'nobody@example.com', page: '1', limit: '10' }).reply(200, ok([], { page: 1, limit: 10, total: 0, hasMore: false }));
    const found = await adapter.lookup!.findByEmails(h.ctx, ['emily.chen@example.com', 'nobody@example.com']);
    scope.done();
    expect(found.contacts.map((c) => c.id)).toEqual(['1']);
    expect(found.leads).toEqual([]);
    scope = expectExchange(api(), 'employees-list');
    expect(await adapter.lookup!.owners(h.ctx, ['2', '9'])).toEqual([{ id: '2', name: 'Björn Øvergaard', email: 'bjorn.overgaard@team.example.com' }]);
    scope.done();
  });

  it('serves the custom-fields catalog for contacts (standard extras first), appointment extras for meetings', async () => {
    const scope = expectExchange(api(), 'custom-fields');
    const fields = await adapter.fields!.fields(h.ctx, 'contacts');
    scope.done();
    expect(fields.map((f) => f.name)).toEqual(['notes', 'gender', 'dateOfBirth', 'referral', 'vip']);
    expect(fields[3]).toEqual({ name: 'referral', label: 'How did you hear about us?', type: 'select', options: ['instagram', 'friend', 'walk-in'].map((v) => ({ value: v, label: v })) });
    expect(fields[4].options).toBeNull();
    expect((await adapter.fields!.fields(h.ctx, 'meetings')).map((f) => f.name)).toEqual(['price', 'locationId']);
  });

  it('reads and writes mapped fields: custom ones under customFields, standard ones at the top', () => {
    const raw = recordsOf<CustomerWire>('customers-get')[0];
    const cf = adapter.customFields!;
    expect([cf.read('contacts', raw, 'referral'), cf.read('contacts', raw, 'notes'), cf.read('contacts', raw, 'missing')]).toEqual(['instagram', 'Prefers morning appointments', undefined]);
    expect(cf.write('contacts', { vip: true, notes: 'x' })).toEqual({ notes: 'x', customFields: { vip: true } });
    expect(cf.write('meetings', { price: 0 })).toEqual({ price: 0 });
  });

  it('identifies the account by the username of /api/auth/oauth/me', async () => {
    const scope = expectExchange(api(), 'me');
    expect(await adapter.identify!(h.ctx)).toEqual({ providerAccountId: 'sarahj', providerAccountName: 'sarahj' });
    scope.done();
  });
});
