import type { Lead, LeadInput } from '../../../src/provider-sdk';
import { InvalidInputError } from '../../../src/provider-sdk';
import { association, associatedIds, isoTime, prop, setIf, withExtras, type HubspotObject, type HubspotWrite } from './wire';

/** Every lead property the mapper reads (§1.4); the default set is only the ids and dates. */
export const LEAD_PROPERTIES = [
  'hs_lead_name', 'hs_lead_label', 'hs_lead_type', 'hs_pipeline_stage', 'hubspot_owner_id', 'hs_associated_contact_email',
  'createdate', 'hs_lastmodifieddate',
];

/** §1.4: 578 = lead → primary contact, the association every lead must have. */
export const LEAD_TO_PRIMARY_CONTACT = 578;
const PRIMARY_CONTACT_NAME = 'lead_to_primary_contact';

/** The primary contact of a lead: the 578 association, else the first associated contact. */
function primaryContactId(raw: HubspotObject): string | null {
  const results = raw.associations?.contacts?.results ?? [];
  const primary = results.find((a) => a.type === PRIMARY_CONTACT_NAME);
  return primary ? String(primary.id) : associatedIds(raw, 'contacts')[0] ?? null;
}

export function toUnifiedLead(raw: HubspotObject): Lead {
  return {
    id: String(raw.id),
    createdAt: isoTime(prop(raw, 'createdate') ?? raw.createdAt),
    updatedAt: isoTime(prop(raw, 'hs_lastmodifieddate') ?? raw.updatedAt),
    // A HubSpot lead has one free-text name; the person's name parts live on its contact.
    firstName: null,
    lastName: null,
    name: prop(raw, 'hs_lead_name'),
    email: prop(raw, 'hs_associated_contact_email'),
    phone: null,
    company: null,
    title: null,
    // reference/providers.md §1.4: hs_lead_label is the lead's status (COLD/WARM/HOT).
    status: prop(raw, 'hs_lead_label'),
    source: null,
    ownerId: prop(raw, 'hubspot_owner_id'),
    contactId: primaryContactId(raw),
    customFields: {},
    remoteData: raw,
  };
}

/** Fields a HubSpot lead has no property for: refused by name, never dropped (API.md § Unified resources). */
const NO_LEAD_PROPERTY = ['phone', 'company', 'title', 'source'] as const;

/** `hs_lead_name` from the input: first + last name, else the email (§1.4: a lead must have a name). */
export function leadName(input: LeadInput): string | null {
  const parts = [input.firstName, input.lastName].filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  if (parts.length > 0) return parts.join(' ');
  return input.email ?? null;
}

function refuseUnmapped(input: LeadInput): void {
  const present = NO_LEAD_PROPERTY.filter((f) => input[f] !== undefined && input[f] !== null);
  if (present.length > 0) {
    throw new InvalidInputError(present.map((field) => ({ field, message: 'HubSpot leads have no such property; set it on the contact' })));
  }
}

function leadProperties(input: LeadInput): Record<string, string> {
  const properties: Record<string, string> = {};
  setIf(properties, input, 'status', 'hs_lead_label');
  setIf(properties, input, 'ownerId', 'hubspot_owner_id');
  return properties;
}

/**
 * Create body: name, label, owner, and the 578 association to the contact the adapter resolved.
 * `contactName` (the contact's own name or email) names the lead when the input gives neither.
 */
export function toProviderLeadCreate(input: LeadInput, contactId: string, contactName: string | null = null): HubspotWrite & Record<string, unknown> {
  refuseUnmapped(input);
  const name = leadName(input) ?? contactName;
  const properties = { ...leadProperties(input), ...(name !== null ? { hs_lead_name: name } : {}) };
  return withExtras({ properties, associations: [association(contactId, LEAD_TO_PRIMARY_CONTACT)] }, input.customFields, input.providerData);
}

/**
 * Update body. The contact link and its email are changed on the contact or its associations, not
 * on the lead, so `contactId`/`email` are refused here; a new first/last name renames the lead.
 */
export function toProviderLeadUpdate(input: LeadInput): HubspotWrite & Record<string, unknown> {
  refuseUnmapped(input);
  const refused = (['contactId', 'email'] as const).filter((f) => input[f] !== undefined);
  if (refused.length > 0) {
    throw new InvalidInputError(refused.map((field) => ({ field, message: 'cannot change on a HubSpot lead; update the associated contact' })));
  }
  const properties = leadProperties(input);
  if (input.firstName !== undefined || input.lastName !== undefined) {
    const name = leadName(input);
    if (name !== null) properties.hs_lead_name = name;
  }
  return withExtras({ properties }, input.customFields, input.providerData);
}
