import nock from 'nock';
import { liveAdapterContext, type LiveHarness } from '../../../test/helpers/adapter-harness';
import { exchanges } from '../fixtures/exchanges';
import { expectDone, replay } from '../fixtures/nock-replay';
import { adapter } from '.';

/**
 * Every operation against the REAL host (https://api.hubapi.com), replaying the recorded
 * exchanges of fixtures/: each scope pins method, path, query, body and the bearer token.
 */
const r = adapter.resources!;
const contacts = r.contacts!;
const leads = r.leads!;
const meetings = r.meetings!;

let h: LiveHarness;
beforeAll(async () => {
  nock.disableNetConnect();
  h = await liveAdapterContext('hubspot');
});
afterEach(() => nock.cleanAll());
afterAll(async () => {
  await h.close();
  nock.enableNetConnect();
  nock.restore();
});

const firstSearchArg = (name: string): string => (exchanges(name)[0].request.body as { filterGroups: { filters: { value: string }[] }[] }).filterGroups[0].filters[0].value;

describe('HubSpot contacts adapter (nock)', () => {
  it('lists with limit, properties and after, and returns paging.next.after as the cursor', async () => {
    let s = replay('contacts-list');
    const page = await contacts.list!(h.ctx, { limit: 2, cursor: null, filters: {} });
    expectDone(s);
    expect(page.items.map((c) => c.id)).toEqual(['1001', '1002']);
    expect(page.nextCursor).toBe('1003');
    s = replay('contacts-list-next');
    const next = await contacts.list!(h.ctx, { limit: 2, cursor: page.nextCursor, filters: {} });
    expectDone(s);
    expect(next.items.map((c) => c.id)).toEqual(['1003', '1004']);
  });

  it('caps a list page at 100 (HubSpot list maximum)', async () => {
    const scope = nock('https://api.hubapi.com').get('/crm/v3/objects/contacts').query((q) => q.limit === '100').reply(200, { results: [] }, { 'content-type': 'application/json' });
    expect(await contacts.list!(h.ctx, { limit: 200, cursor: null, filters: {} })).toEqual({ items: [], nextCursor: null });
    expect(scope.isDone()).toBe(true);
  });

  it('filters by email and by updatedSince through POST /search', async () => {
    let s = replay('contacts-list-email');
    const email = firstSearchArg('contacts-list-email');
    const byEmail = await contacts.list!(h.ctx, { limit: 2, cursor: null, filters: { email } });
    expectDone(s);
    expect(byEmail.items.map((c) => c.email)).toEqual([email]);
    s = replay('contacts-list-updated');
    const since = await contacts.list!(h.ctx, { limit: 2, cursor: null, filters: { updatedSince: '2025-09-01T00:00:00.000Z' } });
    expectDone(s);
    expect(since.items).toHaveLength(2);
    expect(since.nextCursor).toBe('2');
  });

  it('refuses a search cursor at the 10,000-result cap without calling HubSpot', async () => {
    await expect(contacts.list!(h.ctx, { limit: 50, cursor: '10000', filters: { updatedSince: '2025-09-01T00:00:00Z' } }))
      .rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/10,000.*narrow updatedSince/) });
    // A page that would cross the cap is shortened to end at it.
    const scope = nock('https://api.hubapi.com').post('/crm/v3/objects/contacts/search', (b) => b.limit === 20 && b.after === '9980')
      .reply(200, { total: 12000, results: [], paging: { next: { after: '10000' } } }, { 'content-type': 'application/json' });
    await contacts.list!(h.ctx, { limit: 50, cursor: '9980', filters: { updatedSince: '2025-09-01T00:00:00Z' } });
    expect(scope.isDone()).toBe(true);
  });

  it('gets one contact, and a 404 is CONTACT_NOT_FOUND', async () => {
    let s = replay('contacts-get');
    expect((await contacts.get!(h.ctx, '1002')).id).toBe('1002');
    expectDone(s);
    s = replay('contacts-get-notfound');
    await expect(contacts.get!(h.ctx, '999999')).rejects.toMatchObject({ code: 'CONTACT_NOT_FOUND' });
    expectDone(s);
  });

  it('creates (then reads back), and maps 409 to PROVIDER_CONFLICT and 400 to INVALID_INPUT', async () => {
    let s = replay('contacts-create');
    const c = await contacts.create!(h.ctx, { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', phone: '+44 20 7946 0000', company: 'Analytical Engines', title: 'Mathematician' });
    expectDone(s);
    expect(c).toMatchObject({ id: '1241', name: 'Ada Lovelace', email: 'ada@example.com', company: 'Analytical Engines', title: 'Mathematician' });
    s = replay('contacts-create-conflict');
    await expect(contacts.create!(h.ctx, { email: 'ada@example.com' })).rejects.toMatchObject({ code: 'PROVIDER_CONFLICT' });
    expectDone(s);
    s = replay('contacts-create-invalid');
    await expect(contacts.create!(h.ctx, { email: 'x@example.com', ownerId: '1' })).rejects.toMatchObject({
      code: 'INVALID_INPUT', details: { errors: [{ field: 'hubspot_owner_id' }], provider: { status: 400, code: 'VALIDATION_ERROR' } },
    });
    expectDone(s);
  });

  it('updates with PATCH (null clears with "") and deletes after checking the record exists', async () => {
    let s = replay('contacts-update');
    const c = await contacts.update!(h.ctx, '1241', { title: 'Countess', phone: null });
    expectDone(s);
    expect(c).toMatchObject({ title: 'Countess', phone: null });
    s = replay('contacts-delete');
    await contacts.delete!(h.ctx, '1241');
    expectDone(s);
  });
});

