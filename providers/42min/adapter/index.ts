import type { ProviderAdapter } from '../../../src/provider-sdk';
import { classifyError } from '../errors';
import { identify } from './identity';
import { meetingsAdapter } from './meetings.adapter';
import { usersAdapter } from './users.adapter';

/** 42min is a booking engine: meetings and hosts (contacts and leads are UNSUPPORTED_RESOURCE by the manifest). */
export const adapter: ProviderAdapter = {
  resources: { meetings: meetingsAdapter, users: usersAdapter },
  classifyError,
  identify,
};
