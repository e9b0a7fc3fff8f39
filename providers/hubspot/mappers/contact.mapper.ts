import type { Contact, ContactInput, LabeledValue } from '../../../src/provider-sdk';
import { InvalidInputError } from '../../../src/provider-sdk';
import { isoTime, prop, setIf, withExtras, type HubspotObject, type HubspotWrite } from './wire';

/** Every contact property the mapper reads; list/get/search ask for exactly these (§1.3: only defaults come back otherwise). */
export const CONTACT_PROPERTIES = [
  'email', 'hs_additional_emails', 'firstname', 'lastname', 'phone', 'mobilephone', 'company', 'jobtitle',
  'hubspot_owner_id', 'createdate', 'lastmodifieddate',
];

/** `hs_additional_emails` is a `;`-separated list (HubSpot's multi-value text encoding). */
function splitList(value: string | null): string[] {
  return value === null ? [] : value.split(';').map((v) => v.trim()).filter((v) => v.length > 0);
}

function fullName(first: string | null, last: string | null): string | null {
  const name = [first, last].filter((p): p is string => p !== null).join(' ').trim();
  return name === '' ? null : name;
}

export function toUnifiedContact(raw: HubspotObject): Contact {
  const firstName = prop(raw, 'firstname');
  const lastName = prop(raw, 'lastname');
  const email = prop(raw, 'email');
  const phone = prop(raw, 'phone');
  const mobile = prop(raw, 'mobilephone');
  const emails: LabeledValue[] = [
    ...(email !== null ? [{ value: email, type: 'primary' }] : []),
    ...splitList(prop(raw, 'hs_additional_emails')).map((value) => ({ value, type: 'other' })),
  ];
  const phones: LabeledValue[] = [
    ...(phone !== null ? [{ value: phone, type: 'work' }] : []),
    ...(mobile !== null ? [{ value: mobile, type: 'mobile' }] : []),
  ];
  return {
    id: String(raw.id),
    createdAt: isoTime(prop(raw, 'createdate') ?? raw.createdAt),
    updatedAt: isoTime(prop(raw, 'lastmodifieddate') ?? raw.updatedAt),
    firstName,
    lastName,
    name: fullName(firstName, lastName),
    email,
    emails,
    phone,
    phones,
    // HubSpot's contact `company` is free text (§0 item 8); the company object id would need a companies association.
    company: prop(raw, 'company'),
    companyId: null,
    title: prop(raw, 'jobtitle'),
    ownerId: prop(raw, 'hubspot_owner_id'),
    customFields: {},
    remoteData: raw,
  };
}

/**
 * Unified contact input → HubSpot properties. `emails[0]`/`phones` fill `email`/`phone`/`mobilephone`
 * when the scalar field is absent; extra emails cannot be written (`hs_additional_emails` is read-only)
 * and `companyId` would need a company association, so both are refused rather than dropped.
 */
export function toProviderContact(input: ContactInput): HubspotWrite & Record<string, unknown> {
  const properties: Record<string, string> = {};
  setIf(properties, input, 'firstName', 'firstname');
  setIf(properties, input, 'lastName', 'lastname');
  setIf(properties, input, 'email', 'email');
  setIf(properties, input, 'phone', 'phone');
  setIf(properties, input, 'company', 'company');
  setIf(properties, input, 'title', 'jobtitle');
  setIf(properties, input, 'ownerId', 'hubspot_owner_id');
  if (input.emails) {
    const [first, ...rest] = input.emails;
    if (rest.length > 0) throw new InvalidInputError([{ field: 'emails', message: 'HubSpot keeps one writable email per contact (hs_additional_emails is read-only)' }]);
    if (first && !('email' in input)) properties.email = first.value;
  }
  for (const p of input.phones ?? []) {
    const name = p.type === 'mobile' ? 'mobilephone' : 'phone';
    if (name in properties) {
      throw new InvalidInputError([{ field: 'phones', message: 'HubSpot has one phone and one mobilephone per contact' }]);
    }
    properties[name] = p.value;
  }
  if (input.companyId !== undefined && input.companyId !== null) {
    throw new InvalidInputError([{ field: 'companyId', message: 'HubSpot contacts take a company name; set company instead' }]);
  }
  return withExtras({ properties }, input.customFields, input.providerData);
}
