import { toProviderContact } from '../mappers/contact.mapper';
import { toProviderLeadUpdate } from '../mappers/lead.mapper';
import { hubspotCustomFields as cf } from './custom-fields';

describe('HubSpot custom fields', () => {
  it('reads a property from remoteData; "" (cleared) is null, absent is undefined', () => {
    const raw = { id: '1', properties: { favorite_color: 'teal', cleared: '', nothing: null } };
    expect(cf.read('contacts', raw, 'favorite_color')).toBe('teal');
    expect(cf.read('leads', raw, 'cleared')).toBeNull();
    expect(cf.read('meetings', raw, 'nothing')).toBeNull();
    expect(cf.read('contacts', raw, 'not_read')).toBeUndefined();
    expect(cf.read('contacts', null, 'x')).toBeUndefined();
  });

  it('writes a { properties } fragment with HubSpot string values', () => {
    expect(cf.write('contacts', { a: 'x', n: 42, b: true, multi: ['red', 'blue'], clear: null }))
      .toEqual({ properties: { a: 'x', n: '42', b: 'true', multi: 'red;blue', clear: '' } });
  });

  it('is merged into the create/update bodies by the mappers, next to the mapped properties', () => {
    const providerData = cf.write('contacts', { favorite_color: 'teal' });
    expect(toProviderContact({ firstName: 'Ada', providerData })).toEqual({ properties: { firstname: 'Ada', favorite_color: 'teal' } });
    expect(toProviderLeadUpdate({ status: 'HOT', providerData: cf.write('leads', { hs_lead_type: 'NEW BUSINESS' }) }))
      .toEqual({ properties: { hs_lead_label: 'HOT', hs_lead_type: 'NEW BUSINESS' } });
  });
});
