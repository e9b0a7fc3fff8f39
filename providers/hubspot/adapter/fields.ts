import type { AdapterContext, FieldCatalog, FieldInfo, ResourceName } from '../../../src/provider-sdk';

/**
 * The field catalog from HubSpot's properties API: GET /crm/v3/properties/{objectType}
 * (contacts, leads = object 0-136, meetings = 0-47; the leads guide names `/crm/v3/properties/leads`).
 * `type` is HubSpot's own (string, number, datetime, enumeration, bool, …); enumeration options
 * that HubSpot hides are not offered. Properties without options (including `externalOptions`
 * ones such as hubspot_owner_id, whose values are owner ids) have `options: null`.
 */
const OBJECT_TYPE: Record<ResourceName, string> = { contacts: 'contacts', leads: 'leads', meetings: 'meetings' };

interface HubspotProperty {
  name: string;
  label?: string | null;
  type: string;
  options?: { value: string; label?: string | null; hidden?: boolean }[];
}

export function toFieldInfo(p: HubspotProperty): FieldInfo {
  const options = (p.options ?? []).filter((o) => o.hidden !== true).map((o) => ({ value: o.value, label: o.label || o.value }));
  return { name: p.name, label: p.label || p.name, type: p.type, options: options.length > 0 ? options : null };
}

export const hubspotFields: FieldCatalog = {
  async fields(ctx: AdapterContext, resource: ResourceName): Promise<FieldInfo[]> {
    const body = await ctx.http.json<{ results: HubspotProperty[] }>({ method: 'GET', path: '/crm/v3/properties/:objectType', params: { objectType: OBJECT_TYPE[resource] } });
    return body.results.map(toFieldInfo);
  },
};
