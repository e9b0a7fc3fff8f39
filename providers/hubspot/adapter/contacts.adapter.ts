import type { AdapterContext, Contact, ContactInput, ListParams, Page, ResourceAdapter } from '../../../src/provider-sdk';
import { CONTACT_PROPERTIES, toProviderContact, toUnifiedContact } from '../mappers/contact.mapper';
import {
  createObject, deleteObject, getObject, listObjects, searchObjects, updateObject, writeThenRead,
  type ObjectSpec, type SearchFilter, withExtraFields,
} from './objects';

export const CONTACTS: ObjectSpec = {
  type: 'contacts', properties: CONTACT_PROPERTIES, associations: [], notFoundCode: 'CONTACT_NOT_FOUND', modifiedProperty: 'lastmodifieddate',
};

/** `email` (EQ; HubSpot compares emails case-insensitively) and `updatedSince` (GTE on lastmodifieddate, §1.3). */
function searchFilters(params: ListParams): SearchFilter[] {
  const filters: SearchFilter[] = [];
  if (params.filters.email !== undefined) filters.push({ propertyName: 'email', operator: 'EQ', value: params.filters.email });
  if (params.filters.updatedSince !== undefined) {
    filters.push({ propertyName: CONTACTS.modifiedProperty, operator: 'GTE', value: String(Date.parse(params.filters.updatedSince)) });
  }
  return filters;
}

/** The contact ids holding this email (for a lead's contact or a meeting attendee). */
export async function contactIdsByEmail(ctx: AdapterContext, email: string): Promise<string[]> {
  const page = await searchObjects(ctx, { ...CONTACTS, properties: ['email'] }, [{ propertyName: 'email', operator: 'EQ', value: email.trim().toLowerCase() }], 10, null);
  return page.results.map((r) => String(r.id));
}

export const contactsAdapter: ResourceAdapter<Contact, ContactInput> = {
  filters: ['email', 'updatedSince'],

  async list(ctx, params): Promise<Page<Contact>> {
    const filters = searchFilters(params);
    const spec = withExtraFields(ctx, CONTACTS);
    const page = filters.length > 0
      ? await searchObjects(ctx, spec, filters, params.limit, params.cursor)
      : await listObjects(ctx, spec, params.limit, params.cursor);
    return { items: page.results.map(toUnifiedContact), nextCursor: page.next };
  },

  async get(ctx, id) {
    return toUnifiedContact(await getObject(ctx, withExtraFields(ctx, CONTACTS), id));
  },

  async create(ctx, input) {
    return toUnifiedContact(await writeThenRead(ctx, withExtraFields(ctx, CONTACTS), createObject(ctx, CONTACTS, toProviderContact(input))));
  },

  async update(ctx, id, input) {
    return toUnifiedContact(await writeThenRead(ctx, withExtraFields(ctx, CONTACTS), updateObject(ctx, CONTACTS, id, toProviderContact(input))));
  },

  async delete(ctx, id) {
    await deleteObject(ctx, CONTACTS, id);
  },
};
