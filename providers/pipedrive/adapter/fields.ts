import type { AdapterContext, FieldCatalog, FieldInfo, ResourceName } from '../../../src/provider-sdk';
import type { PdV1Envelope } from '../mappers/wire';
import { walkPages } from './account-shape';
import { isCustomKey } from './custom-fields';

/**
 * The field catalog (GET /v1/fields) from Pipedrive's v1 field endpoints (§3.3, README § Sandbox):
 * contacts → `personFields`, leads → `dealFields` (leads inherit the deal fields; there is no
 * leadFields), meetings → `activityFields`. Names are the keys of the records the adapter reads,
 * so a mapping's field is read and written under the name the catalog shows:
 *  - v2 persons renamed `email`/`phone` to `emails`/`phones` (§0 #10);
 *  - of the deal fields, leads have their custom fields and only the standard ones below, some
 *    under the lead's own key (`org_id` → `organization_id`, `user_id` → `owner_id`, §3.3).
 * Picklist option values are Pipedrive's option ids, as strings; a custom enum is written with
 * the option id (a number on v2, which does not coerce strings, §3.2).
 */
interface PdField { key: string; name: string; field_type: string; options?: { id: number | string; label: string }[] | null }

const ENDPOINT: Record<ResourceName, string> = {
  contacts: '/api/v1/personFields',
  leads: '/api/v1/dealFields',
  meetings: '/api/v1/activityFields',
};
const V1_MAX_LIMIT = 500;

const PERSON_KEYS: Record<string, string> = { email: 'emails', phone: 'phones' };
/** Standard deal fields a lead has too, by the lead's key (SDK `models/lead.ts`). */
const LEAD_KEYS: Record<string, string> = {
  title: 'title', value: 'value', person_id: 'person_id', org_id: 'organization_id', user_id: 'owner_id', expected_close_date: 'expected_close_date',
};

function nameFor(resource: ResourceName, key: string): string | null {
  if (isCustomKey(key)) return key;
  if (resource === 'contacts') return PERSON_KEYS[key] ?? key;
  if (resource === 'leads') return LEAD_KEYS[key] ?? null;
  return key;
}

async function fields(ctx: AdapterContext, resource: ResourceName): Promise<FieldInfo[]> {
  const walk = await walkPages(Number.MAX_SAFE_INTEGER, async (cursor) => {
    const res = await ctx.http.json<PdV1Envelope<PdField[] | null>>({
      method: 'GET', path: ENDPOINT[resource], query: { start: cursor === null ? 0 : Number(cursor), limit: V1_MAX_LIMIT },
    });
    const p = res.additional_data?.pagination;
    return { items: res.data ?? [], next: p?.more_items_in_collection && p.next_start !== undefined ? String(p.next_start) : null };
  });
  const out: FieldInfo[] = [];
  for (const f of walk.items) {
    const name = nameFor(resource, f.key);
    if (name === null) continue;
    const options = f.options && f.options.length > 0 ? f.options.map((o) => ({ value: String(o.id), label: o.label })) : null;
    out.push({ name, label: f.name, type: f.field_type, options });
  }
  return out;
}

export const fieldCatalog: FieldCatalog = { fields };
