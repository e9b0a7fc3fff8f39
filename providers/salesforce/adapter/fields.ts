import type { AdapterContext, FieldCatalog, FieldInfo, ResourceName } from '../../../src/provider-sdk';
import { version } from './sf-http';

/**
 * The field catalog (GET /v1/fields) from the sObject describe: `GET /sobjects/{Object}/describe`
 * → `fields[]` with `name`, `label`, `type` and `picklistValues`. One call per resource; the core
 * caches the answer per connection.
 */
const OBJECT: Record<ResourceName, string> = { contacts: 'Contact', leads: 'Lead', meetings: 'Event' };

/** Describe types whose values come from `picklistValues`. Other types carry an empty list there, which means "no options". */
const PICKLIST_TYPES = new Set(['picklist', 'multipicklist', 'combobox']);

interface SfPicklistValue { value: string; label: string | null; active: boolean }
export interface SfDescribeField { name: string; label: string; type: string; picklistValues?: SfPicklistValue[] }
interface SfDescribe { fields: SfDescribeField[] }

export function toFieldInfo(f: SfDescribeField): FieldInfo {
  // Inactive picklist values can no longer be written, so they are not offered for mappings.
  const options = PICKLIST_TYPES.has(f.type)
    ? (f.picklistValues ?? []).filter((v) => v.active).map((v) => ({ value: v.value, label: v.label ?? v.value }))
    : null;
  return { name: f.name, label: f.label, type: f.type, options };
}

/** The describe of `object`'s fields: one `GET /sobjects/{Object}/describe`. */
export async function describeFields(ctx: AdapterContext, object: string): Promise<SfDescribeField[]> {
  const body = await ctx.http.json<SfDescribe>({
    method: 'GET', path: '/services/data/:version/sobjects/:object/describe', params: { version: version(ctx), object },
  });
  return body.fields;
}

export const fields: FieldCatalog = {
  async fields(ctx, resource) {
    return (await describeFields(ctx, OBJECT[resource])).map(toFieldInfo);
  },
};
