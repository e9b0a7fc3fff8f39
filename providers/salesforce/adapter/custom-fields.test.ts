import { customFields } from './custom-fields';
import { extraFieldsFor, selectList } from './extra-fields';
import type { AdapterContext } from '../../../src/provider-sdk';

describe('salesforce custom fields', () => {
  const row = {
    attributes: { type: 'Contact', url: '/services/data/v62.0/sobjects/Contact/003yT0000000002QAA' },
    Id: '003yT0000000002QAA', Score__c: 42, Department: null, Account: { attributes: { type: 'Account', url: '' }, Name: 'Globex' }, Owner: null,
  };

  it('read: a flat field by its describe name, any case; null stays null; absent is undefined', () => {
    expect(customFields.read('contacts', row, 'Score__c')).toBe(42);
    expect(customFields.read('contacts', row, 'score__C')).toBe(42);
    expect(customFields.read('contacts', row, 'Department')).toBeNull();
    expect(customFields.read('contacts', row, 'Nope__c')).toBeUndefined();
    expect(customFields.read('contacts', null, 'Score__c')).toBeUndefined();
    expect(customFields.read('contacts', 'not a record', 'Score__c')).toBeUndefined();
  });

  it('read: a relationship path through the nested record; an empty lookup is null', () => {
    expect(customFields.read('contacts', row, 'Account.Name')).toBe('Globex');
    expect(customFields.read('contacts', row, 'Owner.Name')).toBeNull();
  });

  it('write: a flat { Field: value } providerData fragment; relationship paths are refused', () => {
    expect(customFields.write('leads', { Score__c: 7, Department: null })).toEqual({ Score__c: 7, Department: null });
    expect(customFields.write('contacts', {})).toEqual({});
    expect(() => customFields.write('contacts', { 'Account.Name': 'x' })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it('extra fields: per-resource lists apply to their resource only; the select list has no duplicates', () => {
    const ctx = { extraFields: ['Score__c', 'Department', 'Rating'], extraFieldsByResource: { contacts: ['Score__c', 'Department'], leads: ['Score__c', 'Rating'] } } as unknown as AdapterContext;
    expect(extraFieldsFor(ctx, 'contacts')).toEqual(['Score__c', 'Department']);
    expect(extraFieldsFor(ctx, 'leads')).toEqual(['Score__c', 'Rating']);
    expect(extraFieldsFor({ extraFields: ['Type'] } as unknown as AdapterContext, 'meetings')).toEqual(['Type']);
    expect(extraFieldsFor({ } as AdapterContext, 'leads')).toEqual([]);
    expect(selectList(['Id', 'Email'], ['email', 'Score__c', 'SCORE__C'])).toEqual(['Id', 'Email', 'Score__c']);
    expect(() => extraFieldsFor({ extraFields: ['Id FROM User'] } as unknown as AdapterContext, 'contacts')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
