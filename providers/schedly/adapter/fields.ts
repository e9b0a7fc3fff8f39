import type { AdapterContext, CustomFieldAccess, FieldCatalog, FieldInfo, ResourceName } from '../../../src/provider-sdk';
import { isObject } from '../mappers/common';
import type { CustomFieldWire, Success } from '../mappers/wire';

/**
 * Fields a field mapping can name (GET /v1/fields, README § Custom fields):
 * - contacts: the account's custom fields (GET /api/services/custom-fields, by `key`; customers
 *   carry them in `customFields`), and the customer fields the unified model has no place for;
 * - meetings: the appointment fields the unified model has no place for.
 * A custom field whose key is also a standard field's name is reached as the standard field.
 */
const CUSTOM_FIELDS = '/api/services/custom-fields';

const STANDARD: Partial<Record<ResourceName, FieldInfo[]>> = {
  contacts: [
    { name: 'notes', label: 'Internal notes', type: 'text', options: null },
    { name: 'gender', label: 'Gender', type: 'text', options: null },
    { name: 'dateOfBirth', label: 'Date of birth', type: 'date', options: null },
  ],
  meetings: [
    { name: 'price', label: 'Price (cents)', type: 'number', options: null },
    { name: 'locationId', label: 'Location', type: 'text', options: null },
  ],
};

const isStandard = (resource: ResourceName, field: string): boolean => (STANDARD[resource] ?? []).some((f) => f.name === field);

export function toFieldInfo(f: CustomFieldWire): FieldInfo {
  const options = (f.options ?? []).map((o) => (typeof o === 'string' ? { value: o, label: o } : { value: o.value, label: o.label || o.value }));
  return { name: f.key, label: f.label || f.key, type: f.type, options: options.length > 0 ? options : null };
}

export const schedlyFields: FieldCatalog = {
  async fields(ctx: AdapterContext, resource: ResourceName): Promise<FieldInfo[]> {
    const standard = STANDARD[resource] ?? [];
    if (resource !== 'contacts') return standard;
    const body = await ctx.http.json<Success<CustomFieldWire[]>>({ method: 'GET', path: CUSTOM_FIELDS });
    return [...standard, ...body.data.filter((f) => !isStandard(resource, f.key)).map(toFieldInfo)];
  },
};

/**
 * Mapped fields are read from remoteData (standard fields at the top, custom ones under
 * `customFields`) and written as a providerData fragment of the same shape, which the mappers
 * merge into the body (the contacts adapter merges customFields into the customer's current ones).
 */
export const schedlyCustomFields: CustomFieldAccess = {
  read(resource: ResourceName, remoteData: unknown, field: string): unknown {
    if (!isObject(remoteData)) return undefined;
    if (isStandard(resource, field)) return remoteData[field];
    return isObject(remoteData.customFields) ? remoteData.customFields[field] : undefined;
  },
  write(resource: ResourceName, values: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const custom: Record<string, unknown> = {};
    for (const [field, v] of Object.entries(values)) {
      if (isStandard(resource, field)) out[field] = v;
      else custom[field] = v;
    }
    if (Object.keys(custom).length > 0) out.customFields = custom;
    return out;
  },
};
