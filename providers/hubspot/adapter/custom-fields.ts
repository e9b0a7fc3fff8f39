import type { CustomFieldAccess, ResourceName } from '../../../src/provider-sdk';

/**
 * Mapped custom fields are HubSpot properties on every resource: read from `remoteData.properties`
 * (the adapters ask for them through ctx.extraFields), written as a `{ properties }` fragment
 * that the mappers' withExtras merges into the create/update body's properties.
 */
function toPropertyValue(v: unknown): string {
  // HubSpot clears a property with "" (§1.3), stores every value as a string, and keeps
  // multi-select (checkbox enumeration) values `;`-separated.
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map((x) => String(x)).join(';');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export const hubspotCustomFields: CustomFieldAccess = {
  read(_resource: ResourceName, remoteData: unknown, field: string): unknown {
    const properties = (remoteData as { properties?: Record<string, unknown> } | null | undefined)?.properties;
    const v = properties?.[field];
    // "" is HubSpot's cleared value; undefined means the property was not read or does not exist.
    return v === '' ? null : v;
  },
  write(_resource: ResourceName, values: Record<string, unknown>): Record<string, unknown> {
    const properties: Record<string, string> = {};
    for (const [field, v] of Object.entries(values)) properties[field] = toPropertyValue(v);
    return { properties };
  },
};
