import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { listAllPages } from '../helpers/list-all';
import { connectOAuth, mintToken } from '../helpers/connect-driver';

/**
 * Unified contacts, leads and meetings through the gateway against the Pipedrive sandbox, over the
 * real connect flow. Seed sizes per sandbox account (providers/pipedrive/README.md): 240 persons,
 * 75 active leads (+6 archived, not listed), 50 meetings among 80 activities.
 */
const PROVIDER = 'pipedrive';
const SEED = { contacts: 240, leads: 75, meetings: 50 };
const END_USER = 'eu-pipedrive';

let gw: TestGateway;
let key: string;

type Rec = Record<string, any>;
interface Res { status: number; body: any }

const qs = (q: Record<string, string | number | boolean | undefined>): string =>
  Object.entries({ provider: PROVIDER, endUserId: END_USER, ...q })
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&');

const api = (method: string, path: string, opts: { query?: Record<string, string | number | boolean | undefined>; body?: unknown } = {}): Promise<Res> =>
  gw.call(method, `/v1/${path}?${qs(opts.query ?? {})}`, { key, body: opts.body });

async function listAll(resource: string, query: Record<string, string | number | undefined> = {}, limit = 50): Promise<Rec[]> {
  return (await listAllPages<Rec>((page) => api('GET', resource, { query: { ...query, ...page } }), limit)).records;
}

const ids = (records: Rec[]): string[] => records.map((r) => r.id);
const expectUnique = (records: Rec[]): void => expect(new Set(ids(records)).size).toBe(records.length);
/** A record without remoteData and updatedAt (a list and a later get may differ only there). */
const strip = (r: Rec): Rec => { const { remoteData: _x, updatedAt: _u, ...rest } = r; return rest; };

beforeAll(async () => {
  gw = await startTestGateway();
  ({ testKey: key } = await gw.newAccount());
  gw.deps.providerClient.policies.override(PROVIDER, { rateLimit: { requests: 10000, intervalMs: 1000 } });
  const kit = gw.deps.sandboxes!.get(PROVIDER)!.kit;
  kit.limits.configure('*', 'burst', { max: 100000, windowMs: 1000 });
  kit.limits.configure('*', 'search', { max: 100000, windowMs: 1000 });
  const r = await connectOAuth(gw, await mintToken(gw, key, { endUserId: END_USER, providers: [PROVIDER] }), PROVIDER, 'acc-unified-pd');
  if (r.type !== 'connected') throw new Error(`not connected: ${JSON.stringify(r)}`);
});
afterAll(async () => { await gw.stop(); });

