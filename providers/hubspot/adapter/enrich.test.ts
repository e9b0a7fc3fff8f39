import nock from 'nock';
import { LIVE_ACCESS_TOKEN, liveAdapterContext, type LiveHarness } from '../../../test/helpers/adapter-harness';
import { HUBSPOT_HOST } from '../fixtures/nock-replay';
import { CONTACT_PROPERTIES } from '../mappers/contact.mapper';
import { LEAD_PROPERTIES } from '../mappers/lead.mapper';
import { adapter } from '.';

/**
 * Enrichment against the REAL host: each scope pins method, path, query, JSON body and the bearer
 * token of the lookup (contacts batch/read by email → v4 contacts→leads → leads batch/read), the
 * owners calls and the properties catalog.
 */
const lookup = adapter.lookup!;
const json = { 'content-type': 'application/json' };
const hs = () => nock(HUBSPOT_HOST, { reqheaders: { authorization: `Bearer ${LIVE_ACCESS_TOKEN}` } });

const contact = (id: string, email: string, extra: Record<string, string | null> = {}) => ({
  id, properties: { email, firstname: 'Ada', lastname: 'Lovelace', company: 'Analytical Engines', hubspot_owner_id: '70001', createdate: '2025-01-01T00:00:00.000Z', lastmodifieddate: '2025-02-01T00:00:00.000Z', ...extra },
  createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-02-01T00:00:00.000Z', archived: false,
});
const lead = (id: string, primaryEmail: string) => ({
  id, properties: { hs_lead_name: 'Ada Lovelace', hs_lead_label: 'WARM', hubspot_owner_id: '70002', hs_associated_contact_email: primaryEmail, createdate: '2025-03-01T00:00:00.000Z', hs_lastmodifieddate: '2025-03-02T00:00:00.000Z' },
  createdAt: '2025-03-01T00:00:00.000Z', updatedAt: '2025-03-02T00:00:00.000Z', archived: false,
});

let h: LiveHarness;
beforeAll(async () => {
  nock.disableNetConnect();
  h = await liveAdapterContext('hubspot');
});
afterEach(() => { nock.cleanAll(); h.ctx.extraFields = undefined; });
afterAll(async () => {
  await h.close();
  nock.enableNetConnect();
  nock.restore();
});

