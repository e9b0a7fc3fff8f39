import type { ProviderAdapter } from '../../../src/provider-sdk';
import { classifyError } from '../errors';
import { availabilityAdapter, bookingPagesAdapter, usersAdapter } from './booking-links.adapter';
import { meetingsAdapter } from './meetings.adapter';

/** A booking engine without contacts or leads (UNSUPPORTED_RESOURCE by the manifest), and without an account endpoint to identify with. */
export const adapter: ProviderAdapter = {
  resources: { meetings: meetingsAdapter, users: usersAdapter, bookingPages: bookingPagesAdapter, availability: availabilityAdapter },
  classifyError,
};
