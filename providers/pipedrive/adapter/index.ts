import type { ProviderAdapter } from '../../../src/provider-sdk';
import { classifyError } from '../errors';
import { contacts } from './contacts.adapter';
import { customFields } from './custom-fields';
import { lookup } from './enrich';
import { fieldCatalog } from './fields';
import { identify } from './identity';
import { leads } from './leads.adapter';
import { meetings } from './meetings.adapter';
import { users } from './users.adapter';
import { pipedriveWebhooks } from '../webhooks';

/**
 * Pipedrive: contacts = persons, leads = v1 leads, meetings = activities of type "meeting"
 * (README § Mapping); enrichment lookups, field catalog and mapped custom fields (README § Enrichment).
 */
export const adapter: ProviderAdapter = {
  resources: { contacts, leads, meetings, users }, lookup, fields: fieldCatalog, customFields, classifyError, identify, webhooks: pipedriveWebhooks,
};
