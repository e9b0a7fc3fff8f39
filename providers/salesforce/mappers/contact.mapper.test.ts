import { golden, recordsOf, schemaErrors, withoutRemoteData } from '../fixtures/load';
import { toProviderContact, toUnifiedContact } from './contact.mapper';
import type { SfContact } from './wire';

describe('salesforce contact mapper', () => {
  const raw = [...recordsOf<SfContact>('contacts-list'), ...recordsOf<SfContact>('contacts-list-batch2'), ...recordsOf<SfContact>('contacts-create-3')];
  const mapped = raw.map(toUnifiedContact);

  it('maps every recorded Contact to a schema-valid record', () => {
    for (const c of mapped) expect(schemaErrors('contacts', withoutRemoteData(c))).toBe('');
  });

  it('matches golden/contacts.json, and keeps the record as remoteData', () => {
    expect(mapped.map(withoutRemoteData)).toEqual(golden('contacts', mapped.map(withoutRemoteData)));
    expect(mapped[0].remoteData).toBe(raw[0]);
  });

  it('reads company through Account.Name, phones as work then mobile, times as UTC Z', () => {
    const created = mapped[mapped.length - 1];
    expect(created).toMatchObject({
      firstName: 'Zoë', lastName: "O'Brien", email: 'zoe.obrien@example.com', emails: [{ value: 'zoe.obrien@example.com', type: null }],
      phone: '+49 30 1234567', phones: [{ value: '+49 30 1234567', type: 'work' }, { value: '+49 170 7654321', type: 'mobile' }],
      title: 'CTO', customFields: {},
    });
    expect(created.company).toEqual(expect.any(String));
    expect(created.companyId).toMatch(/^001/);
    expect(created.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('a contact without account has company and companyId null', () => {
    const raw0 = { ...raw[0], AccountId: null, Account: null };
    expect(toUnifiedContact(raw0)).toMatchObject({ company: null, companyId: null });
  });

  it('writes only the fields given, phones by type, providerData last', () => {
    expect(toProviderContact({ title: 'CEO', companyId: null })).toEqual({ Title: 'CEO', AccountId: null });
    expect(toProviderContact({ phones: [{ value: '1', type: 'mobile' }, { value: '2', type: null }], phone: '3' })).toEqual({ Phone: '3', MobilePhone: '1' });
    expect(toProviderContact({ emails: [{ value: 'a@b.co', type: null }], providerData: { Department: 'IT', Title: 'X' }, title: 'Y' }))
      .toEqual({ Email: 'a@b.co', Title: 'X', Department: 'IT' });
  });

  it('refuses what Salesforce cannot hold: two emails, two phones of a kind', () => {
    expect(() => toProviderContact({ emails: [{ value: 'a@b.co', type: null }, { value: 'c@d.co', type: null }] })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => toProviderContact({ phones: [{ value: '1', type: null }, { value: '2', type: 'work' }] })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
