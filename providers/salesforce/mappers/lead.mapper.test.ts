import { golden, recordsOf, schemaErrors, withoutRemoteData } from '../fixtures/load';
import { toProviderLead, toUnifiedLead } from './lead.mapper';
import type { SfLead } from './wire';

describe('salesforce lead mapper', () => {
  const raw = [...recordsOf<SfLead>('leads-list'), ...recordsOf<SfLead>('leads-get'), ...recordsOf<SfLead>('leads-create-2')];
  const mapped = raw.map(toUnifiedLead);

  it('maps every recorded Lead to a schema-valid record matching golden/leads.json', () => {
    for (const l of mapped) expect(schemaErrors('leads', withoutRemoteData(l))).toBe('');
    expect(mapped.map(withoutRemoteData)).toEqual(golden('leads', mapped.map(withoutRemoteData)));
  });

  it('a converted lead links its contact; Status and LeadSource map to status and source', () => {
    const converted = toUnifiedLead(recordsOf<SfLead>('leads-get')[0]);
    expect(converted.contactId).toMatch(/^003/);
    expect(converted.status).toBe('Closed - Converted');
    const created = mapped[mapped.length - 1];
    expect(created).toMatchObject({ company: 'Acme GmbH', status: 'Working - Contacted', source: 'Web', lastName: 'Łukasiewicz', contactId: null });
  });

  it('phone is Phone, or MobilePhone when Phone is empty', () => {
    const r = { ...raw[0], Phone: null, MobilePhone: '+1 555 0100' };
    expect(toUnifiedLead(r).phone).toBe('+1 555 0100');
  });

  it('writes the given fields; contactId is read-only', () => {
    expect(toProviderLead({ company: 'Acme', status: 'Open - Not Contacted', source: null })).toEqual({ Company: 'Acme', Status: 'Open - Not Contacted', LeadSource: null });
    expect(() => toProviderLead({ contactId: '003000000000001' })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
