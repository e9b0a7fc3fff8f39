import type { ProviderAdapter } from '../../../src/provider-sdk';
import { classifyError } from '../errors';
import { contacts } from './contacts.adapter';
import { customFields } from './custom-fields';
import { lookup } from './enrich';
import { fields } from './fields';
import { identify } from './identity';
import { leads } from './leads.adapter';
import { meetings } from './meetings.adapter';
import { usersAdapter } from './users.adapter';

/**
 * Salesforce's unified adapter: Contact, Lead and Event, with its error bodies classified (../errors.ts);
 * enrichment look-ups by email (enrich.ts), the describe field catalog (fields.ts) and mapped custom fields.
 */
export const adapter: ProviderAdapter = {
  resources: { contacts, leads, meetings, users: usersAdapter },
  lookup,
  fields,
  customFields,
  classifyError,
  identify,
};
