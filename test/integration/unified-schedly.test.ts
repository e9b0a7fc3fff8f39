import { startTestGateway, type TestGateway } from '../helpers/gateway';

/**
 * Schedly (a PMS) through a real gateway in test mode against its sandbox: an API key issued by
 * POST /v1/sandbox/credentials and connected with POST /v1/connections, then customers as
 * contacts (every page, CRUD, email filter), appointments as meetings (list, book a free slot,
 * double booking, cancel), services as booking pages, employees as users, slots as availability,
 * enrichment and custom-field mappings. What the sandbox holds is read from it directly, with the
 * same key in its `cal-api-key` header.
 */
jest.setTimeout(60_000);

const PROVIDER = 'schedly';
const END_USER = 'eu-schedly';

let gw: TestGateway;
let key: string;
let apiKey: string;
let connection: { providerAccountId: string | null; providerAccountName: string | null };
const q = (extra: Record<string, string> = {}): string => new URLSearchParams({ provider: PROVIDER, endUserId: END_USER, ...extra }).toString();
const call = (method: string, path: string, body?: unknown) => gw.call(method, path, { key, body });

/** Straight to the sandbox (not through the gateway), to know what Schedly really holds. */
async function sandbox(path: string): Promise<any> {
  const res = await fetch(`${gw.url}/sandbox/schedly${path}`, { headers: { 'cal-api-key': apiKey } });
  expect(res.status).toBe(200);
  return res.json();
}

/** A seeded customer with an email (a few have none), from the sandbox's page `page` of 10. */
async function seededWithEmail(page: number): Promise<{ id: number; email: string }> {
  return ((await sandbox(`/api/services/customers?limit=10&page=${page}`)).data as { id: number; email: string | null }[])
    .find((c): c is { id: number; email: string } => typeof c.email === 'string')!;
}

async function gatewayAll(path: string, extra: Record<string, string>, limit: number): Promise<{ items: any[]; pages: number }> {
  const items: any[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res = await call('GET', `${path}?${q({ ...extra, limit: String(limit), ...(cursor ? { cursor } : {}) })}`);
    expect(res.status).toBe(200);
    items.push(...res.body.data);
    cursor = res.body.meta.nextCursor;
    pages += 1;
  } while (cursor);
  return { items, pages };
}

beforeAll(async () => {
  gw = await startTestGateway();
  key = (await gw.newAccount()).testKey;
  // The real budget (108/min) would pace this file over ~25 s; the limiter has its own tests.
  gw.deps.providerClient.policies.override(PROVIDER, { rateLimit: { requests: 10000, intervalMs: 1000 } });
  gw.deps.sandboxes!.get(PROVIDER)!.kit.limits.configure('*', 'minute', { max: 100000, windowMs: 60_000 });
  const issued = await call('POST', '/v1/sandbox/credentials', { provider: PROVIDER, endUserId: END_USER });
  expect(issued.status).toBe(201);
  apiKey = issued.body.data.credentials.apiKey;
  const conn = await call('POST', '/v1/connections', { endUserId: END_USER, provider: PROVIDER, ...issued.body.data });
  expect(conn.status).toBe(201);
  expect(conn.body.data).toMatchObject({ provider: PROVIDER, status: 'active' });
  connection = conn.body.data;
});
afterAll(() => gw.stop());

describe('provider', () => {
  it('is a PMS offering OAuth then an API key, without leads', async () => {
    const p = (await call('GET', `/v1/providers/${PROVIDER}`)).body.data;
    expect(p).toMatchObject({ category: 'pms', authTypes: ['oauth2', 'api_key'] });
    expect(p.resources.leads).toBeUndefined();
    // identify: the username of GET /api/auth/oauth/me, which answers for API keys too.
    const me = await sandbox('/api/auth/oauth/me');
    expect(connection).toMatchObject({ providerAccountId: me.username, providerAccountName: me.username });
    const leads = await call('GET', `/v1/leads?${q()}`);
    expect([leads.status, leads.body.error.code]).toEqual([400, 'UNSUPPORTED_RESOURCE']);
  });
});

