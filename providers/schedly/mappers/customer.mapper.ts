import type { Contact, ContactInput } from '../../../src/provider-sdk';
import { isoUtc, joinName, nonEmpty, refuse, splitName, withProviderData } from './common';
import type { CustomerBody, CustomerWire } from './wire';

/** Customer → unified contact (README § Mapping). Schedly customers have no company, title or owner. */
export function toUnifiedContact(raw: CustomerWire): Contact {
  const { firstName, lastName } = splitName(raw.name);
  const email = nonEmpty(raw.email);
  const phone = nonEmpty(raw.phone);
  return {
    id: String(raw.id),
    createdAt: isoUtc(raw.createdAt),
    updatedAt: isoUtc(raw.updatedAt),
    customFields: {},
    firstName,
    lastName,
    name: nonEmpty(raw.name?.trim()),
    email,
    emails: email === null ? [] : [{ value: email, type: 'primary' }],
    phone,
    phones: phone === null ? [] : [{ value: phone, type: 'primary' }],
    company: null,
    companyId: null,
    title: null,
    ownerId: null,
    remoteData: raw,
  };
}

/** An update that names only one half of the name needs the customer's current name to keep the other. */
export const needsCurrentName = (input: ContactInput): boolean => (input.firstName === undefined) !== (input.lastName === undefined);

/**
 * Unified contact input → the customer body of POST (create) or PUT ?id= (update, only the fields
 * that change). `current` is the customer as it is, when the update needs it (needsCurrentName).
 */
export function toProviderCustomer(input: ContactInput, mode: 'create' | 'update', current: CustomerWire | null = null): CustomerBody {
  for (const field of ['company', 'companyId', 'title', 'ownerId'] as const) {
    if (input[field] !== undefined && input[field] !== null) refuse(field, `Schedly customers have no ${field}`);
  }
  const body: CustomerBody = {};
  const email = single(input.email, input.emails, 'emails', 'email');
  if (email !== undefined) body.email = email;
  const phone = single(input.phone, input.phones, 'phones', 'phone');
  if (phone !== undefined) body.phone = phone;
  if (input.firstName !== undefined || input.lastName !== undefined) {
    const was = splitName(current?.name);
    const name = joinName(input.firstName !== undefined ? input.firstName : was.firstName, input.lastName !== undefined ? input.lastName : was.lastName);
    if (name === null && mode === 'update') refuse('firstName', 'Schedly customers need a name: firstName and lastName cannot both be cleared');
    if (name !== null) body.name = name;
  }
  if (mode === 'create' && body.name === undefined) {
    // `name` is required by Schedly; the email stands in, as Schedly's own import does for nameless rows.
    if (typeof body.email !== 'string') refuse('firstName', 'Schedly customers need a name: give firstName/lastName or an email');
    body.name = body.email;
  }
  return withProviderData(body, input.providerData);
}

/** Schedly keeps one email and one phone per customer: the scalar, else the list's only entry. */
function single(scalar: string | null | undefined, list: { value: string }[] | undefined, listField: string, what: string): string | null | undefined {
  if (list !== undefined && list.length > 1) refuse(listField, `Schedly keeps one ${what} per customer`);
  if (scalar !== undefined) return scalar;
  if (list !== undefined) return list[0]?.value ?? null;
  return undefined;
}

