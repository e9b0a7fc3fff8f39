import { SANDBOX_TEAM } from '../../../src/provider-sdk';
import { call, issueKey, listAll, startSchedly, T0 } from './test-support';

/** Seed 002 Services API through the envelope: customers, custom fields, services, employees, appointments. */
describe('Schedly sandbox Services API', () => {
  let s: Awaited<ReturnType<typeof startSchedly>>;
  let key: string;
  beforeAll(async () => {
    s = await startSchedly();
    key = await issueKey(s.url, 'acc_api');
    s.kit.limits.configure('acc_api', 'minute', { max: 100_000, windowMs: 60_000 });
  });
  afterAll(() => s.close());

  it('lists ≥ 200 seeded customers to the last page, by id, in the envelope with pagination', async () => {
    const { items, pages } = await listAll(s.url, key, '/api/services/customers', 40);
    expect(items.length).toBeGreaterThanOrEqual(200);
    expect(pages).toBe(Math.ceil(items.length / 40));
    expect(items.map((c) => c.id)).toEqual([...items.map((c) => c.id)].sort((a, b) => a - b));
    expect(Object.keys(items[0]).sort()).toEqual(['createdAt', 'customFields', 'dateOfBirth', 'email', 'gender', 'id', 'name', 'notes',
      'phone', 'totalBookings', 'totalSpent', 'updatedAt']);
    expect(items[0]).toMatchObject({ id: 1, name: expect.any(String), totalBookings: expect.any(Number), totalSpent: expect.any(Number),
      customFields: expect.any(Object), createdAt: expect.stringMatching(/Z$/), updatedAt: expect.stringMatching(/Z$/) });
    const first = await call(s.url, '/api/services/customers', { key });
    expect(first.body.status).toBe('success');
    expect(first.body.pagination).toEqual({ page: 1, limit: 50, total: items.length, hasMore: true });
  });

  it('refuses a limit over 100 and a bad page with 400 VALIDATION_ERROR naming the parameter', async () => {
    const r = await call(s.url, '/api/services/customers?limit=101', { key });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ status: 'error', error: 'VALIDATION_ERROR', message: 'Invalid request parameters', details: [{ field: 'limit', message: 'Must be at most 100' }] });
    expect((await call(s.url, '/api/services/customers?page=0', { key })).body.details[0].field).toBe('page');
    expect((await call(s.url, '/api/services/customers?updatedSince=yesterday', { key })).body.details[0].field).toBe('updatedSince');
  });

  it('filters by email (exact, case-insensitive) and by updatedSince (ordered by updatedAt, then id)', async () => {
    const one = (await call(s.url, '/api/services/customers?id=7', { key })).body.data;
    const byEmail = await call(s.url, `/api/services/customers?email=${encodeURIComponent(one.email.toUpperCase())}`, { key });
    expect(byEmail.body.data.map((c: { id: number }) => c.id)).toEqual([7]);
    expect((await call(s.url, '/api/services/customers?email=nobody@example.com', { key })).body.data).toEqual([]);
    const since = '2025-06-01T00:00:00.000Z';
    const { items } = await listAll(s.url, key, `/api/services/customers?updatedSince=${since}`);
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((c) => c.updatedAt >= since)).toBe(true);
    for (let i = 1; i < items.length; i += 1) {
      const [a, b] = [items[i - 1], items[i]];
      expect(a.updatedAt < b.updatedAt || (a.updatedAt === b.updatedAt && a.id < b.id)).toBe(true);
    }
  });

  it('creates, reads, updates (partial, custom fields merged) and deletes a customer', async () => {
    const created = await call(s.url, '/api/services/customers', {
      method: 'POST', key, json: { name: 'Emily Chen', email: 'emily.chen@example.com', phone: '+1-555-0102', customFields: { vip: true, insurance_provider: 'AXA' } },
    });
    expect(created.status).toBe(201);
    const c = created.body.data;
    expect(c).toMatchObject({ name: 'Emily Chen', email: 'emily.chen@example.com', totalBookings: 0, totalSpent: 0, customFields: { vip: true, insurance_provider: 'AXA' } });
    expect(c.createdAt).toBe(new Date(T0).toISOString());
    s.clock.advance(60_000);
    const updated = await call(s.url, `/api/services/customers?id=${c.id}`, { method: 'PUT', key, json: { notes: 'Prefers mornings', customFields: { vip: null, allergies: 'Latex' } } });
    expect(updated.status).toBe(200);
    expect(updated.body.data).toMatchObject({ name: 'Emily Chen', notes: 'Prefers mornings', customFields: { insurance_provider: 'AXA', allergies: 'Latex' } });
    expect(updated.body.data.customFields.vip).toBeUndefined();
    expect(updated.body.data.updatedAt).toBe(new Date(T0 + 60_000).toISOString());
    expect((await call(s.url, `/api/services/customers?id=${c.id}`, { key })).body.data).toEqual(updated.body.data);
    const del = await call(s.url, `/api/services/customers?id=${c.id}`, { method: 'DELETE', key });
    expect(del.body).toEqual({ status: 'success', data: { id: c.id, deleted: true } });
    const gone = await call(s.url, `/api/services/customers?id=${c.id}`, { key });
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ status: 'error', error: 'NOT_FOUND', message: 'The requested resource was not found.' });
    expect((await call(s.url, `/api/services/customers?id=${c.id}`, { method: 'PUT', key, json: { name: 'x' } })).status).toBe(404);
    expect((await call(s.url, '/api/services/customers', { method: 'DELETE', key })).body.error).toBe('BAD_REQUEST');
  });

  it('answers 422 VALIDATION_ERROR with every failing field, 409 CONFLICT on a duplicate email, 400 BAD_REQUEST on bad JSON', async () => {
    const bad = await call(s.url, '/api/services/customers', { method: 'POST', key, json: { email: 'not-an-email', customFields: { shoe_size: 42, vip: 'yes' } } });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toBe('VALIDATION_ERROR');
    expect(bad.body.details).toEqual(expect.arrayContaining([
      { field: 'name', message: 'Required field' },
      { field: 'email', message: 'Must be a valid email address' },
      { field: 'customFields.shoe_size', message: 'Unknown custom field' },
      { field: 'customFields.vip', message: 'Must be a boolean' },
    ]));
    const existing = (await call(s.url, '/api/services/customers?id=3', { key })).body.data;
    const dup = await call(s.url, '/api/services/customers', { method: 'POST', key, json: { name: 'Dup', email: existing.email.toUpperCase() } });
    expect([dup.status, dup.body.error]).toEqual([409, 'CONFLICT']);
    const junk = await call(s.url, '/api/services/customers', { method: 'POST', key, body: '{nope', headers: { 'content-type': 'application/json' } });
    expect([junk.status, junk.body.error]).toEqual([400, 'BAD_REQUEST']);
    expect((await call(s.url, '/api/services/nothing-here', { key })).body).toEqual({ status: 'error', error: 'NOT_FOUND', message: 'The requested resource was not found.' });
  });

  it('serves the custom-field catalog, services (one inactive) and the shared sandbox team as employees', async () => {
    const fields = (await call(s.url, '/api/services/custom-fields', { key })).body.data;
    expect(fields).toContainEqual({ id: 1, key: 'insurance_provider', label: 'Insurance provider', type: 'select', options: ['Aetna', 'Allianz', 'AXA', 'Bupa', 'None'], required: false });
    const services = (await listAll(s.url, key, '/api/services/services')).items;
    expect(services.filter((x) => !x.active)).toHaveLength(1);
    expect(services[0]).toMatchObject({ id: 1, name: 'Initial Consultation', slug: 'initial-consultation', duration: 30, price: 5000, currency: 'usd', bufferTimeAfter: 10, active: true });
    const employees = (await listAll(s.url, key, '/api/services/employees')).items;
    expect(employees.map((e) => [e.name, e.email])).toEqual(SANDBOX_TEAM.map((m) => [m.name, m.email]));
    expect(employees[0]).toMatchObject({ id: 1, role: 'owner', serviceIds: [1, 2, 6], timezone: 'Europe/London' });
    const types = (await call(s.url, '/api/extension/event-types', { key })).body.data;
    expect(types[5]).toEqual({ id: 6, title: 'Group Workshop (retired)', slug: 'group-workshop-retired', length: 90, hidden: true });
  });

  it('seeds appointments past and future in every status, filterable by dates, status, employee and customer', async () => {
    const { items } = await listAll(s.url, key, '/api/services/appointments');
    expect(items.length).toBeGreaterThanOrEqual(200);
    for (const status of ['pending', 'approved', 'canceled', 'completed']) expect(items.some((a) => a.status === status)).toBe(true);
    const now = new Date(T0).toISOString();
    expect(items.some((a) => a.startTime < now)).toBe(true);
    expect(items.some((a) => a.startTime > now)).toBe(true);
    expect(Object.keys(items[0]).sort()).toEqual(['cancellationReason', 'createdAt', 'customer', 'customerId', 'employee', 'employeeId', 'endTime',
      'id', 'locationId', 'notes', 'price', 'service', 'serviceId', 'startTime', 'status', 'uid', 'updatedAt']);
    expect(items[0]).toMatchObject({
      id: 1, uid: expect.stringMatching(/^apt_/), serviceId: expect.any(Number), startTime: expect.stringMatching(/Z$/), endTime: expect.stringMatching(/Z$/),
      customerId: expect.any(Number), employeeId: expect.any(Number), locationId: null, status: expect.any(String), price: expect.any(Number),
      service: { name: expect.any(String) }, customer: { name: expect.any(String) }, employee: { name: expect.any(String) },
    });
    const ranged = (await listAll(s.url, key, '/api/services/appointments?startDate=2026-03-01&endDate=2026-08-31&status=completed&employeeId=2')).items;
    expect(ranged.length).toBeGreaterThan(0);
    expect(ranged.every((a) => a.startTime >= '2026-03-01' && a.startTime < '2026-09-01' && a.status === 'completed' && a.employeeId === 2)).toBe(true);
    expect(ranged.length).toBe(items.filter((a) => a.startTime >= '2026-03-01' && a.startTime < '2026-09-01' && a.status === 'completed' && a.employeeId === 2).length);
    const cust = items[0].customerId;
    const mine = (await listAll(s.url, key, `/api/services/appointments?customerId=${cust}`)).items;
    expect(mine.map((a) => a.id)).toEqual(items.filter((a) => a.customerId === cust).map((a) => a.id));
    const detail = (await call(s.url, `/api/services/customers/detail?id=${cust}`, { key })).body.data;
    expect(detail.appointments.map((a: { id: number }) => a.id).sort()).toEqual(mine.map((a) => a.id).sort());
    expect(detail.totalBookings).toBe(mine.filter((a) => a.status !== 'canceled').length);
    expect((await call(s.url, '/api/services/appointments?status=done', { key })).status).toBe(400);
  });
});