describe('pipedrive contacts', () => {
  let all: Rec[];
  beforeAll(async () => { all = await listAll('contacts', {}, 37); });

  it('lists every person once, to the last page, without remoteData', () => {
    expect(all).toHaveLength(SEED.contacts);
    expectUnique(all);
    expect(all.every((c) => !('remoteData' in c) && c.customFields && typeof c.id === 'string')).toBe(true);
    expect(all.some((c) => c.company !== null && c.companyId !== null)).toBe(true);
  });

  it('filters by email (exact, case-insensitive)', async () => {
    const target = all.find((c) => c.emails.length > 1)!;
    const found = await listAll('contacts', { email: ` ${target.emails[1].value.toUpperCase()} ` });
    expect(ids(found)).toContain(target.id);
    for (const c of found) expect(c.emails.map((e: Rec) => e.value.toLowerCase())).toContain(target.emails[1].value.toLowerCase());
    expect(await listAll('contacts', { email: 'nobody-here@example.invalid' })).toEqual([]);
  });

  it('filters by updatedSince', async () => {
    const sorted = all.map((c) => c.updatedAt as string).sort();
    const since = sorted[Math.floor(sorted.length / 2)];
    const found = await listAll('contacts', { updatedSince: since });
    expect(found.length).toBe(all.filter((c) => Date.parse(c.updatedAt) >= Date.parse(since)).length);
    expectUnique(found);
  });

  it('get, includeRaw, not-found, tampered cursor', async () => {
    const one = await api('GET', `contacts/${all[0].id}`, { query: { includeRaw: true } });
    expect(one.status).toBe(200);
    expect(one.body.data.remoteData.id).toBe(Number(all[0].id));
    expect(strip(one.body.data)).toEqual(strip(all[0]));
    for (const id of ['999999', 'abc']) {
      const nf = await api('GET', `contacts/${id}`);
      expect(nf.status).toBe(404);
      expect(nf.body.error.code).toBe('CONTACT_NOT_FOUND');
    }
    const page = await api('GET', 'contacts', { query: { limit: 5 } });
    const c = page.body.meta.nextCursor as string;
    const bad = await api('GET', 'contacts', { query: { limit: 5, cursor: `${c.slice(0, -3)}${c.endsWith('A') ? 'B' : 'A'}xx` } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_INPUT');
    expect(bad.body.error.details.field).toBe('cursor');
  });

  it('create (company by name, found or created), get returns the same, update, delete', async () => {
    const existing = all.find((c) => c.company !== null)!;
    const created = await api('POST', 'contacts', { body: {
      firstName: 'Zoë', lastName: 'Ångström', email: 'zoe@example.org', emails: [{ value: 'zoe.home@example.org', type: 'home' }],
      phone: '+1 555 0100', company: existing.company.toUpperCase(),
    } });
    expect(created.status).toBe(201);
    const c = created.body.data;
    expect(c).toMatchObject({ name: 'Zoë Ångström', email: 'zoe@example.org', phone: '+1 555 0100', company: existing.company, companyId: existing.companyId });
    expect(c.emails).toEqual([{ value: 'zoe@example.org', type: 'work' }, { value: 'zoe.home@example.org', type: 'home' }]);
    expect((await api('GET', `contacts/${c.id}`)).body.data).toEqual(c);

    const newCo = await api('POST', 'contacts', { body: { firstName: 'Neo', company: 'Brand New Co 4711' } });
    expect(newCo.body.data.company).toBe('Brand New Co 4711');
    const again = await api('POST', 'contacts', { body: { firstName: 'Trinity', company: 'brand new co 4711' } });
    expect(again.body.data.companyId).toBe(newCo.body.data.companyId);

    const upd = await api('PATCH', `contacts/${c.id}`, { body: { lastName: 'Smith', email: 'zoe.smith@example.org', company: null } });
    expect(upd.status).toBe(200);
    expect(upd.body.data).toMatchObject({ firstName: 'Zoë', lastName: 'Smith', name: 'Zoë Smith', email: 'zoe.smith@example.org', company: null, companyId: null });
    expect(upd.body.data.emails.map((e: Rec) => e.value)).toEqual(['zoe.smith@example.org', 'zoe.home@example.org']);
    expect((await api('GET', `contacts/${c.id}`)).body.data).toEqual(upd.body.data);

    expect((await api('DELETE', `contacts/${c.id}`)).status).toBe(204);
    expect((await api('GET', `contacts/${c.id}`)).body.error.code).toBe('CONTACT_NOT_FOUND');
    expect((await api('DELETE', `contacts/${c.id}`)).body.error.code).toBe('CONTACT_NOT_FOUND');
    expect((await api('PATCH', `contacts/${c.id}`, { body: { firstName: 'X' } })).body.error.code).toBe('CONTACT_NOT_FOUND');
  });

  it('provider validation errors and unstorable fields are INVALID_INPUT', async () => {
    const noName = await api('POST', 'contacts', { body: { phone: '+1 555 0199' } });
    expect(noName.status).toBe(400);
    expect(noName.body.error.code).toBe('INVALID_INPUT');
    expect(noName.body.error.details.provider).toMatchObject({ status: 400 });
    const title = await api('POST', 'contacts', { body: { firstName: 'A', title: 'CEO' } });
    expect(title.body.error).toMatchObject({ code: 'INVALID_INPUT', details: { errors: [{ field: 'title' }] } });
    const extra = await api('POST', 'contacts', { body: { firstName: 'A', nickname: 'x' } });
    expect(extra.body.error.code).toBe('INVALID_INPUT');
  });
});

describe('pipedrive leads', () => {
  let all: Rec[];
  beforeAll(async () => { all = await listAll('leads', {}, 20); });

  it('lists every active lead once, with person and organization fields', () => {
    expect(all).toHaveLength(SEED.leads);
    expectUnique(all);
    expect(all.every((l) => l.status === 'open' && l.title)).toBe(true);
    expect(all.some((l) => l.contactId !== null && l.email !== null && l.name !== null)).toBe(true);
    expect(all.some((l) => l.company !== null)).toBe(true);
  });

  it('filters by email (the leads of the persons with that email) and by updatedSince', async () => {
    const target = all.find((l) => l.email !== null)!;
    const found = await listAll('leads', { email: target.email.toUpperCase() }, 1);
    expect(ids(found)).toContain(target.id);
    expectUnique(found);
    expect(found.length).toBe(all.filter((l) => l.email?.toLowerCase() === target.email.toLowerCase()).length);
    const sorted = all.map((l) => l.updatedAt as string).sort();
    const since = sorted[Math.floor(sorted.length / 3)];
    const recent = await listAll('leads', { updatedSince: since }, 10);
    expect(recent.length).toBe(all.filter((l) => Date.parse(l.updatedAt) >= Date.parse(since)).length);
  });

  it('get, includeRaw and not-found', async () => {
    const one = await api('GET', `leads/${all[0].id}`, { query: { includeRaw: true } });
    expect(one.body.data.remoteData.id).toBe(all[0].id);
    expect(strip(one.body.data)).toEqual(strip(all[0]));
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const nf = await api('GET', `leads/${id}`);
      expect(nf.status).toBe(404);
      expect(nf.body.error.code).toBe('LEAD_NOT_FOUND');
    }
  });

  it('create (new person and organization), get returns the same, update, archive conflict, delete', async () => {
    const created = await api('POST', 'leads', { body: { firstName: 'Lea', lastName: 'Lead', email: 'lea.lead@example.org', phone: '+49 30 1234', company: 'Lead Co 99' } });
    expect(created.status).toBe(201);
    const l = created.body.data;
    expect(l).toMatchObject({ firstName: 'Lea', lastName: 'Lead', name: 'Lea Lead', email: 'lea.lead@example.org', phone: '+49 30 1234',
      company: 'Lead Co 99', title: 'Lea Lead', status: 'open', source: 'API' });
    expect(l.contactId).toMatch(/^\d+$/);
    expect((await api('GET', `leads/${l.id}`)).body.data).toEqual(l);

    const person = await api('GET', `contacts/${l.contactId}`);
    expect(person.body.data).toMatchObject({ email: 'lea.lead@example.org', company: 'Lead Co 99' });
    const second = await api('POST', 'leads', { body: { email: 'LEA.LEAD@example.org', title: 'Second' } });
    expect(second.body.data).toMatchObject({ contactId: l.contactId, title: 'Second', company: null });
    const byContact = await api('POST', 'leads', { body: { contactId: l.contactId, title: 'Third', ownerId: all[0].ownerId } });
    expect(byContact.body.data).toMatchObject({ contactId: l.contactId, ownerId: all[0].ownerId });

    const upd = await api('PATCH', `leads/${l.id}`, { body: { title: 'Renamed', phone: '+49 30 9999' } });
    expect(upd.body.data).toMatchObject({ title: 'Renamed', phone: '+49 30 9999', contactId: l.contactId });
    expect((await api('GET', `leads/${l.id}`)).body.data).toEqual(upd.body.data);

    const archived = await api('PATCH', `leads/${second.body.data.id}`, { body: { status: 'archived' } });
    expect(archived.body.data.status).toBe('archived');
    const conflict = await api('PATCH', `leads/${second.body.data.id}`, { body: { title: 'No' } });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('PROVIDER_CONFLICT');

    expect((await api('DELETE', `leads/${l.id}`)).status).toBe(204);
    expect((await api('GET', `leads/${l.id}`)).body.error.code).toBe('LEAD_NOT_FOUND');
    expect((await api('DELETE', `leads/${l.id}`)).body.error.code).toBe('LEAD_NOT_FOUND');
  });

  it('a lead without person or organization is the provider\'s validation error; bad status and source are INVALID_INPUT', async () => {
    const bare = await api('POST', 'leads', { body: { title: 'Orphan' } });
    expect(bare.status).toBe(400);
    expect(bare.body.error).toMatchObject({ code: 'INVALID_INPUT', details: { errors: [{ field: 'person_id' }], provider: { status: 400 } } });
    expect((await api('POST', 'leads', { body: { title: 'x', company: 'Y', status: 'hot' } })).body.error.details.errors[0].field).toBe('status');
    expect((await api('POST', 'leads', { body: { title: 'x', company: 'Y', source: 'Web' } })).body.error.details.errors[0].field).toBe('source');
  });
});

describe('pipedrive meetings', () => {
  let all: Rec[];
  beforeAll(async () => { all = await listAll('meetings', { includeRaw: 'true' }, 7); });

  it('lists every meeting once across provider pages that mix in other activity types', () => {
    expect(all).toHaveLength(SEED.meetings);
    expectUnique(all);
    expect(all.every((m) => m.remoteData.type === 'meeting')).toBe(true);
    expect(all.some((m) => m.attendees.length > 0 && m.endTime !== null && m.location !== null)).toBe(true);
  });

  it('filters by contactId, startDate/endDate and updatedSince', async () => {
    const target = all.find((m) => m.contactIds.length > 0)!;
    const contactId = target.contactIds[0];
    const byContact = await listAll('meetings', { contactId }, 2);
    expect(ids(byContact).sort()).toEqual(ids(all.filter((m) => m.contactIds.includes(contactId))).sort());

    const starts = all.map((m) => m.startTime as string).sort();
    const [startDate, endDate] = [starts[10], starts[30]];
    const inRange = await listAll('meetings', { startDate, endDate }, 4);
    expect(ids(inRange).sort()).toEqual(ids(all.filter((m) => m.startTime >= startDate && m.startTime < endDate)).sort());

    const since = all.map((m) => m.updatedAt as string).sort()[25];
    const recent = await listAll('meetings', { updatedSince: since }, 9);
    expect(ids(recent).sort()).toEqual(ids(all.filter((m) => Date.parse(m.updatedAt) >= Date.parse(since))).sort());

    const range = await api('GET', 'meetings', { query: { startDate: endDate, endDate: startDate } });
    expect(range.body.error.code).toBe('INVALID_DATE_RANGE');
    const unsupported = await api('GET', 'meetings', { query: { email: 'a@b.co' } });
    expect(unsupported.status).toBe(400);
    expect(unsupported.body.error.code).toBe('INVALID_INPUT');
  });

  it('get, includeRaw, not-found (also for an activity that is not a meeting)', async () => {
    const one = await api('GET', `meetings/${all[0].id}`, { query: { includeRaw: true } });
    expect(one.body.data.remoteData.id).toBe(Number(all[0].id));
    expect(strip(one.body.data)).toEqual(strip(all[0]));
    const meetingIds = new Set(ids(all));
    const other = Array.from({ length: 80 }, (_, i) => String(i + 1)).find((id) => !meetingIds.has(id))!;
    for (const id of [other, '999999']) {
      const nf = await api('GET', `meetings/${id}`);
      expect(nf.status).toBe(404);
      expect(nf.body.error.code).toBe('MEETING_NOT_FOUND');
    }
    expect((await api('DELETE', `meetings/${other}`)).body.error.code).toBe('MEETING_NOT_FOUND');
  });

  it('create, get returns the same, update, delete', async () => {
    const contacts = (await api('GET', 'contacts', { query: { limit: 2 } })).body.data as Rec[];
    const created = await api('POST', 'meetings', { body: {
      title: 'Kick-off', description: 'Agenda', startTime: '2027-03-23T14:00:00Z', endTime: '2027-03-23T14:50:00Z', location: 'Zoom',
      contactIds: ids(contacts), attendees: [{ email: 'bob@acme.com', name: 'Bob', contactId: contacts[1].id }],
    } });
    expect(created.status).toBe(201);
    const m = created.body.data;
    expect(m).toMatchObject({ title: 'Kick-off', description: 'Agenda', startTime: '2027-03-23T14:00:00.000Z', endTime: '2027-03-23T14:50:00.000Z',
      location: 'Zoom', status: 'scheduled', contactIds: ids(contacts), attendees: [{ email: 'bob@acme.com', name: 'Bob', contactId: contacts[1].id }] });
    expect((await api('GET', `meetings/${m.id}`)).body.data).toEqual(m);

    const moved = await api('PATCH', `meetings/${m.id}`, { body: { startTime: '2027-03-24T09:30:00Z' } });
    expect(moved.body.data).toMatchObject({ startTime: '2027-03-24T09:30:00.000Z', endTime: '2027-03-24T10:20:00.000Z' });
    const done = await api('PATCH', `meetings/${m.id}`, { body: { endTime: '2027-03-24T11:00:00Z', status: 'completed', location: null } });
    expect(done.body.data).toMatchObject({ startTime: '2027-03-24T09:30:00.000Z', endTime: '2027-03-24T11:00:00.000Z', status: 'completed', location: null });
    expect((await api('GET', `meetings/${m.id}`)).body.data).toEqual(done.body.data);

    const cancel = await api('PATCH', `meetings/${m.id}`, { body: { status: 'cancelled' } });
    expect(cancel.body.error).toMatchObject({ code: 'INVALID_INPUT', details: { errors: [{ field: 'status' }] } });
    const badContact = await api('POST', 'meetings', { body: { startTime: '2027-03-23T14:00:00Z', contactIds: ['99999999'] } });
    expect(badContact.body.error.code).toBe('INVALID_INPUT');

    expect((await api('DELETE', `meetings/${m.id}`)).status).toBe(204);
    expect((await api('GET', `meetings/${m.id}`)).body.error.code).toBe('MEETING_NOT_FOUND');
    expect((await api('PATCH', `meetings/${m.id}`, { body: { title: 'x' } })).body.error.code).toBe('MEETING_NOT_FOUND');
  });
});
