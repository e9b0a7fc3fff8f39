import type { AdapterContext, Contact, ContactInput, ListParams, ResourceAdapter } from '../../../src/provider-sdk';
import { needsCurrentName, toProviderCustomer, toUnifiedContact } from '../mappers/customer.mapper';
import type { CustomerWire } from '../mappers/wire';
import { createRecord, deleteRecord, listRecords, readRecord, updateRecord } from './records';

/** Contacts ↔ Schedly customers on /api/services/customers (README § Mapping). */
export const CUSTOMERS = '/api/services/customers';
const NOT_FOUND = 'CONTACT_NOT_FOUND' as const;

function filtersOf(params: ListParams): Record<string, string> {
  const q: Record<string, string> = {};
  // Schedly compares emails case-insensitively (the sandbox does; README § Wire, unconfirmed).
  if (params.filters.email !== undefined) q.email = params.filters.email;
  if (params.filters.updatedSince !== undefined) q.updatedSince = params.filters.updatedSince;
  return q;
}

export const readCustomer = (ctx: AdapterContext, id: string): Promise<CustomerWire> => readRecord<CustomerWire>(ctx, CUSTOMERS, id, NOT_FOUND);

/** Customers whose email is this one (the email filter), first page only: emails are one per customer. */
export async function customersByEmail(ctx: AdapterContext, email: string): Promise<CustomerWire[]> {
  const page = await listRecords<CustomerWire, CustomerWire>(ctx, CUSTOMERS, { limit: 10, cursor: null }, { email }, (c) => c);
  return page.items;
}

/**
 * An update's body (PUT is partial and merges customFields key by key: README § Wire), against the
 * customer as it is only when half a name is written, so the other half is kept.
 */
async function updateBody(ctx: AdapterContext, id: string, input: ContactInput): Promise<Record<string, unknown>> {
  return toProviderCustomer(input, 'update', needsCurrentName(input) ? await readCustomer(ctx, id) : null);
}

export const contactsAdapter: ResourceAdapter<Contact, ContactInput> = {
  filters: ['email', 'updatedSince'],

  list: (ctx, params) => listRecords<CustomerWire, Contact>(ctx, CUSTOMERS, params, filtersOf(params), toUnifiedContact),

  async get(ctx, id) {
    return toUnifiedContact(await readCustomer(ctx, id));
  },

  async create(ctx, input) {
    return toUnifiedContact(await createRecord<CustomerWire>(ctx, CUSTOMERS, toProviderCustomer(input, 'create')));
  },

  async update(ctx, id, input) {
    return toUnifiedContact(await updateRecord<CustomerWire>(ctx, CUSTOMERS, id, await updateBody(ctx, id, input), NOT_FOUND));
  },

  async delete(ctx, id) {
    await deleteRecord(ctx, CUSTOMERS, id, NOT_FOUND);
  },
};
