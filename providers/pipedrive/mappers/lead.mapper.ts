import type { Lead, LeadInput } from '../../../src/provider-sdk';
import { idString, pdId, primaryValue, refuse, refuseCustomFields, utc } from './common';
import type { PdLead, PdPerson } from './wire';

/**
 * v1 lead (reference/providers.md §3.3) ↔ unified Lead. A Pipedrive lead holds no name, email or
 * phone of its own: they come from its person (`person_id`), and `company` from its organization
 * (`organization_id`); the adapter fetches both and passes them in.
 */
export const LEAD_STATUSES = ['open', 'archived'] as const;

export function toUnifiedLead(raw: PdLead, person: PdPerson | null, company: string | null): Lead {
  return {
    id: raw.id,
    createdAt: utc(raw.add_time),
    updatedAt: utc(raw.update_time),
    customFields: {},
    firstName: person?.first_name ?? null,
    lastName: person?.last_name ?? null,
    name: person?.name ?? null,
    email: person ? primaryValue(person.emails) : null,
    phone: person ? primaryValue(person.phones) : null,
    company: raw.organization_id === null ? null : company,
    title: raw.title ?? null,
    // Labels are account-defined and a lead may carry several; archiving is the one state every account has.
    status: raw.is_archived ? 'archived' : 'open',
    source: raw.source_name ?? null,
    ownerId: idString(raw.owner_id),
    contactId: idString(raw.person_id),
    remoteData: raw,
  };
}

export interface LeadLinks {
  /** Resolved by the adapter from contactId / email / the person fields; undefined leaves it as is. */
  personId?: number | null;
  /** Resolved from `company`; undefined leaves it as is. */
  organizationId?: number | null;
  /** On create without a title, the adapter's fallback (name, company or email). */
  title?: string;
}

/** Unified lead input → AddLeadRequest / UpdateLeadRequest body (v1). The person fields are written to the person, not here. */
export function toProviderLead(input: LeadInput, links: LeadLinks): Record<string, unknown> {
  refuseCustomFields(input.customFields);
  if (input.source !== undefined && input.source !== null) refuse('source', 'Pipedrive sets a lead\'s source_name itself; it cannot be written');
  const body: Record<string, unknown> = {};
  if (input.title !== undefined) {
    if (input.title === null || input.title.trim() === '') refuse('title', 'a Pipedrive lead always has a title');
    body.title = input.title;
  } else if (links.title !== undefined) {
    body.title = links.title;
  }
  if (input.status !== undefined && input.status !== null) {
    if (!(LEAD_STATUSES as readonly string[]).includes(input.status)) refuse('status', `must be one of ${LEAD_STATUSES.join(', ')} for pipedrive`);
    body.is_archived = input.status === 'archived';
  }
  if (input.ownerId !== undefined && input.ownerId !== null) body.owner_id = pdId(input.ownerId, 'ownerId');
  if (links.personId !== undefined) body.person_id = links.personId;
  if (links.organizationId !== undefined) body.organization_id = links.organizationId;
  return { ...body, ...input.providerData };
}

/** "title is required" (§3.3): the lead's name, else its company, else its email. */
export function fallbackLeadTitle(input: LeadInput): string | undefined {
  const name = [input.firstName, input.lastName].filter((s): s is string => typeof s === 'string' && s.trim() !== '').join(' ');
  return name || input.company || input.email || undefined;
}
