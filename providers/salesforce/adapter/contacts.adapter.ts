import { InvalidInputError, type AdapterContext, type Contact, type ContactInput, type ResourceAdapter } from '../../../src/provider-sdk';
import { toProviderContact, toUnifiedContact } from '../mappers/contact.mapper';
import type { SfContact } from '../mappers/wire';
import { KEY_PREFIX, soqlDateTime, soqlQuote, soqlSelect } from '../soql';
import { fieldsFor } from './extra-fields';
import { assertId, createRecord, deleteRecord, listPage, query, queryOne, updateRecord, listDeleted, listOrder } from './sf-http';

/**
 * Contacts ↔ the `Contact` sObject (reference/providers.md §2.3). Reads are SOQL so that the
 * company name comes through the `Account` relationship in the same call; writes are sObject calls.
 */
export const CONTACT_FIELDS = [
  'Id', 'FirstName', 'LastName', 'Name', 'Email', 'Phone', 'MobilePhone', 'Title', 'AccountId', 'Account.Name', 'OwnerId',
  'CreatedDate', 'LastModifiedDate', 'SystemModstamp',
] as const;
const NOT_FOUND = 'CONTACT_NOT_FOUND';

/** CONTACT_FIELDS plus the mapped custom fields the core asks for (field mappings). */
const select = (ctx: AdapterContext): string[] => fieldsFor(ctx, 'contacts', CONTACT_FIELDS);

async function read(ctx: AdapterContext, id: string): Promise<Contact> {
  const soql = soqlSelect(select(ctx), 'Contact', [`Id = ${soqlQuote(id)}`]);
  return toUnifiedContact(await queryOne<SfContact>(ctx, soql, NOT_FOUND));
}

/**
 * `company` by name on a write (README § Mapping): the Account with exactly that Name becomes
 * AccountId; none or several is INVALID_INPUT naming `company`. `companyId`, when given, wins.
 */
async function accountIdFor(ctx: AdapterContext, input: ContactInput): Promise<Record<string, unknown>> {
  if (input.company === undefined || input.companyId !== undefined) return {};
  if (input.company === null) return { AccountId: null };
  const found = await query<{ Id: string }>(ctx, soqlSelect(['Id'], 'Account', [`Name = ${soqlQuote(input.company)}`], 'Id', 2));
  if (found.records.length !== 1) {
    const message = found.records.length === 0
      ? 'no Salesforce Account has this exact name; create it first or pass companyId'
      : 'several Salesforce Accounts have this name; pass companyId';
    throw new InvalidInputError([{ field: 'company', message }]);
  }
  return { AccountId: found.records[0].Id };
}

async function body(ctx: AdapterContext, input: ContactInput): Promise<Record<string, unknown>> {
  const mapped = toProviderContact(input);
  return { ...mapped, ...(await accountIdFor(ctx, input)), ...(input.providerData ?? {}) };
}

export const contacts: ResourceAdapter<Contact, ContactInput> = {
  filters: ['email', 'updatedSince'],

  listDeleted: (ctx, window) => listDeleted(ctx, 'Contact', window),

  async list(ctx, params) {
    const where: string[] = [];
    // SOQL `=` on strings is case-insensitive (§2.3), as the unified email filter is.
    if (params.filters.email !== undefined) where.push(`Email = ${soqlQuote(params.filters.email)}`);
    // SystemModstamp also moves on system changes (§2.3), so this can return a superset: never a miss.
    if (params.filters.updatedSince !== undefined) where.push(`SystemModstamp >= ${soqlDateTime(params.filters.updatedSince, 'updatedSince')}`);
    const page = await listPage<SfContact>(ctx, soqlSelect(select(ctx), 'Contact', where, listOrder(params.filters)), params);
    return { items: page.records.map(toUnifiedContact), nextCursor: page.nextCursor };
  },

  async get(ctx, id) {
    assertId(id, KEY_PREFIX.Contact, NOT_FOUND);
    return read(ctx, id);
  },

  async create(ctx, input) {
    const id = await createRecord(ctx, 'Contact', await body(ctx, input));
    return read(ctx, id);
  },

  async update(ctx, id, input) {
    assertId(id, KEY_PREFIX.Contact, NOT_FOUND);
    const changes = await body(ctx, input);
    if (Object.keys(changes).length > 0) await updateRecord(ctx, 'Contact', id, changes, NOT_FOUND);
    return read(ctx, id);
  },

  async delete(ctx, id) {
    assertId(id, KEY_PREFIX.Contact, NOT_FOUND);
    await deleteRecord(ctx, 'Contact', id, NOT_FOUND);
  },
};
