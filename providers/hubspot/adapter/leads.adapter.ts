import { InvalidInputError, type AdapterContext, type Lead, type LeadInput, type ListParams, type Page, type ResourceAdapter } from '../../../src/provider-sdk';
import { LEAD_PROPERTIES, leadName, toProviderLeadCreate, toProviderLeadUpdate, toUnifiedLead } from '../mappers/lead.mapper';
import { prop } from '../mappers/wire';
import { CONTACTS, contactIdsByEmail } from './contacts.adapter';
import {
  createObject, deleteObject, getObject, listObjects, searchAndRead, updateObject, writeThenRead,
  type ObjectSpec, type SearchFilter, withExtraFields,
} from './objects';

export const LEADS: ObjectSpec = {
  type: 'leads', properties: LEAD_PROPERTIES, associations: ['contacts'], notFoundCode: 'LEAD_NOT_FOUND', modifiedProperty: 'hs_lastmodifieddate',
};

/**
 * `email` matches the primary contact's email HubSpot copies onto the lead
 * (`hs_associated_contact_email`); `updatedSince` is GTE on hs_lastmodifieddate (§1.3).
 */
function searchFilters(params: ListParams): SearchFilter[] {
  const filters: SearchFilter[] = [];
  if (params.filters.email !== undefined) filters.push({ propertyName: 'hs_associated_contact_email', operator: 'EQ', value: params.filters.email });
  if (params.filters.updatedSince !== undefined) {
    filters.push({ propertyName: LEADS.modifiedProperty, operator: 'GTE', value: String(Date.parse(params.filters.updatedSince)) });
  }
  return filters;
}

/**
 * §1.4: a lead must be associated with an existing contact. `contactId` is used as given; else the
 * contact is found by the lead's email. Without either there is nothing to attach the lead to.
 */
async function resolveContact(ctx: AdapterContext, input: LeadInput): Promise<string> {
  if (input.contactId) return input.contactId;
  if (input.email) {
    const [id] = await contactIdsByEmail(ctx, input.email);
    if (id !== undefined) return id;
    throw new InvalidInputError([{ field: 'contactId', message: `HubSpot leads need a contact and none has the email ${input.email}; create the contact first or pass contactId` }]);
  }
  throw new InvalidInputError([{ field: 'contactId', message: 'HubSpot leads need an associated contact: pass contactId, or an email of an existing contact' }]);
}

/**
 * The contact's name (or email) for `hs_lead_name` when the input carries no name of its own. An
 * unknown contactId is the caller's input error here, not a CONTACT_NOT_FOUND of the lead route.
 */
async function contactName(ctx: AdapterContext, contactId: string): Promise<string | null> {
  try {
    const c = await getObject(ctx, { ...CONTACTS, properties: ['firstname', 'lastname', 'email'] }, contactId);
    const name = [prop(c, 'firstname'), prop(c, 'lastname')].filter((p): p is string => p !== null).join(' ');
    return name !== '' ? name : prop(c, 'email');
  } catch (err) {
    if ((err as { code?: string }).code === 'CONTACT_NOT_FOUND') {
      throw new InvalidInputError([{ field: 'contactId', message: `HubSpot has no contact ${contactId}` }]);
    }
    throw err;
  }
}

export const leadsAdapter: ResourceAdapter<Lead, LeadInput> = {
  filters: ['email', 'updatedSince'],

  async list(ctx, params): Promise<Page<Lead>> {
    const filters = searchFilters(params);
    // Search hits carry no associations; searchAndRead reads each back for its contact link.
    const spec = withExtraFields(ctx, LEADS);
    const page = filters.length > 0
      ? await searchAndRead(ctx, spec, filters, params.limit, params.cursor)
      : await listObjects(ctx, spec, params.limit, params.cursor);
    return { items: page.results.map((r) => toUnifiedLead(r)), nextCursor: page.next };
  },

  async get(ctx, id) {
    return toUnifiedLead(await getObject(ctx, withExtraFields(ctx, LEADS), id));
  },

  async create(ctx, input) {
    const contactId = await resolveContact(ctx, input);
    const fallbackName = leadName(input) === null ? await contactName(ctx, contactId) : null;
    const body = toProviderLeadCreate(input, contactId, fallbackName);
    return toUnifiedLead(await writeThenRead(ctx, withExtraFields(ctx, LEADS), createObject(ctx, LEADS, body)));
  },

  async update(ctx, id, input) {
    return toUnifiedLead(await writeThenRead(ctx, withExtraFields(ctx, LEADS), updateObject(ctx, LEADS, id, toProviderLeadUpdate(input))));
  },

  async delete(ctx, id) {
    await deleteObject(ctx, LEADS, id);
  },
};
