import nock from 'nock';
import { liveAdapterContext, type LiveHarness } from '../../../test/helpers/adapter-harness';
import { API_DOMAIN, expectDone, replay, responseOf } from '../fixtures/replay';
import { contacts } from './contacts.adapter';

let h: LiveHarness;
beforeAll(async () => {
  nock.disableNetConnect();
  h = await liveAdapterContext('pipedrive', { metadata: { api_domain: API_DOMAIN } });
});
afterEach(() => nock.cleanAll());
afterAll(async () => { await h.close(); nock.enableNetConnect(); nock.restore(); });

const firstCursor = (): string => responseOf<{ additional_data: { next_cursor: string } }>('contacts-list').additional_data.next_cursor;

describe('pipedrive contacts adapter (nock, real api_domain host)', () => {
  it('list: GET /api/v2/persons?limit, then the page\'s organizations in one ids= call', async () => {
    const scopes = replay('contacts-list');
    const page = await contacts.list!(h.ctx, { limit: 3, cursor: null, filters: {} });
    expectDone(scopes);
    expect(page.items.map((c) => c.id)).toEqual(['1', '2', '3']);
    expect(page.nextCursor).toBe(firstCursor());
    expect(page.items.find((c) => c.companyId === '20')?.company).toBeTruthy();
  });

  it('list: the next page sends the provider cursor back as given', async () => {
    const scopes = replay('contacts-list-next');
    const page = await contacts.list!(h.ctx, { limit: 3, cursor: firstCursor(), filters: {} });
    expectDone(scopes);
    expect(page.items.map((c) => c.id)).toEqual(['4', '5', '6']);
  });

  it('list: email → persons/search (exact, fields=email) then persons?ids=', async () => {
    const scopes = replay('contacts-list-email');
    const page = await contacts.list!(h.ctx, { limit: 3, cursor: null, filters: { email: 'zoltan.garcia1@kohaikk.example.com' } });
    expectDone(scopes);
    expect(page.items.map((c) => c.email)).toEqual(['zoltan.garcia1@kohaikk.example.com']);
    expect(page.nextCursor).toBeNull();
  });

  it('list: updatedSince → updated_since', async () => {
    const scopes = replay('contacts-list-updated');
    const page = await contacts.list!(h.ctx, { limit: 2, cursor: null, filters: { updatedSince: '2025-06-01T00:00:00Z' } });
    expectDone(scopes);
    expect(page.items).toHaveLength(2);
    for (const c of page.items) expect(Date.parse(c.updatedAt!)).toBeGreaterThanOrEqual(Date.parse('2025-06-01T00:00:00Z'));
  });

  it('get: GET /api/v2/persons/:id; a 404 is CONTACT_NOT_FOUND', async () => {
    const scopes = replay('contacts-get', 'contacts-get-not-found');
    expect((await contacts.get!(h.ctx, '7')).id).toBe('7');
    await expect(contacts.get!(h.ctx, '999999')).rejects.toMatchObject({ code: 'CONTACT_NOT_FOUND' });
    expectDone(scopes);
  });

  it('create: finds the organization by name, POSTs the person (201), names its organization', async () => {
    const scopes = replay('contacts-create');
    const orgs = responseOf<{ data: { id: number; name: string }[] }>('contacts-create').data;
    const company = orgs.find((o) => o.id === 20)!.name;
    const c = await contacts.create!(h.ctx, { firstName: 'Jane', lastName: 'Doe', email: 'jane@acme.com', phones: [{ value: '+1 555 0100', type: 'mobile' }], company });
    expectDone(scopes);
    expect(c).toMatchObject({ id: '241', name: 'Jane Doe', email: 'jane@acme.com', phone: '+1 555 0100', company, companyId: '20' });
  });

  it('update: reads the person (partial name and email), PATCHes, answers the updated contact', async () => {
    const scopes = replay('contacts-update');
    const c = await contacts.update!(h.ctx, '241', { lastName: 'Smith', email: 'jane.smith@acme.com' });
    expectDone(scopes);
    expect(c).toMatchObject({ name: 'Jane Smith', lastName: 'Smith', email: 'jane.smith@acme.com', emails: [{ value: 'jane.smith@acme.com', type: 'work' }] });
  });

  it('delete: DELETE /api/v2/persons/:id', async () => {
    const scopes = replay('contacts-delete');
    await contacts.delete!(h.ctx, '241');
    expectDone(scopes);
  });

  it('a provider validation 400 is INVALID_INPUT with details.provider', async () => {
    const scopes = replay('contacts-create-invalid');
    await expect(contacts.create!(h.ctx, { phone: '+1 555 0199' })).rejects.toMatchObject({
      code: 'INVALID_INPUT', details: { errors: [{ field: 'name' }], provider: { status: 400, message: "Validation failed: name: Parameter 'name' is required" } },
    });
    expectDone(scopes);
  });
});
