import type { CustomFieldAccess, ResourceName } from '../../../src/provider-sdk';

/**
 * Mapped fields on Pipedrive records. Custom fields are keyed by 40-character hashes (Pipedrive's
 * custom-fields guide); where they live depends on the API version of the resource (§3.2, §3.3):
 *  - v2 persons and activities (contacts, meetings) keep them under `custom_fields: { <hash>: value }`;
 *  - v1 leads keep them at the root of the record, by hash (leads inherit the deal fields).
 * A standard field (the catalog's name, fields.ts) is read and written at the root of either.
 * Values travel as Pipedrive has them (an enum is its option id; a v2 monetary value is
 * `{value, currency}`); the adapter's create/update spread `providerData` over their request body,
 * so the fragment below reaches Pipedrive as it is.
 */
const CUSTOM_KEY = /^[0-9a-f]{40}$/;

export const isCustomKey = (field: string): boolean => CUSTOM_KEY.test(field);

const nestsCustomFields = (resource: ResourceName): boolean => resource !== 'leads';

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function read(resource: ResourceName, remoteData: unknown, field: string): unknown {
  const record = asRecord(remoteData);
  if (record === null) return null;
  if (isCustomKey(field) && nestsCustomFields(resource)) {
    return asRecord(record.custom_fields)?.[field] ?? null;
  }
  return record[field] ?? null;
}

function write(resource: ResourceName, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const custom: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(values)) {
    if (isCustomKey(field) && nestsCustomFields(resource)) custom[field] = value;
    else out[field] = value;
  }
  if (Object.keys(custom).length > 0) out.custom_fields = custom;
  return out;
}

export const customFields: CustomFieldAccess = { read, write };