describe('contacts ← customers', () => {
  it('walks every page to the last: each customer once', async () => {
    const total = (await sandbox('/api/services/customers?limit=1')).pagination.total as number;
    expect(total).toBeGreaterThanOrEqual(200);
    const { items, pages } = await gatewayAll('/v1/contacts', {}, 100);
    expect(pages).toBe(Math.ceil(total / 100));
    const ids = items.map((c) => c.id);
    expect(new Set(ids).size).toBe(total);
    expect(items.every((c) => c.remoteData === undefined && typeof c.firstName === 'string')).toBe(true);
  });

  it('finds a customer by email, whatever its case', async () => {
    const first = await seededWithEmail(3);
    const res = await call('GET', `/v1/contacts?${q({ email: first.email.toUpperCase() })}`);
    expect(res.body.data.map((c: { id: string }) => c.id)).toEqual([String(first.id)]);
  });

  it('creates, reads, updates (half a name keeps the other half), deletes', async () => {
    const created = await call('POST', `/v1/contacts?${q()}`, { firstName: 'Grace', lastName: 'Hopper', email: 'grace.hopper@navy.example', phone: '+1 555 0100' });
    expect(created.status).toBe(201);
    const { id } = created.body.data;
    expect(created.body.data).toMatchObject({ name: 'Grace Hopper', email: 'grace.hopper@navy.example', phone: '+1 555 0100' });
    expect((await call('GET', `/v1/contacts/${id}?${q()}`)).body.data.name).toBe('Grace Hopper');
    const updated = await call('PATCH', `/v1/contacts/${id}?${q()}`, { lastName: 'Murray Hopper' });
    expect(updated.status).toBe(200);
    expect(updated.body.data).toMatchObject({ firstName: 'Grace', lastName: 'Murray Hopper', name: 'Grace Murray Hopper' });
    expect((await sandbox(`/api/services/customers?id=${id}`)).data.name).toBe('Grace Murray Hopper');
    const dup = await call('POST', `/v1/contacts?${q()}`, { firstName: 'Other', email: 'GRACE.HOPPER@navy.example' });
    expect([dup.status, dup.body.error.code]).toEqual([409, 'PROVIDER_CONFLICT']);
    expect((await call('DELETE', `/v1/contacts/${id}?${q()}`)).status).toBeLessThan(300);
    const gone = await call('GET', `/v1/contacts/${id}?${q()}`);
    expect([gone.status, gone.body.error.code]).toEqual([404, 'CONTACT_NOT_FOUND']);
  });

  it('names the field Schedly refused', async () => {
    const res = await call('POST', `/v1/contacts?${q()}`, { firstName: 'X', providerData: { customFields: { visits_per_year: 'many' } } });
    expect([res.status, res.body.error.code]).toEqual([400, 'INVALID_INPUT']);
    expect(JSON.stringify(res.body.error.details.errors)).toContain('visits_per_year');
  });
});

