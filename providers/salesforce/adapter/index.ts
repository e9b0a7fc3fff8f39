import type { ProviderAdapter } from '../../../src/provider-sdk';
import { classifyError } from '../errors';
import { contacts } from './contacts.adapter';
import { leads } from './leads.adapter';
import { meetings } from './meetings.adapter';

/** Salesforce's unified adapter: Contact, Lead and Event, with its error bodies classified (../errors.ts). */
export const adapter: ProviderAdapter = {
  resources: { contacts, leads, meetings },
  classifyError,
};
