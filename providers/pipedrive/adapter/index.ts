import type { ProviderAdapter } from '../../../src/provider-sdk';
import { classifyError } from '../errors';
import { contacts } from './contacts.adapter';
import { leads } from './leads.adapter';
import { meetings } from './meetings.adapter';

/** Pipedrive: contacts = persons, leads = v1 leads, meetings = activities of type "meeting" (README § Mapping). */
export const adapter: ProviderAdapter = { resources: { contacts, leads, meetings }, classifyError };
