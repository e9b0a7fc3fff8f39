import { InvalidInputError, type Contact, type ContactInput, type LabeledValue } from '../../../src/provider-sdk';
import { defined, toIsoUtc, type SfContact } from './wire';

/**
 * Contact ↔ Salesforce `Contact` (README § Mapping). Salesforce has one Email field and two phone
 * fields (Phone "Business Phone", MobilePhone), and no free-text company: `company` is the
 * related Account's Name, read through the `Account` relationship (reference/providers.md §0 item 8).
 */
export function toUnifiedContact(raw: SfContact): Contact {
  const phones: LabeledValue[] = [];
  if (raw.Phone) phones.push({ value: raw.Phone, type: 'work' });
  if (raw.MobilePhone) phones.push({ value: raw.MobilePhone, type: 'mobile' });
  return {
    id: raw.Id,
    createdAt: toIsoUtc(raw.CreatedDate),
    updatedAt: toIsoUtc(raw.LastModifiedDate),
    customFields: {},
    firstName: raw.FirstName,
    lastName: raw.LastName,
    name: raw.Name,
    email: raw.Email,
    emails: raw.Email ? [{ value: raw.Email, type: null }] : [],
    // The primary phone is the first of the list above: Business Phone, then Mobile.
    phone: phones[0]?.value ?? null,
    phones,
    company: raw.Account?.Name ?? null,
    companyId: raw.AccountId,
    title: raw.Title,
    ownerId: raw.OwnerId,
    remoteData: raw,
  };
}

/**
 * The fields of a create/PATCH body. `company` (a name) is not mapped here: resolving a name to an
 * AccountId needs a query, which the adapter does (README § Mapping).
 */
export function toProviderContact(input: ContactInput): Record<string, unknown> {
  const body: Record<string, unknown> = {
    FirstName: input.firstName,
    LastName: input.lastName,
    Title: input.title,
    AccountId: input.companyId,
    OwnerId: input.ownerId,
    ...emailFields(input),
    ...phoneFields(input),
  };
  return { ...defined(body), ...(input.customFields ?? {}), ...(input.providerData ?? {}) };
}

function emailFields(input: ContactInput): Record<string, unknown> {
  if (input.email !== undefined) return { Email: input.email };
  if (input.emails === undefined) return {};
  if (input.emails.length > 1) {
    throw new InvalidInputError([{ field: 'emails', message: 'Salesforce contacts have a single Email field: give at most one' }]);
  }
  return { Email: input.emails[0]?.value ?? null };
}

function phoneFields(input: ContactInput): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (input.phones !== undefined) {
    const mobile = input.phones.filter((p) => p.type === 'mobile');
    const other = input.phones.filter((p) => p.type !== 'mobile');
    if (mobile.length > 1 || other.length > 1) {
      throw new InvalidInputError([{ field: 'phones', message: 'Salesforce contacts have one Phone and one MobilePhone: give at most one of each (type "mobile" for the mobile)' }]);
    }
    out.Phone = other[0]?.value ?? null;
    out.MobilePhone = mobile[0]?.value ?? null;
  }
  if (input.phone !== undefined) out.Phone = input.phone;
  return out;
}
