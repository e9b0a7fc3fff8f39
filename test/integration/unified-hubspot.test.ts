import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { listAllPages } from '../helpers/list-all';
import { connectOAuth, mintToken } from '../helpers/connect-driver';
import { SEED_COUNTS } from '../../providers/hubspot/sandbox/seed';

/**
 * The unified contacts/leads/meetings routes through the gateway with an sk_test_ key, against
 * the HubSpot sandbox (providers/hubspot/README.md: 240 contacts, 75 leads, 50 meetings seeded).
 */
let gw: TestGateway;
let key: string;
const endUserId = 'u-hubspot-unified';

type Resource = 'contacts' | 'leads' | 'meetings';
type Rec = Record<string, unknown> & { id: string; updatedAt: string | null };

const url = (resource: string, extra: Record<string, string | number> = {}, id?: string): string => {
  const q = new URLSearchParams({ provider: 'hubspot', endUserId, ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, String(v)])) });
  return `/v1/${resource}${id !== undefined ? `/${encodeURIComponent(id)}` : ''}?${q}`;
};
const call = (method: string, path: string, body?: unknown) => gw.call(method, path, { key, body });

/** Follows meta.nextCursor to the end; returns every record and the number of pages. */
async function listAll(resource: Resource, filters: Record<string, string | number> = {}): Promise<{ records: Rec[]; pages: number }> {
  return listAllPages<Rec>((page) => call('GET', url(resource, { ...filters, ...page })), 100);
}

const expectNoRepeats = (records: Rec[]): void => expect(new Set(records.map((r) => r.id)).size).toBe(records.length);

beforeAll(async () => {
  gw = await startTestGateway();
  ({ testKey: key } = await gw.newAccount());
  // Fast tests: lift both the gateway's HubSpot budget and the sandbox's burst and search buckets.
  gw.deps.providerClient.policies.override('hubspot', { rateLimit: { requests: 10_000, intervalMs: 1000 } });
  const kit = gw.deps.sandboxes!.get('hubspot')!.kit;
  kit.limits.configure('*', 'burst', { max: 100_000, windowMs: 1000 });
  kit.limits.configure('*', 'search', { max: 100_000, windowMs: 1000 });
  const r = await connectOAuth(gw, await mintToken(gw, key, { endUserId, providers: ['hubspot'] }), 'hubspot', 'hs-unified');
  if (r.type !== 'connected') throw new Error(`not connected: ${JSON.stringify(r)}`);
});
afterAll(async () => { await gw.stop(); });

