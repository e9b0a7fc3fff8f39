/**
 * HubSpot's SimplePublicObject as the CRM v3 objects API returns it (reference/providers.md §1.3):
 * numeric-string id, every property value a string or null, ISO-8601 timestamps, and, when asked
 * with `associations=`, the associated ids per object type.
 */
export type HubspotProperties = Record<string, string | null | undefined>;

export interface HubspotAssociation { id: string; type: string }

export interface HubspotObject {
  id: string;
  properties: HubspotProperties;
  createdAt?: string;
  updatedAt?: string;
  archived?: boolean;
  associations?: Record<string, { results: HubspotAssociation[] }>;
}

/** A write body: `properties` plus, on create, `associations` (§1.4, §1.5). */
export interface HubspotWrite {
  properties: Record<string, string>;
  associations?: { to: { id: string }; types: { associationCategory: 'HUBSPOT_DEFINED'; associationTypeId: number }[] }[];
}

/** A property value, with "" treated as unset (HubSpot clears a property by writing ""). */
export function prop(raw: HubspotObject, name: string): string | null {
  const v = raw.properties[name];
  return v === undefined || v === null || v === '' ? null : v;
}

/** HubSpot timestamps → ISO-8601 UTC with `Z` (they already are; epoch-ms strings are converted too). */
const CANONICAL_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function isoTime(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  // HubSpot already sends most times as ISO with milliseconds and Z: keep them as they are (hot path).
  if (CANONICAL_ISO.test(value)) return value;
  const ms = /^-?\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** Ids of the associated records of one object type, in HubSpot's order, without repeats. */
export function associatedIds(raw: HubspotObject, toType: string): string[] {
  return [...new Set((raw.associations?.[toType]?.results ?? []).map((a) => String(a.id)))];
}

/** `{ associationTypeId }` of a HUBSPOT_DEFINED association to one record. */
export function association(toId: string, associationTypeId: number): NonNullable<HubspotWrite['associations']>[number] {
  return { to: { id: toId }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId }] };
}

/**
 * `customFields` and `providerData` of a unified write: custom fields are HubSpot property names
 * (the caller names them); providerData is merged as-is, its `properties` and `associations` merged into ours.
 */
export function withExtras(body: HubspotWrite, customFields: Record<string, unknown> | undefined, providerData: Record<string, unknown> | undefined): HubspotWrite & Record<string, unknown> {
  const custom: Record<string, string> = {};
  for (const [k, v] of Object.entries(customFields ?? {})) custom[k] = v === null || v === undefined ? '' : String(v);
  const { properties: extraProps, associations: extraAssoc, ...rest } = (providerData ?? {}) as {
    properties?: Record<string, string>; associations?: HubspotWrite['associations'];
  };
  const out: HubspotWrite & Record<string, unknown> = { ...rest, ...body, properties: { ...body.properties, ...custom, ...(extraProps ?? {}) } };
  // Extra associations (e.g. lead → company, 580) are added to the ones the mapper built, not swapped for them.
  if (Array.isArray(extraAssoc)) out.associations = [...(body.associations ?? []), ...extraAssoc];
  return out;
}

/**
 * Sets `name` only when the input carries the key (a PATCH leaves absent fields alone); null clears
 * the property, which HubSpot does with an empty string.
 */
export function setIf<T extends object>(out: Record<string, string>, input: T, key: keyof T, name: string): void {
  if (key in input) {
    const v = input[key];
    out[name] = v === null || v === undefined ? '' : String(v);
  }
}