describe('HubSpot person lookup (nock)', () => {
  it('finds contacts by email in one batch read, their leads through v4 associations and one leads batch read', async () => {
    const emails = ['ada@example.com', 'grace@example.com', 'nobody@example.com'];
    const scopes = [
      hs().post('/crm/v3/objects/contacts/batch/read', { inputs: emails.map((id) => ({ id })), properties: CONTACT_PROPERTIES, idProperty: 'email' })
        .reply(207, { status: 'COMPLETE', results: [contact('101', 'Ada@Example.com'), contact('102', 'grace@example.com')], numErrors: 1, errors: [{ status: 'error', category: 'OBJECT_NOT_FOUND', message: 'Could not get some CONTACT objects', context: { ids: ['nobody@example.com'] } }] }, json),
      hs().post('/crm/v4/associations/contacts/leads/batch/read', { inputs: [{ id: '101' }, { id: '102' }] })
        .reply(207, {
          status: 'COMPLETE',
          // toObjectId as a number, as live answers often carry it.
          results: [{ from: { id: '101' }, to: [{ toObjectId: 9001, associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 579, label: 'Primary' }] }] }],
          numErrors: 1, errors: [{ status: 'error', category: 'OBJECT_NOT_FOUND', subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND', message: 'No lead is associated with contact 102.' }],
        }, json),
      hs().post('/crm/v3/objects/leads/batch/read', { inputs: [{ id: '9001' }], properties: LEAD_PROPERTIES })
        .reply(200, { status: 'COMPLETE', results: [lead('9001', 'ada@example.com')] }, json),
    ];
    const found = await lookup.findByEmails(h.ctx, emails);
    for (const s of scopes) expect(s.isDone()).toBe(true);
    expect(found.contacts.map((c) => [c.id, c.email, c.company, c.ownerId])).toEqual([['101', 'Ada@Example.com', 'Analytical Engines', '70001'], ['102', 'grace@example.com', 'Analytical Engines', '70001']]);
    expect(found.leads).toHaveLength(1);
    expect(found.leads[0]).toMatchObject({ id: '9001', email: 'ada@example.com', contactId: '101', ownerId: '70002', status: 'WARM', remoteData: expect.any(Object) });
    expect(found.contacts[0].remoteData).toBeDefined();
  });

  it('stops after the contacts read when no email is a contact (one request)', async () => {
    const scope = hs().post('/crm/v3/objects/contacts/batch/read', (b) => b.idProperty === 'email' && b.inputs.length === 1)
      .reply(207, { status: 'COMPLETE', results: [], numErrors: 1, errors: [] }, json);
    expect(await lookup.findByEmails(h.ctx, ['x@example.com'])).toEqual({ contacts: [], leads: [] });
    expect(scope.isDone()).toBe(true);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('costs three requests for 100 emails, follows v4 paging, and asks for mapped extra fields on both reads', async () => {
    h.ctx.extraFields = ['favorite_color', 'hs_lead_type'];
    const emails = Array.from({ length: 100 }, (_, i) => `p${i}@example.com`);
    const results = emails.map((e, i) => contact(String(1000 + i), e, { favorite_color: 'teal' }));
    const scopes = [
      hs().post('/crm/v3/objects/contacts/batch/read', (b) => b.inputs.length === 100 && b.properties.includes('favorite_color') && b.properties.includes('hs_lead_type'))
        .reply(200, { status: 'COMPLETE', results }, json),
      hs().post('/crm/v4/associations/contacts/leads/batch/read', (b) => b.inputs.length === 100 && b.inputs.every((i: { after?: string }) => i.after === undefined))
        .reply(200, { status: 'COMPLETE', results: [{ from: { id: '1000' }, to: [{ toObjectId: '9001', associationTypes: [] }], paging: { next: { after: 'MQ' } } }] }, json),
      hs().post('/crm/v4/associations/contacts/leads/batch/read', { inputs: [{ id: '1000', after: 'MQ' }] })
        .reply(200, { status: 'COMPLETE', results: [{ from: { id: '1000' }, to: [{ toObjectId: '9002', associationTypes: [] }] }] }, json),
      hs().post('/crm/v3/objects/leads/batch/read', (b) => JSON.stringify(b.inputs) === JSON.stringify([{ id: '9001' }, { id: '9002' }]) && b.properties.includes('hs_lead_type') && b.properties.includes('favorite_color'))
        .reply(200, { status: 'COMPLETE', results: [lead('9001', 'p0@example.com'), lead('9002', 'someone-else@example.com')] }, json),
    ];
    const found = await lookup.findByEmails(h.ctx, emails);
    for (const s of scopes) expect(s.isDone()).toBe(true);
    expect(found.contacts).toHaveLength(100);
    expect(adapter.customFields!.read('contacts', found.contacts[0].remoteData, 'favorite_color')).toBe('teal');
    // 9002's primary contact is someone else: it is still linked to the contact it was found through.
    expect(found.leads.map((l) => [l.id, l.contactId])).toEqual([['9001', '1000'], ['9002', '1000']]);
  });
});

describe('HubSpot owners (nock)', () => {
  const owner = (id: string, first: string | null, last: string | null) => ({ id, email: `${id}@corp.example`, type: 'PERSON', firstName: first, lastName: last, userId: 1, archived: false, teams: [] });

  it('reads one owner by id, and leaves out an unknown one (404)', async () => {
    const s = hs().get('/crm/v3/owners/70001').reply(200, owner('70001', 'Grace', 'Hopper'), json);
    expect(await lookup.owners(h.ctx, ['70001'])).toEqual([{ id: '70001', name: 'Grace Hopper', email: '70001@corp.example' }]);
    expect(s.isDone()).toBe(true);
    const missing = hs().get('/crm/v3/owners/404404').reply(404, { status: 'error', category: 'OBJECT_NOT_FOUND', message: 'not found', correlationId: 'c' }, json);
    expect(await lookup.owners(h.ctx, ['404404'])).toEqual([]);
    expect(missing.isDone()).toBe(true);
  });

  it('reads several owners from the list (limit 500), paging only until all are found', async () => {
    const scopes = [
      hs().get('/crm/v3/owners').query({ limit: '500' }).reply(200, { results: [owner('1', 'A', null), owner('2', null, null)], paging: { next: { after: '2' } } }, json),
      hs().get('/crm/v3/owners').query({ limit: '500', after: '2' }).reply(200, { results: [owner('3', 'C', 'D')], paging: { next: { after: '3' } } }, json),
    ];
    expect(await lookup.owners(h.ctx, ['2', '3'])).toEqual([{ id: '2', name: null, email: '2@corp.example' }, { id: '3', name: 'C D', email: '3@corp.example' }]);
    for (const s of scopes) expect(s.isDone()).toBe(true);
    expect(await lookup.owners(h.ctx, [])).toEqual([]);
  });
});

describe('HubSpot field catalog (nock)', () => {
  it.each([['contacts', 'contacts'], ['leads', 'leads'], ['meetings', 'meetings']] as const)('%s: GET /crm/v3/properties/%s → name, label, type, visible options', async (resource, objectType) => {
    const s = hs().get(`/crm/v3/properties/${objectType}`).reply(200, { results: [
      { name: 'email', label: 'Email', type: 'string', fieldType: 'text', options: [] },
      { name: 'hs_lead_label', label: 'Lead label', type: 'enumeration', fieldType: 'select', options: [
        { label: 'Cold', value: 'COLD', displayOrder: 0, hidden: false }, { label: 'Old', value: 'OLD', displayOrder: 1, hidden: true }] },
      { name: 'hubspot_owner_id', label: '', type: 'enumeration', fieldType: 'select', options: [], externalOptions: true },
    ] }, json);
    expect(await adapter.fields!.fields(h.ctx, resource)).toEqual([
      { name: 'email', label: 'Email', type: 'string', options: null },
      { name: 'hs_lead_label', label: 'Lead label', type: 'enumeration', options: [{ value: 'COLD', label: 'Cold' }] },
      { name: 'hubspot_owner_id', label: 'hubspot_owner_id', type: 'enumeration', options: null },
    ]);
    expect(s.isDone()).toBe(true);
  });
});

describe('HubSpot reads ask for mapped custom fields (ctx.extraFields)', () => {
  it('adds them to the properties of get and list, once each', async () => {
    h.ctx.extraFields = ['favorite_color', 'email'];
    const props = [...CONTACT_PROPERTIES, 'favorite_color'].join(',');
    const scopes = [
      hs().get('/crm/v3/objects/contacts/101').query({ properties: props }).reply(200, contact('101', 'a@example.com', { favorite_color: 'teal' }), json),
      hs().get('/crm/v3/objects/contacts').query({ limit: '10', properties: props }).reply(200, { results: [] }, json),
      hs().get('/crm/v3/objects/leads/9001').query({ properties: [...LEAD_PROPERTIES, 'favorite_color', 'email'].join(','), associations: 'contacts' }).reply(200, lead('9001', 'a@example.com'), json),
    ];
    const got = await adapter.resources!.contacts!.get!(h.ctx, '101');
    expect(adapter.customFields!.read('contacts', got.remoteData, 'favorite_color')).toBe('teal');
    await adapter.resources!.contacts!.list!(h.ctx, { limit: 10, cursor: null, filters: {} });
    await adapter.resources!.leads!.get!(h.ctx, '9001');
    for (const s of scopes) expect(s.isDone()).toBe(true);
  });
});
