import type { AdapterContext, Lead, LeadInput, ResourceAdapter } from '../../../src/provider-sdk';
import { toProviderLead, toUnifiedLead } from '../mappers/lead.mapper';
import type { SfLead } from '../mappers/wire';
import { KEY_PREFIX, soqlDateTime, soqlQuote, soqlSelect } from '../soql';
import { fieldsFor } from './extra-fields';
import { assertId, createRecord, deleteRecord, listPage, queryOne, updateRecord, listDeleted, listOrder } from './sf-http';

/**
 * Leads ↔ the `Lead` sObject (reference/providers.md §2.4). A missing `company` is left to
 * Salesforce, whose REQUIRED_FIELD_MISSING becomes INVALID_INPUT naming `company` (../errors.ts).
 */
export const LEAD_FIELDS = [
  'Id', 'FirstName', 'LastName', 'Name', 'Email', 'Phone', 'MobilePhone', 'Company', 'Title', 'Status', 'LeadSource', 'OwnerId',
  'IsConverted', 'ConvertedContactId', 'CreatedDate', 'LastModifiedDate', 'SystemModstamp',
] as const;
const NOT_FOUND = 'LEAD_NOT_FOUND';

/** LEAD_FIELDS plus the mapped custom fields the core asks for (field mappings). */
const select = (ctx: AdapterContext): string[] => fieldsFor(ctx, 'leads', LEAD_FIELDS);

async function read(ctx: AdapterContext, id: string): Promise<Lead> {
  return toUnifiedLead(await queryOne<SfLead>(ctx, soqlSelect(select(ctx), 'Lead', [`Id = ${soqlQuote(id)}`]), NOT_FOUND));
}

export const leads: ResourceAdapter<Lead, LeadInput> = {
  filters: ['email', 'updatedSince'],

  listDeleted: (ctx, window) => listDeleted(ctx, 'Lead', window),

  async list(ctx, params) {
    const where: string[] = [];
    if (params.filters.email !== undefined) where.push(`Email = ${soqlQuote(params.filters.email)}`);
    if (params.filters.updatedSince !== undefined) where.push(`SystemModstamp >= ${soqlDateTime(params.filters.updatedSince, 'updatedSince')}`);
    const page = await listPage<SfLead>(ctx, soqlSelect(select(ctx), 'Lead', where, listOrder(params.filters)), params);
    return { items: page.records.map(toUnifiedLead), nextCursor: page.nextCursor };
  },

  async get(ctx, id) {
    assertId(id, KEY_PREFIX.Lead, NOT_FOUND);
    return read(ctx, id);
  },

  async create(ctx, input) {
    const id = await createRecord(ctx, 'Lead', toProviderLead(input));
    return read(ctx, id);
  },

  async update(ctx, id, input) {
    assertId(id, KEY_PREFIX.Lead, NOT_FOUND);
    const changes = toProviderLead(input);
    if (Object.keys(changes).length > 0) await updateRecord(ctx, 'Lead', id, changes, NOT_FOUND);
    return read(ctx, id);
  },

  async delete(ctx, id) {
    assertId(id, KEY_PREFIX.Lead, NOT_FOUND);
    await deleteRecord(ctx, 'Lead', id, NOT_FOUND);
  },
};