describe('HubSpot unified lists', () => {
  it.each(['contacts', 'leads', 'meetings'] as const)('lists every %s to the last page, none missed or repeated', async (resource) => {
    const { records, pages } = await listAll(resource);
    expect(records).toHaveLength(SEED_COUNTS[resource]);
    expectNoRepeats(records);
    expect(pages).toBe(Math.ceil(SEED_COUNTS[resource] / 100));
    expect(records.every((r) => r.remoteData === undefined)).toBe(true);
  });

  it('filters contacts by email, case-insensitively', async () => {
    const first = (await call('GET', url('contacts', { limit: 1 }))).body.data[0] as Rec & { email: string };
    const res = await call('GET', url('contacts', { email: ` ${first.email.toUpperCase()} ` }));
    expect(res.status).toBe(200);
    expect(res.body.data.map((c: Rec) => c.id)).toEqual([first.id]);
  });

  it.each(['contacts', 'leads', 'meetings'] as const)('filters %s by updatedSince across pages (search, ascending)', async (resource) => {
    const since = '2025-09-01T00:00:00.000Z';
    const all = (await listAll(resource)).records.filter((r) => r.updatedAt! >= since);
    const { records } = await listAll(resource, { updatedSince: since });
    expectNoRepeats(records);
    expect(records.map((r) => r.id).sort()).toEqual(all.map((r) => r.id).sort());
    expect(records.map((r) => r.updatedAt)).toEqual([...records.map((r) => r.updatedAt)].sort());
  });

  it('filters leads by the primary contact email', async () => {
    const lead = (await call('GET', url('leads', { limit: 1 }))).body.data[0] as Rec & { email: string; contactId: string };
    const res = await call('GET', url('leads', { email: lead.email }));
    expect(res.body.data.map((l: Rec) => l.id)).toContain(lead.id);
    expect(res.body.data.every((l: Rec) => l.email === lead.email)).toBe(true);
  });

  it('filters meetings by startDate and endDate', async () => {
    const [startDate, endDate] = ['2026-01-01T00:00:00Z', '2026-06-01T00:00:00Z'];
    const expected = (await listAll('meetings')).records.filter((m) => (m.startTime as string) >= '2026-01-01' && (m.startTime as string) < '2026-06-01');
    const { records } = await listAll('meetings', { startDate, endDate });
    expect(records.length).toBeGreaterThan(0);
    expect(records.map((m) => m.id).sort()).toEqual(expected.map((m) => m.id).sort());
    expect((await call('GET', url('meetings', { startDate: endDate, endDate: startDate }))).body.error.code).toBe('INVALID_DATE_RANGE');
  });

  it('refuses a filter HubSpot cannot honour (meetings contactId) and a tampered cursor', async () => {
    const bad = await call('GET', url('meetings', { contactId: '1001' }));
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'INVALID_INPUT', details: { errors: [{ field: 'contactId' }] } });
    const first = await call('GET', url('contacts', { limit: 5 }));
    const cursor = first.body.meta.nextCursor as string;
    const tampered = `${cursor.slice(0, -2)}${cursor.endsWith('A') ? 'BB' : 'AA'}`;
    const res = await call('GET', url('contacts', { limit: 5, cursor: tampered }));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'INVALID_INPUT', details: { field: 'cursor' } });
  });

  it('adds remoteData with includeRaw=true', async () => {
    const res = await call('GET', url('meetings', { limit: 2, includeRaw: 'true' }));
    expect(res.body.data[0].remoteData).toMatchObject({ id: res.body.data[0].id, properties: expect.any(Object) });
  });
});

