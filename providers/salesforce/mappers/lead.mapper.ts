import { InvalidInputError, type Lead, type LeadInput } from '../../../src/provider-sdk';
import { defined, toIsoUtc, type SfLead } from './wire';

/**
 * Lead ↔ Salesforce `Lead` (README § Mapping, reference/providers.md §2.4). `Company` is required
 * by Salesforce; `contactId` is the contact the lead was converted into (read-only there).
 */
export function toUnifiedLead(raw: SfLead): Lead {
  return {
    id: raw.Id,
    createdAt: toIsoUtc(raw.CreatedDate),
    updatedAt: toIsoUtc(raw.LastModifiedDate),
    customFields: {},
    firstName: raw.FirstName,
    lastName: raw.LastName,
    name: raw.Name,
    email: raw.Email,
    // Lead has no phone list: the primary phone is Phone, and MobilePhone when Phone is empty.
    phone: raw.Phone !== null ? raw.Phone : raw.MobilePhone,
    company: raw.Company,
    title: raw.Title,
    status: raw.Status,
    source: raw.LeadSource,
    ownerId: raw.OwnerId,
    contactId: raw.ConvertedContactId,
    remoteData: raw,
  };
}

export function toProviderLead(input: LeadInput): Record<string, unknown> {
  if (input.contactId !== undefined) {
    // §2.4: ConvertedContactId is set by lead conversion only; Salesforce refuses it on writes.
    throw new InvalidInputError([{ field: 'contactId', message: 'is read-only on Salesforce (set when the lead is converted)' }]);
  }
  const body: Record<string, unknown> = {
    FirstName: input.firstName,
    LastName: input.lastName,
    Email: input.email,
    Phone: input.phone,
    Company: input.company,
    Title: input.title,
    Status: input.status,
    LeadSource: input.source,
    OwnerId: input.ownerId,
  };
  return { ...defined(body), ...(input.customFields ?? {}), ...(input.providerData ?? {}) };
}
