import type { ProviderAdapter } from '../../../src/provider-sdk';
import { classifyError } from '../errors';
import { availabilityAdapter, bookingPagesAdapter, usersAdapter } from './booking-pages.adapter';
import { contactsAdapter } from './contacts.adapter';
import { schedlyLookup } from './enrich';
import { schedlyCustomFields, schedlyFields } from './fields';
import { identify } from './identity';
import { meetingsAdapter } from './meetings.adapter';
import { schedlyWebhooks } from '../webhooks';

/**
 * Schedly as a PMS (seed 002, Services API): customers as contacts, appointments as meetings,
 * services as booking pages, employees as users, the extension slots as availability. No leads:
 * UNSUPPORTED_RESOURCE by the manifest.
 */
export const adapter: ProviderAdapter = {
  resources: {
    contacts: contactsAdapter, meetings: meetingsAdapter, users: usersAdapter, bookingPages: bookingPagesAdapter, availability: availabilityAdapter,
  },
  lookup: schedlyLookup,
  fields: schedlyFields,
  customFields: schedlyCustomFields,
  classifyError,
  identify,
  webhooks: schedlyWebhooks,
};