describe('scheduling: services, employees, slots, appointments', () => {
  it('lists services as booking pages hosted by the shared team, and employees as users', async () => {
    const pages = (await call('GET', `/v1/booking-pages?${q()}`)).body.data as any[];
    expect(pages.length).toBeGreaterThan(2);
    expect(pages.every((p) => p.kind === 'service' && /^[A-Z]{3}$/.test(p.currency) && Number.isInteger(p.priceCents))).toBe(true);
    expect(pages.some((p) => !p.active)).toBe(true);
    expect(pages.flatMap((p) => p.hosts).every((h: { email: string }) => h.email.endsWith('@team.example.com'))).toBe(true);
    const users = (await call('GET', `/v1/users?${q()}`)).body.data as any[];
    expect(users.map((u) => u.email)).toContain('ada.lovelace@team.example.com');
    expect(users).toHaveLength(8);
  });

  it('lists appointments in every status, each page once', async () => {
    const { items } = await gatewayAll('/v1/meetings', {}, 100);
    const total = (await sandbox('/api/services/appointments?limit=1')).pagination.total as number;
    expect(items).toHaveLength(total);
    expect(new Set(items.map((m) => m.status))).toEqual(new Set(['pending', 'scheduled', 'cancelled', 'completed']));
    expect(items.every((m) => m.bookingPageId && m.contactIds.length === 1)).toBe(true);
  });

  it('books a free slot for a new customer, refuses the same host and slot twice, cancels (twice is a no-op)', async () => {
    const page = ((await call('GET', `/v1/booking-pages?${q()}`)).body.data as any[]).find((p) => p.active && p.hosts.length > 0);
    const start = new Date(Date.now() + 86_400_000);
    const range = { bookingPageId: page.id, startDate: start.toISOString(), endDate: new Date(start.getTime() + 7 * 86_400_000).toISOString() };
    const slots = await call('GET', `/v1/availability?${q(range)}`);
    expect(slots.status).toBe(200);
    const [slot] = slots.body.data as { start: string; end: string; hostIds: string[] }[];
    expect(slot).toBeDefined();
    const book = (email: string) => call('POST', `/v1/meetings?${q()}`, {
      bookingPageId: page.id, startTime: slot.start, ownerId: slot.hostIds[0], attendees: [{ email, name: 'Alan Turing' }],
    });
    const booked = await book('alan.turing@bletchley.example');
    expect(booked.status).toBe(201);
    expect(booked.body.data).toMatchObject({ bookingPageId: page.id, startTime: slot.start, endTime: slot.end, status: 'scheduled', hostIds: [slot.hostIds[0]], title: page.name });
    const customer = await call('GET', `/v1/contacts?${q({ email: 'alan.turing@bletchley.example' })}`);
    expect(customer.body.data.map((c: { id: string }) => c.id)).toEqual(booked.body.data.contactIds);

    const again = await book('someone.else@example.com');
    expect([again.status, again.body.error.code]).toEqual([409, 'SLOT_UNAVAILABLE']);
    const after = (await call('GET', `/v1/availability?${q({ ...range, hostEmail: page.hosts.find((h: { id: string }) => h.id === slot.hostIds[0]).email })}`)).body.data as { start: string }[];
    expect(after.map((s) => s.start)).not.toContain(slot.start);

    const id = booked.body.data.id;
    const cancelled = await call('POST', `/v1/meetings/${id}/cancel?${q()}`, { reason: 'Feeling better' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.data).toMatchObject({ id, status: 'cancelled', cancellationReason: 'Feeling better' });
    const twice = await call('POST', `/v1/meetings/${id}/cancel?${q()}`, { reason: 'other' });
    expect(twice.body.data).toMatchObject({ status: 'cancelled', cancellationReason: 'Feeling better' });
    expect((await sandbox(`/api/services/appointments?id=${id}`)).data.status).toBe('canceled');
  });
});

describe('enrichment and custom fields', () => {
  it('finds a customer by email; misses are empty', async () => {
    const c = await seededWithEmail(7);
    const res = await call('POST', '/v1/enrich', { provider: PROVIDER, endUserId: END_USER, emails: [c.email, 'nobody@nowhere.example'] });
    expect(res.status).toBe(200);
    const [hit, miss] = res.body.data;
    expect(hit).toMatchObject({ match: 'contact', lead: null });
    expect(hit.contact.id).toBe(String(c.id));
    expect(miss.match).toBeNull();
  });

  it('serves the custom-fields catalog and reads and writes mapped fields', async () => {
    const fields = (await call('GET', `/v1/fields?${q({ resource: 'contacts' })}`)).body.data as { name: string; options: unknown }[];
    expect(fields.map((f) => f.name)).toEqual(expect.arrayContaining(['notes', 'insurance_provider', 'vip']));
    const put = await call('PUT', '/v1/field-mappings', { provider: PROVIDER, resource: 'contacts', mappings: { insurer: 'insurance_provider', vip: 'vip', notes: 'notes' } });
    expect(put.status).toBeLessThan(300);
    const custom = { insurer: 'Bupa', vip: true, notes: 'Prefers mornings' };
    const created = await call('POST', `/v1/contacts?${q()}`, { firstName: 'Ada', lastName: 'Byron', email: 'ada.byron@mapping.example', customFields: custom });
    expect(created.status).toBe(201);
    expect(created.body.data.customFields).toEqual(custom);
    const raw = (await sandbox(`/api/services/customers?id=${created.body.data.id}`)).data;
    expect([raw.customFields, raw.notes]).toEqual([{ insurance_provider: 'Bupa', vip: true }, 'Prefers mornings']);
    const updated = await call('PATCH', `/v1/contacts/${created.body.data.id}?${q()}`, { customFields: { vip: false } });
    expect(updated.body.data.customFields).toEqual({ ...custom, vip: false });
    expect((await call('DELETE', `/v1/field-mappings?provider=${PROVIDER}&resource=contacts`)).status).toBeLessThan(300);
  });
});
