import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { listAllPages } from '../helpers/list-all';
import { connectOAuth, mintToken } from '../helpers/connect-driver';

/**
 * Salesforce through the gateway with an sk_test_ key against its sandbox (seed: 240 contacts,
 * 80 leads, 50 events; providers/salesforce/README.md), connected by the real connect flow.
 */
const EU = 'eu-sf';
const q = (extra = ''): string => `provider=salesforce&endUserId=${EU}${extra}`;

describe('unified API × salesforce (sandbox)', () => {
  let gw: TestGateway;
  let key: string;

  beforeAll(async () => {
    gw = await startTestGateway();
    key = (await gw.newAccount()).testKey;
    const token = await mintToken(gw, key, { endUserId: EU, providers: ['salesforce'] });
    const result = await connectOAuth(gw, token, 'salesforce', 'acct-sf-unified');
    expect(result.type).toBe('connected');
    gw.deps.providerClient.policies.override('salesforce', { rateLimit: { requests: 10000, intervalMs: 1000 } });
  });
  afterAll(() => gw.stop());

  const get = (path: string) => gw.call('GET', path, { key });

  async function listAll(resource: string, limit: number, extra = ''): Promise<Record<string, unknown>[]> {
    const page = (p: Record<string, string>) => get(`/v1/${resource}?${q(`${extra}&${new URLSearchParams(p)}`)}`);
    return (await listAllPages<Record<string, unknown>>(page, limit)).records;
  }

  it.each([['contacts', 240, 50], ['leads', 80, 30], ['meetings', 50, 20]])('lists every %s to the last page, none missed or repeated', async (resource, seeded, limit) => {
    const all = await listAll(resource as string, limit as number);
    expect(all).toHaveLength(seeded as number);
    expect(new Set(all.map((r) => r.id)).size).toBe(seeded);
    expect(all[0]).not.toHaveProperty('remoteData');
  });

  it('contacts: email (any case) and updatedSince filters', async () => {
    const first = (await get(`/v1/contacts?${q('&limit=20')}`)).body.data as { email: string | null; updatedAt: string }[];
    const email = first.find((c) => c.email)!.email!;
    const byEmail = await get(`/v1/contacts?${q(`&email=${encodeURIComponent(email.toUpperCase())}`)}`);
    expect(byEmail.body.data.length).toBeGreaterThanOrEqual(1);
    for (const c of byEmail.body.data) expect(c.email.toLowerCase()).toBe(email.toLowerCase());
    const since = first.map((c) => c.updatedAt).sort()[15];
    const recent = await listAll('contacts', 200, `&updatedSince=${encodeURIComponent(since)}`);
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.length).toBeLessThan(240);
    for (const c of recent) expect(Date.parse(c.updatedAt as string)).toBeGreaterThanOrEqual(Date.parse(since) - 1000);
  });

  it('leads: email filter', async () => {
    const lead = (await get(`/v1/leads?${q('&limit=5')}`)).body.data.find((l: { email: string | null }) => l.email);
    const res = await get(`/v1/leads?${q(`&email=${encodeURIComponent(lead.email)}`)}`);
    expect(res.body.data.map((l: { id: string }) => l.id)).toContain(lead.id);
  });

  it('meetings: startDate/endDate and contactId filters', async () => {
    const all = await listAll('meetings', 200);
    const ranged = await listAll('meetings', 200, '&startDate=2026-06-01T00:00:00Z&endDate=2026-12-31T00:00:00Z');
    const expected = all.filter((m) => (m.startTime as string) >= '2026-06-01T00:00:00.000Z' && (m.startTime as string) < '2026-12-31T00:00:00.000Z');
    expect(ranged.map((m) => m.id).sort()).toEqual(expected.map((m) => m.id).sort());
    const invited = all.find((m) => (m.contactIds as string[]).length > 1)!;
    const contactId = (invited.contactIds as string[])[1];
    const byContact = await listAll('meetings', 200, `&contactId=${contactId}`);
    expect(byContact.map((m) => m.id)).toContain(invited.id);
    expect(byContact.map((m) => m.id).sort()).toEqual(all.filter((m) => (m.contactIds as string[]).includes(contactId)).map((m) => m.id).sort());
    expect((await get(`/v1/meetings?${q('&startDate=2026-06-01T00:00:00Z&endDate=2026-05-01T00:00:00Z')}`)).body.error.code).toBe('INVALID_DATE_RANGE');
  });

  it('contacts: create → get returns the same values; update; delete; then CONTACT_NOT_FOUND', async () => {
    const company = (await get(`/v1/contacts?${q('&limit=10')}`)).body.data.find((c: { company: string | null }) => c.company).company;
    const created = await gw.call('POST', `/v1/contacts?${q()}`, { key, body: {
      firstName: 'Zoë', lastName: "O'Brien", email: 'zoe.obrien@example.com', phones: [{ value: '+49 30 1234567', type: 'work' }], title: 'CTO', company,
    } });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ firstName: 'Zoë', lastName: "O'Brien", name: "Zoë O'Brien", company, companyId: expect.stringMatching(/^001/), phone: '+49 30 1234567' });
    const id = created.body.data.id as string;
    expect((await get(`/v1/contacts/${id}?${q()}`)).body.data).toEqual(created.body.data);
    const raw = await get(`/v1/contacts/${id}?${q('&includeRaw=true')}`);
    expect(raw.body.data.remoteData).toMatchObject({ Id: id, LastName: "O'Brien", attributes: { type: 'Contact' } });
    const updated = await gw.call('PATCH', `/v1/contacts/${id}?${q()}`, { key, body: { title: 'CEO', companyId: null } });
    expect(updated.status).toBe(200);
    expect(updated.body.data).toMatchObject({ id, title: 'CEO', company: null, companyId: null, firstName: 'Zoë' });
    expect((await gw.call('DELETE', `/v1/contacts/${id}?${q()}`, { key })).status).toBe(204);
    expect((await get(`/v1/contacts/${id}?${q()}`)).body.error.code).toBe('CONTACT_NOT_FOUND');
    expect((await gw.call('PATCH', `/v1/contacts/${id}?${q()}`, { key, body: { title: 'x' } })).body.error.code).toBe('CONTACT_NOT_FOUND');
    expect((await gw.call('DELETE', `/v1/contacts/${id}?${q()}`, { key })).body.error.code).toBe('CONTACT_NOT_FOUND');
  });

  it('leads: create → get; update; delete; missing company → INVALID_INPUT; converted lead update → PROVIDER_CONFLICT', async () => {
    const created = await gw.call('POST', `/v1/leads?${q()}`, { key, body: { firstName: 'Ana', lastName: 'Łukasiewicz', email: 'ana@example.org', company: 'Acme GmbH', source: 'Web' } });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ company: 'Acme GmbH', status: 'Open - Not Contacted', source: 'Web', contactId: null });
    const id = created.body.data.id as string;
    expect((await get(`/v1/leads/${id}?${q()}`)).body.data).toEqual(created.body.data);
    expect((await gw.call('PATCH', `/v1/leads/${id}?${q()}`, { key, body: { status: 'Working - Contacted' } })).body.data.status).toBe('Working - Contacted');
    const badStatus = await gw.call('PATCH', `/v1/leads/${id}?${q()}`, { key, body: { status: 'Nope' } });
    expect(badStatus.body.error).toMatchObject({ code: 'INVALID_INPUT', details: { errors: [{ field: 'status' }] } });
    expect((await gw.call('DELETE', `/v1/leads/${id}?${q()}`, { key })).status).toBe(204);
    expect((await get(`/v1/leads/${id}?${q()}`)).body.error.code).toBe('LEAD_NOT_FOUND');
    const missing = await gw.call('POST', `/v1/leads?${q()}`, { key, body: { lastName: 'Nobody' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: 'INVALID_INPUT', details: { errors: [{ field: 'company' }], provider: { code: 'REQUIRED_FIELD_MISSING' } } });
    const converted = (await listAll('leads', 200)).find((l) => l.contactId)!;
    const conflict = await gw.call('PATCH', `/v1/leads/${converted.id as string}?${q()}`, { key, body: { title: 'x' } });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('PROVIDER_CONFLICT');
  });

  it('meetings: create with two contacts → get; update; delete; not found', async () => {
    const people = (await get(`/v1/contacts?${q('&limit=2')}`)).body.data.map((c: { id: string }) => c.id);
    const body = { title: 'Intro', description: 'Agenda', location: 'Zoom', startTime: '2027-03-01T10:00:00Z', endTime: '2027-03-01T10:30:00Z', contactIds: people };
    const created = await gw.call('POST', `/v1/meetings?${q()}`, { key, body });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ title: 'Intro', startTime: '2027-03-01T10:00:00.000Z', endTime: '2027-03-01T10:30:00.000Z', status: 'scheduled', contactIds: people, timezone: null });
    const id = created.body.data.id as string;
    expect((await get(`/v1/meetings/${id}?${q()}`)).body.data).toEqual(created.body.data);
    const moved = await gw.call('PATCH', `/v1/meetings/${id}?${q()}`, { key, body: { startTime: '2027-03-02T10:00:00Z', endTime: '2027-03-02T11:00:00Z', contactIds: [people[1]] } });
    expect(moved.body.data).toMatchObject({ startTime: '2027-03-02T10:00:00.000Z', endTime: '2027-03-02T11:00:00.000Z', contactIds: [people[1]] });
    const noEnd = await gw.call('POST', `/v1/meetings?${q()}`, { key, body: { title: 'x', startTime: '2027-03-01T10:00:00Z' } });
    expect(noEnd.body.error.code).toBe('INVALID_INPUT');
    expect((await gw.call('DELETE', `/v1/meetings/${id}?${q()}`, { key })).status).toBe(204);
    expect((await get(`/v1/meetings/${id}?${q()}`)).body.error.code).toBe('MEETING_NOT_FOUND');
  });

  it('not-found for ids of the wrong shape or object; unsupported filter; tampered cursor', async () => {
    expect((await get(`/v1/contacts/nope?${q()}`)).body.error.code).toBe('CONTACT_NOT_FOUND');
    expect((await get(`/v1/leads/003000000000001AAA?${q()}`)).body.error.code).toBe('LEAD_NOT_FOUND');
    expect((await get(`/v1/meetings/00U000000000001AAA?${q()}`)).body.error.code).toBe('MEETING_NOT_FOUND');
    const unsupported = await get(`/v1/contacts?${q('&contactId=003000000000001')}`);
    expect(unsupported.body.error.code).toBe('INVALID_INPUT');
    const page = await get(`/v1/contacts?${q('&limit=5')}`);
    const cursor = page.body.meta.nextCursor as string;
    const tampered = `${cursor.slice(0, -3)}${cursor.slice(-3) === 'AAA' ? 'BBB' : 'AAA'}`;
    const bad = await get(`/v1/contacts?${q(`&limit=5&cursor=${encodeURIComponent(tampered)}`)}`);
    expect(bad.body.error).toMatchObject({ code: 'INVALID_INPUT', details: { field: 'cursor' } });
  });

  it('includeRaw on lists adds each Salesforce record (meetings with their EventRelations)', async () => {
    const res = await get(`/v1/meetings?${q('&limit=3&includeRaw=true')}`);
    for (const m of res.body.data) expect(m.remoteData).toMatchObject({ Id: m.id, attributes: { type: 'Event' }, EventRelations: { done: true } });
  });
});
