import type { ProviderAdapter } from '../../../src/provider-sdk';
import { classifyError } from '../errors';
import { identify } from './identity';
import { fortyTwoMinWebhooks } from '../webhooks';
import { meetingsAdapter } from './meetings.adapter';
import { usersAdapter } from './users.adapter';
import { availabilityAdapter, bookingPagesAdapter } from './booking-pages.adapter';

/** 42min is a booking engine: meetings, hosts, event types and their slots (contacts and leads are UNSUPPORTED_RESOURCE by the manifest). */
export const adapter: ProviderAdapter = {
  resources: { meetings: meetingsAdapter, users: usersAdapter, bookingPages: bookingPagesAdapter, availability: availabilityAdapter },
  classifyError,
  identify,
  webhooks: fortyTwoMinWebhooks,
};
