import nock from 'nock';
import { liveAdapterContext, type LiveHarness } from '../../../test/helpers/adapter-harness';
import { API_DOMAIN, expectDone, replay } from '../fixtures/replay';
import { leads } from './leads.adapter';

let h: LiveHarness;
beforeAll(async () => {
  nock.disableNetConnect();
  h = await liveAdapterContext('pipedrive', { metadata: { api_domain: API_DOMAIN } });
});
afterEach(() => nock.cleanAll());
afterAll(async () => { await h.close(); nock.enableNetConnect(); nock.restore(); });

const LEAD = '63cae394-a81d-496a-9cbc-396dfab31a32';
const NEW_LEAD = '67fc5d99-9c13-4d8c-be54-1d609846a46e';

describe('pipedrive leads adapter (nock, real api_domain host)', () => {
  it('list: GET /api/v1/leads?start&limit, then persons and organizations in one ids= call each; cursor = next_start', async () => {
    const scopes = replay('leads-list');
    const page = await leads.list!(h.ctx, { limit: 3, cursor: null, filters: {} });
    expectDone(scopes);
    expect(page.items.map((l) => l.id)[0]).toBe(LEAD);
    expect(page.nextCursor).toBe('3');
    expect(page.items.every((l) => l.status === 'open')).toBe(true);
  });

  it('list: the next page starts at next_start', async () => {
    const scopes = replay('leads-list-next');
    const page = await leads.list!(h.ctx, { limit: 3, cursor: '3', filters: {} });
    expectDone(scopes);
    expect(page.items).toHaveLength(3);
    expect(page.nextCursor).toBe('6');
  });

  it('list: email → persons/search (exact) then the leads of each person (person_id)', async () => {
    const scopes = replay('leads-list-email');
    const page = await leads.list!(h.ctx, { limit: 3, cursor: null, filters: { email: 'uma.iyer2@example.org' } });
    expectDone(scopes);
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((l) => l.email === 'uma.iyer2@example.org' && l.contactId === '2')).toBe(true);
    expect(page.nextCursor).toBeNull();
  });

  it('get: GET /api/v1/leads/:id; a non-UUID id is LEAD_NOT_FOUND without a call', async () => {
    const scopes = replay('leads-get');
    const lead = await leads.get!(h.ctx, LEAD);
    expectDone(scopes);
    expect(lead).toMatchObject({ id: LEAD, contactId: '2' });
    await expect(leads.get!(h.ctx, '42')).rejects.toMatchObject({ code: 'LEAD_NOT_FOUND' });
  });

  it('create: organization found or created, person looked up by email or created, then POST /api/v1/leads with a built title', async () => {
    const scopes = replay('leads-create');
    const lead = await leads.create!(h.ctx, { firstName: 'Lea', lastName: 'Lead', email: 'lea@newco.example', company: 'NewCo' });
    expectDone(scopes);
    expect(lead).toMatchObject({ id: NEW_LEAD, title: 'Lea Lead', name: 'Lea Lead', email: 'lea@newco.example', company: 'NewCo', contactId: '242', status: 'open', source: 'API' });
  });

  it('update: PATCH title and is_archived (status archived)', async () => {
    const scopes = replay('leads-update');
    const lead = await leads.update!(h.ctx, NEW_LEAD, { title: 'NewCo – renewal', status: 'archived' });
    expectDone(scopes);
    expect(lead).toMatchObject({ title: 'NewCo – renewal', status: 'archived' });
  });

  it('update of an archived lead is PROVIDER_CONFLICT', async () => {
    const scopes = replay('leads-update-archived');
    await expect(leads.update!(h.ctx, NEW_LEAD, { title: 'No' })).rejects.toMatchObject({ code: 'PROVIDER_CONFLICT', status: 409 });
    expectDone(scopes);
  });

  it('delete: DELETE /api/v1/leads/:id', async () => {
    const scopes = replay('leads-delete');
    await leads.delete!(h.ctx, NEW_LEAD);
    expectDone(scopes);
  });
});
