import type { ProviderAdapter } from '../../../src/provider-sdk';
import { classifyHubspotError } from '../errors';
import { contactsAdapter } from './contacts.adapter';
import { leadsAdapter } from './leads.adapter';
import { meetingsAdapter } from './meetings.adapter';

/** HubSpot's unified adapters (CRM v3 objects, reference/providers.md §1.3–1.5). */
export const adapter: ProviderAdapter = {
  resources: { contacts: contactsAdapter, leads: leadsAdapter, meetings: meetingsAdapter },
  classifyError: classifyHubspotError,
};