describe('HubSpot unified records', () => {
  it.each([['contacts', 'CONTACT_NOT_FOUND'], ['leads', 'LEAD_NOT_FOUND'], ['meetings', 'MEETING_NOT_FOUND']] as const)('%s: get of an unknown id is %s (and so is delete)', async (resource, code) => {
    const get = await call('GET', url(resource, {}, '987654321'));
    expect(get.status).toBe(404);
    expect(get.body.error.code).toBe(code);
    expect((await call('DELETE', url(resource, {}, '987654321'))).body.error.code).toBe(code);
  });

  it('contacts: create, get (same values), update, conflict, validation error, delete', async () => {
    const input = { firstName: 'Grace', lastName: 'Hopper', email: 'grace.hopper@example.com', phone: '+1 555 0100', company: 'Navy', title: 'Rear Admiral' };
    const created = await call('POST', url('contacts'), input);
    expect(created.status).toBe(201);
    const c = created.body.data;
    expect(c).toMatchObject({ ...input, name: 'Grace Hopper', emails: [{ value: input.email, type: 'primary' }], companyId: null, customFields: {} });
    expect((await call('GET', url('contacts', {}, c.id))).body.data).toEqual(c);
    const dup = await call('POST', url('contacts'), { email: 'GRACE.HOPPER@example.com' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('PROVIDER_CONFLICT');
    const invalid = await call('POST', url('contacts'), { email: 'owner.test@example.com', ownerId: '1' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toMatchObject({ code: 'INVALID_INPUT', details: { provider: { status: 400 } } });
    const updated = await call('PATCH', url('contacts', {}, c.id), { title: 'Commodore', phone: null });
    expect(updated.status).toBe(200);
    expect(updated.body.data).toMatchObject({ title: 'Commodore', phone: null, phones: [], email: input.email });
    expect((await call('DELETE', url('contacts', {}, c.id))).status).toBe(204);
    expect((await call('GET', url('contacts', {}, c.id))).body.error.code).toBe('CONTACT_NOT_FOUND');
  });

  it('leads: create on a contact resolved by email or given by id, get, update, delete', async () => {
    const contact = (await call('POST', url('contacts'), { firstName: 'Alan', lastName: 'Turing', email: 'alan.turing@example.com' })).body.data;
    const byEmail = await call('POST', url('leads'), { email: 'Alan.Turing@example.com', firstName: 'Alan', lastName: 'Turing', status: 'WARM' });
    expect(byEmail.status).toBe(201);
    expect(byEmail.body.data).toMatchObject({ contactId: contact.id, name: 'Alan Turing', email: 'alan.turing@example.com', status: 'WARM' });
    expect((await call('GET', url('leads', {}, byEmail.body.data.id))).body.data).toEqual(byEmail.body.data);
    const byId = await call('POST', url('leads'), { contactId: contact.id, status: 'COLD' });
    expect(byId.body.data).toMatchObject({ contactId: contact.id, name: 'Alan Turing', email: 'alan.turing@example.com', status: 'COLD' });
    const unknownContact = await call('POST', url('leads'), { contactId: '987654321' });
    expect(unknownContact.body.error).toMatchObject({ code: 'INVALID_INPUT', details: { errors: [{ field: 'contactId' }] } });
    const noContact = await call('POST', url('leads'), { email: 'nobody.here@example.com' });
    expect(noContact.body.error).toMatchObject({ code: 'INVALID_INPUT', details: { errors: [{ field: 'contactId' }] } });
    const badLabel = await call('POST', url('leads'), { contactId: contact.id, status: 'LUKEWARM' });
    expect(badLabel.body.error.code).toBe('INVALID_INPUT');
    const updated = await call('PATCH', url('leads', {}, byEmail.body.data.id), { status: 'HOT' });
    expect(updated.body.data).toMatchObject({ status: 'HOT', name: 'Alan Turing' });
    expect((await call('DELETE', url('leads', {}, byEmail.body.data.id))).status).toBe(204);
    expect((await call('GET', url('leads', {}, byEmail.body.data.id))).body.error.code).toBe('LEAD_NOT_FOUND');
  });

  it('meetings: create with attendees, get (same values), update status and contacts, delete', async () => {
    const [a, b] = (await call('GET', url('contacts', { limit: 2 }))).body.data as (Rec & { email: string })[];
    const input = { title: 'Kick-off', description: 'Scope and plan', startTime: '2026-12-03T09:00:00Z', endTime: '2026-12-03T10:00:00Z', location: 'Zoom', status: 'scheduled', attendees: [{ email: a.email }] };
    const created = await call('POST', url('meetings'), input);
    expect(created.status).toBe(201);
    const m = created.body.data;
    expect(m).toMatchObject({ title: 'Kick-off', startTime: '2026-12-03T09:00:00.000Z', endTime: '2026-12-03T10:00:00.000Z', status: 'scheduled', timezone: null, contactIds: [a.id], attendees: [{ email: a.email, contactId: a.id }] });
    expect((await call('GET', url('meetings', {}, m.id))).body.data).toEqual(m);
    const updated = await call('PATCH', url('meetings', {}, m.id), { status: 'completed', contactIds: [b.id] });
    expect(updated.body.data).toMatchObject({ status: 'completed', contactIds: [b.id] });
    const raw = await call('GET', url('meetings', { includeRaw: 'true' }, m.id));
    expect(raw.body.data.remoteData.properties).toMatchObject({ hs_meeting_outcome: 'COMPLETED', hs_timestamp: '2026-12-03T09:00:00.000Z' });
    expect((await call('DELETE', url('meetings', {}, m.id))).status).toBe(204);
    expect((await call('GET', url('meetings', {}, m.id))).body.error.code).toBe('MEETING_NOT_FOUND');
  });

  it('a create body with an unknown field is INVALID_INPUT before HubSpot is called', async () => {
    const res = await call('POST', url('contacts'), { nickname: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_INPUT');
  });
});
