import { InvalidInputError, type CustomFieldAccess } from '../../../src/provider-sdk';

/**
 * Mapped custom fields on Salesforce records: every field, standard or custom (`Score__c`), is a
 * flat property of the sObject, named as in describe. Reads take it from the SOQL row (the adapter
 * selects the mapped fields, see extra-fields.ts); writes are a `{ Field: value }` fragment that the
 * create/update body already merges from `providerData`.
 */

/** A property of a SOQL row: its canonical spelling first, then any case (field names are case-insensitive in Salesforce). */
function property(record: Record<string, unknown>, name: string): unknown {
  if (Object.prototype.hasOwnProperty.call(record, name)) return record[name];
  const key = Object.keys(record).find((k) => k !== 'attributes' && k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : record[key];
}

export const customFields: CustomFieldAccess = {
  read(_resource, remoteData, field) {
    // A relationship path (`Account.Name`) is a nested record in SOQL rows, or null when the lookup is empty.
    if (typeof remoteData !== 'object' || remoteData === null) return undefined;
    let current: unknown = remoteData;
    for (const part of field.split('.')) {
      if (current === null) return null;
      if (typeof current !== 'object') return undefined;
      current = property(current as Record<string, unknown>, part);
    }
    return current;
  },

  write(_resource, values) {
    const fragment: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(values)) {
      // Salesforce writes only the object's own fields; a related record's field cannot be set through it.
      if (field.includes('.')) throw new InvalidInputError([{ field: 'customFields', message: `${field} is a field of a related record and cannot be written` }]);
      fragment[field] = value;
    }
    return fragment;
  },
};
