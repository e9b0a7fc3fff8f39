import type { RunningSandbox } from '../../../test/helpers/sandbox';
import { call, connect, startHubspot } from '../fixtures/sandbox-client';

// Written from the official v4 spec (CRM/Associations/Rollouts/130902/v4/associations.json), the
// 1000-input changelog, and the NO_ASSOCIATIONS_FOUND 207 shape seen in community logs (⚠️).
interface V4Body {
  status: string;
  results: { from: { id: string }; to: { toObjectId: string; associationTypes: { category: string; typeId: number; label: string | null }[] }[]; paging?: unknown }[];
  numErrors?: number;
  errors?: { status: string; category: string; subCategory: string; message: string; context: Record<string, string[]> }[];
  startedAt: string;
  completedAt: string;
}

describe('HubSpot sandbox v4 associations batch read', () => {
  let sb: RunningSandbox;
  let token: string;
  const read = (from: string, to: string, body: unknown) => call<V4Body>(sb.url, token, 'POST', `/crm/v4/associations/${from}/${to}/batch/read`, body);
  beforeAll(async () => {
    sb = await startHubspot();
    token = (await connect(sb.url, { account: 'assoc-v4' })).access_token;
  });
  afterAll(() => sb.close());

  it('reads a lead\'s primary contact (578, "Primary") and, from the contact, its lead (reverse type)', async () => {
    // Seed: lead 30000000001 + i has contact 1001 + 3i as its primary contact.
    const fromLead = await read('leads', 'contacts', { inputs: [{ id: '30000000001' }] });
    expect(fromLead.status).toBe(200);
    expect(fromLead.body).toMatchObject({ status: 'COMPLETE', startedAt: expect.any(String), completedAt: expect.any(String) });
    expect(fromLead.body.results).toEqual([{ from: { id: '30000000001' }, to: [{ toObjectId: '1001', associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 578, label: 'Primary' }] }] }]);
    const fromContact = await read('0-1', '0-136', { inputs: [{ id: '1001' }, { id: '1004' }] });
    expect(fromContact.status).toBe(200);
    expect(fromContact.body.results.map((r) => [r.from.id, r.to.map((t) => t.toObjectId)])).toEqual([['1001', ['30000000001']], ['1004', ['30000000002']]]);
    expect(fromContact.body.results[0].to[0].associationTypes[0]).toMatchObject({ category: 'HUBSPOT_DEFINED', typeId: 579 });
  });

  it('answers 207 with one NO_ASSOCIATIONS_FOUND error per input without associations (or unknown)', async () => {
    const res = await read('contacts', 'leads', { inputs: [{ id: '1001' }, { id: '1002' }, { id: '999999' }] });
    expect(res.status).toBe(207);
    expect(res.body.results.map((r) => r.from.id)).toEqual(['1001']);
    expect(res.body.numErrors).toBe(2);
    expect(res.body.errors![0]).toEqual({
      status: 'error', category: 'OBJECT_NOT_FOUND', subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND',
      message: 'No lead is associated with contact 1002.',
      context: { fromObjectId: ['1002'], fromObjectType: ['contact'], toObjectType: ['lead'] },
    });
  });

  it('reads meeting ↔ contact associations both ways (200 / 199)', async () => {
    const m = await read('meetings', 'contacts', { inputs: [{ id: '50000000001' }] });
    const contactId = m.body.results[0].to[0].toObjectId;
    expect(m.body.results[0].to[0].associationTypes[0].typeId).toBe(200);
    const c = await read('contacts', 'meetings', { inputs: [{ id: contactId }] });
    expect(c.body.results[0].to.find((t) => t.toObjectId === '50000000001')!.associationTypes[0].typeId).toBe(199);
  });

  it('refuses more than 1000 inputs, an unknown object type, and a body without inputs (400 VALIDATION_ERROR)', async () => {
    const big = await read('contacts', 'leads', { inputs: Array.from({ length: 1001 }, (_, i) => ({ id: String(i) })) });
    expect(big.status).toBe(400);
    expect(big.body).toMatchObject({ category: 'VALIDATION_ERROR' });
    expect((await read('contacts', 'widgets', { inputs: [] })).status).toBe(400);
    expect((await read('contacts', 'leads', {})).status).toBe(400);
  });

  it('counts against the burst budget with the rate-limit headers, and needs the from-object read scope', async () => {
    const res = await read('contacts', 'leads', { inputs: [{ id: '1001' }] });
    expect(res.headers.get('x-hubspot-ratelimit-max')).toBe('110');
    const noLeads = (await connect(sb.url, { account: 'assoc-v4', scopes: ['crm.objects.contacts.read'] })).access_token;
    const denied = await call<{ category: string }>(sb.url, noLeads, 'POST', '/crm/v4/associations/leads/contacts/batch/read', { inputs: [{ id: '30000000001' }] });
    expect(denied.status).toBe(403);
    expect(denied.body.category).toBe('MISSING_SCOPES');
    expect(sb.kit.stats.get().requests['POST /crm/v4/associations/contacts/leads/batch/read']).toBeGreaterThan(0);
  });
});
