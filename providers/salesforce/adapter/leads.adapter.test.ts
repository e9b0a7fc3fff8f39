import nock from 'nock';
import { liveAdapterContext, type LiveHarness } from '../../../test/helpers/adapter-harness';
import { exchanges, fixture, recordsOf } from '../fixtures/load';
import { toUnifiedLead } from '../mappers/lead.mapper';
import type { SfLead } from '../mappers/wire';
import { leads } from './leads.adapter';
import { expectExchanges, HOST } from '../fixtures/nock';

describe('salesforce leads adapter (nock, real host)', () => {
  let h: LiveHarness;
  beforeAll(async () => {
    nock.disableNetConnect();
    h = await liveAdapterContext('salesforce', { metadata: { instance_url: HOST } });
  });
  afterEach(() => nock.cleanAll());
  afterAll(async () => { await h.close(); nock.enableNetConnect(); nock.restore(); });

  it('list: one SOQL batch read twice for two gateway pages; email filter', async () => {
    const list = fixture('leads-list');
    const byEmail = fixture('leads-list-email');
    const scope = expectExchanges([list, list, byEmail]);
    const rows = recordsOf<SfLead>('leads-list');
    const p1 = await leads.list!(h.ctx, { limit: 2, cursor: null, filters: {} });
    expect(p1.items).toEqual(rows.slice(0, 2).map(toUnifiedLead));
    const p2 = await leads.list!(h.ctx, { limit: 2, cursor: p1.nextCursor, filters: {} });
    expect(p2.items.map((l) => l.id)).toEqual([rows[2].Id]);
    expect(p2.nextCursor).toBeNull();
    const email = /Email = '([^']+)'/.exec(byEmail.request.query.q)![1];
    const r = await leads.list!(h.ctx, { limit: 5, cursor: null, filters: { email } });
    expect(r.items).toHaveLength(1);
    scope.done();
  });

  it('get: a converted lead carries contactId; a Contact id is LEAD_NOT_FOUND without a call', async () => {
    const scope = expectExchanges([fixture('leads-get')]);
    const raw = recordsOf<SfLead>('leads-get')[0];
    expect((await leads.get!(h.ctx, raw.Id)).contactId).toBe(raw.ConvertedContactId);
    await expect(leads.get!(h.ctx, '003yT000000003tQAA')).rejects.toMatchObject({ code: 'LEAD_NOT_FOUND' });
    scope.done();
  });

  it('create → read back; update → read back; delete', async () => {
    const create = exchanges('leads-create');
    const update = exchanges('leads-update');
    const scope = expectExchanges([...create, ...update, fixture('leads-delete')]);
    expect(create[0].request.body).toEqual({ FirstName: 'Ana', LastName: 'Łukasiewicz', Email: 'ana@example.org', Phone: '+48 12 345 67 89', Company: 'Acme GmbH', Status: 'Working - Contacted', LeadSource: 'Web' });
    const lead = await leads.create!(h.ctx, { firstName: 'Ana', lastName: 'Łukasiewicz', email: 'ana@example.org', company: 'Acme GmbH', status: 'Working - Contacted', source: 'Web', phone: '+48 12 345 67 89' });
    expect(lead).toMatchObject({ company: 'Acme GmbH', status: 'Working - Contacted', source: 'Web', contactId: null });
    const updated = await leads.update!(h.ctx, lead.id, { status: 'Closed - Not Converted', title: 'Buyer' });
    expect(updated).toMatchObject({ status: 'Closed - Not Converted', title: 'Buyer' });
    await leads.delete!(h.ctx, lead.id);
    scope.done();
  });

  it('a lead without company: REQUIRED_FIELD_MISSING → INVALID_INPUT naming company', async () => {
    const scope = expectExchanges([fixture('leads-create-missing-company')]);
    await expect(leads.create!(h.ctx, { lastName: 'Nobody' })).rejects.toMatchObject({
      code: 'INVALID_INPUT', details: { errors: [{ field: 'company' }], provider: { status: 400, code: 'REQUIRED_FIELD_MISSING' } },
    });
    scope.done();
  });

  it('a converted lead cannot be updated: CANNOT_UPDATE_CONVERTED_LEAD → PROVIDER_CONFLICT', async () => {
    const id = recordsOf<SfLead>('leads-get')[0].Id;
    const scope = nock(HOST).patch(`/services/data/v62.0/sobjects/Lead/${id}`, { Title: 'x' })
      .reply(400, [{ message: 'cannot reference converted lead', errorCode: 'CANNOT_UPDATE_CONVERTED_LEAD', fields: [] }]);
    await expect(leads.update!(h.ctx, id, { title: 'x' })).rejects.toMatchObject({ code: 'PROVIDER_CONFLICT' });
    scope.done();
  });
});