describe('HubSpot leads adapter (nock)', () => {
  it('lists with associations=contacts, and filters by updatedSince and email via search + read-back', async () => {
    let s = replay('leads-list');
    const page = await leads.list!(h.ctx, { limit: 2, cursor: null, filters: {} });
    expectDone(s);
    expect(page.items.every((l) => l.contactId !== null)).toBe(true);
    s = replay('leads-list-updated');
    const since = await leads.list!(h.ctx, { limit: 2, cursor: null, filters: { updatedSince: '2025-09-01T00:00:00.000Z' } });
    expectDone(s);
    expect(since.items).toHaveLength(2);
    s = replay('leads-list-email');
    const email = firstSearchArg('leads-list-email');
    const byEmail = await leads.list!(h.ctx, { limit: 2, cursor: null, filters: { email } });
    expectDone(s);
    expect(byEmail.items.map((l) => l.email)).toEqual([email]);
  });

  it('gets one lead', async () => {
    const s = replay('leads-get');
    expect((await leads.get!(h.ctx, '30000000055')).id).toBe('30000000055');
    expectDone(s);
  });

  it('creates a lead on the contact found by email, with hs_lead_name and association 578', async () => {
    let s = replay('leads-create');
    const lead = await leads.create!(h.ctx, { email: 'ada@example.com', status: 'WARM' });
    expectDone(s);
    expect(lead).toMatchObject({ contactId: '1241', status: 'WARM', name: 'ada@example.com', email: 'ada@example.com' });
    s = replay('leads-create-nocontact');
    await expect(leads.create!(h.ctx, { email: 'nobody@example.com' })).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { errors: [{ field: 'contactId' }] } });
    expectDone(s);
    await expect(leads.create!(h.ctx, { status: 'WARM' })).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { errors: [{ field: 'contactId' }] } });
  });

  it('updates and deletes a lead', async () => {
    let s = replay('leads-update');
    expect(await leads.update!(h.ctx, '30000000076', { status: 'HOT', firstName: 'Ada', lastName: 'King' })).toMatchObject({ status: 'HOT', name: 'Ada King' });
    expectDone(s);
    s = replay('leads-delete');
    await leads.delete!(h.ctx, '30000000076');
    expectDone(s);
  });
});

describe('HubSpot meetings adapter (nock)', () => {
  it('lists with associations=contacts and fills attendees from one contacts batch read', async () => {
    let s = replay('meetings-list');
    const page = await meetings.list!(h.ctx, { limit: 2, cursor: null, filters: {} });
    expectDone(s);
    expect(page.items[0].attendees.every((a) => a.email !== null && a.contactId !== null)).toBe(true);
    s = replay('meetings-list-next');
    await meetings.list!(h.ctx, { limit: 2, cursor: page.nextCursor, filters: {} });
    expectDone(s);
  });

  it('filters by startDate/endDate on hs_meeting_start_time through search', async () => {
    const s = replay('meetings-list-dates');
    const page = await meetings.list!(h.ctx, { limit: 2, cursor: null, filters: { startDate: '2026-03-01T00:00:00Z', endDate: '2026-04-01T00:00:00Z' } });
    expectDone(s);
    for (const m of page.items) expect(m.startTime! >= '2026-03-01' && m.startTime! < '2026-04-01').toBe(true);
  });

  it('gets one meeting', async () => {
    const s = replay('meetings-get');
    const m = await meetings.get!(h.ctx, '50000000001');
    expectDone(s);
    expect(m.contactIds).toEqual(['1002', '1008']);
  });

  it('creates with hs_timestamp = start and a 200 association to the attendee contact', async () => {
    const s = replay('meetings-create');
    const m = await meetings.create!(h.ctx, { title: 'Intro call', description: 'Pricing', startTime: '2026-12-01T10:00:00Z', endTime: '2026-12-01T10:30:00Z', location: 'Zoom', status: 'scheduled', attendees: [{ email: 'ada@example.com' }] });
    expectDone(s);
    expect(m).toMatchObject({ startTime: '2026-12-01T10:00:00.000Z', status: 'scheduled', contactIds: ['1241'], attendees: [{ email: 'ada@example.com', contactId: '1241' }] });
  });

  it('updates the outcome and replaces the associated contacts, then deletes', async () => {
    let s = replay('meetings-update');
    const m = await meetings.update!(h.ctx, '50000000051', { status: 'cancelled', contactIds: ['1001'] });
    expectDone(s);
    expect(m).toMatchObject({ status: 'cancelled', contactIds: ['1001'] });
    s = replay('meetings-delete');
    await meetings.delete!(h.ctx, '50000000051');
    expectDone(s);
  });
});
