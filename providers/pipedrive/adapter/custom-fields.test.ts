import { customFields, isCustomKey } from './custom-fields';

const HASH = '0123456789abcdef0123456789abcdef01234567';

describe('pipedrive custom fields', () => {
  it('recognises custom keys by their 40-character hash', () => {
    expect(isCustomKey(HASH)).toBe(true);
    expect(isCustomKey('first_name')).toBe(false);
    expect(isCustomKey(`${HASH}_currency`)).toBe(false);
  });

  it('read: v2 persons and activities keep custom fields under custom_fields', () => {
    const person = { id: 1, first_name: 'Ana', custom_fields: { [HASH]: 2 } };
    expect(customFields.read('contacts', person, HASH)).toBe(2);
    expect(customFields.read('meetings', { custom_fields: { [HASH]: 'x' } }, HASH)).toBe('x');
    expect(customFields.read('contacts', person, 'first_name')).toBe('Ana');
  });

  it('read: v1 leads keep them at the root', () => {
    expect(customFields.read('leads', { id: 'u', [HASH]: 3, custom_fields: { [HASH]: 'wrong' } }, HASH)).toBe(3);
    expect(customFields.read('leads', { title: 'T' }, 'title')).toBe('T');
  });

  it('read: absent fields and odd records are null', () => {
    expect(customFields.read('contacts', { custom_fields: {} }, HASH)).toBeNull();
    expect(customFields.read('contacts', { id: 1 }, HASH)).toBeNull();
    expect(customFields.read('contacts', { custom_fields: null }, HASH)).toBeNull();
    expect(customFields.read('leads', null, HASH)).toBeNull();
    expect(customFields.read('leads', [1], 'title')).toBeNull();
  });

  it('read: a v2 monetary value comes back as Pipedrive has it', () => {
    expect(customFields.read('contacts', { custom_fields: { [HASH]: { value: 10, currency: 'EUR' } } }, HASH)).toEqual({ value: 10, currency: 'EUR' });
  });

  it('write: v2 resources nest custom keys under custom_fields, standard fields at the root', () => {
    expect(customFields.write('contacts', { [HASH]: 'https://li/ana', label_ids: [1] })).toEqual({ custom_fields: { [HASH]: 'https://li/ana' }, label_ids: [1] });
    expect(customFields.write('meetings', { [HASH]: null })).toEqual({ custom_fields: { [HASH]: null } });
    expect(customFields.write('contacts', { label_ids: [2] })).toEqual({ label_ids: [2] });
  });

  it('write: leads take custom keys at the root', () => {
    expect(customFields.write('leads', { [HASH]: 2, expected_close_date: '2026-06-30' })).toEqual({ [HASH]: 2, expected_close_date: '2026-06-30' });
    expect(customFields.write('leads', {})).toEqual({});
  });
});
