import type { ProviderAdapter } from '../../../src/provider-sdk';
import { classifyHubspotError } from '../errors';
import { contactsAdapter } from './contacts.adapter';
import { hubspotCustomFields } from './custom-fields';
import { hubspotLookup } from './enrich';
import { hubspotFields } from './fields';
import { identify } from './identity';
import { leadsAdapter } from './leads.adapter';
import { meetingsAdapter } from './meetings.adapter';
import { usersAdapter } from './users.adapter';
import { hubspotWebhooks } from '../webhooks';

/** HubSpot's unified adapters (CRM v3 objects, reference/providers.md §1.3–1.5) and enrichment capabilities. */
export const adapter: ProviderAdapter = {
  resources: { contacts: contactsAdapter, leads: leadsAdapter, meetings: meetingsAdapter, users: usersAdapter },
  lookup: hubspotLookup,
  fields: hubspotFields,
  customFields: hubspotCustomFields,
  classifyError: classifyHubspotError,
  identify,
  webhooks: hubspotWebhooks,
};
