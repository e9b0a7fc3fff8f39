import type { Contact, ContactInput, LabeledValueInput } from '../../../src/provider-sdk';
import { idString, labeled, pdId, primaryValue, refuse, refuseCustomFields, utc } from './common';
import type { PdContactPoint, PdPerson } from './wire';

/**
 * Person (v2, reference/providers.md §3.2) ↔ unified Contact. `company` is the name of the
 * organization behind `org_id`; the adapter looks it up and passes it in, so this stays pure.
 */
export function toUnifiedContact(raw: PdPerson, company: string | null): Contact {
  return {
    id: String(raw.id),
    createdAt: utc(raw.add_time),
    updatedAt: utc(raw.update_time),
    customFields: {},
    firstName: raw.first_name ?? null,
    lastName: raw.last_name ?? null,
    name: raw.name ?? null,
    email: primaryValue(raw.emails),
    emails: labeled(raw.emails),
    phone: primaryValue(raw.phones),
    phones: labeled(raw.phones),
    company: raw.org_id === null ? null : company,
    companyId: idString(raw.org_id),
    title: null,
    ownerId: idString(raw.owner_id),
    remoteData: raw,
  };
}

export interface PersonWriteContext {
  mode: 'create' | 'update';
  /** The person as it is now (updates that need it), so a partial name, email or phone keeps the rest. */
  current: PdPerson | null;
  /** The organization resolved from `company` / `companyId`; undefined when neither was given. */
  orgId?: number | null;
}

/** Unified contact input → AddPersonRequest / UpdatePersonRequest body (v2). */
export function toProviderContact(input: ContactInput, w: PersonWriteContext): Record<string, unknown> {
  if (input.title !== undefined && input.title !== null) refuse('title', 'Pipedrive persons have no job title field');
  refuseCustomFields(input.customFields);
  const body: Record<string, unknown> = {};
  if (input.firstName !== undefined) body.first_name = input.firstName;
  if (input.lastName !== undefined) body.last_name = input.lastName;
  const name = personName(input, w);
  if (name !== undefined) body.name = name;
  const emails = contactPoints(input.email, input.emails, w.current?.emails);
  if (emails !== undefined) body.emails = emails;
  const phones = contactPoints(input.phone, input.phones, w.current?.phones);
  if (phones !== undefined) body.phones = phones;
  if (w.orgId !== undefined) body.org_id = w.orgId;
  if (input.ownerId !== undefined && input.ownerId !== null) body.owner_id = pdId(input.ownerId, 'ownerId');
  return { ...body, ...input.providerData };
}

/**
 * Pipedrive's `name` is the display name (required, §3.2): rebuilt from first + last name whenever
 * one of them is written; on create without names, the primary email stands in.
 */
function personName(input: ContactInput, { mode, current }: PersonWriteContext): string | undefined {
  if (input.firstName !== undefined || input.lastName !== undefined) {
    const first = input.firstName !== undefined ? input.firstName : current?.first_name ?? null;
    const last = input.lastName !== undefined ? input.lastName : current?.last_name ?? null;
    const joined = [first, last].filter((s): s is string => typeof s === 'string' && s.trim() !== '').join(' ');
    if (joined !== '') return joined;
  }
  if (mode === 'create') {
    const email = input.email ?? input.emails?.[0]?.value;
    if (email) return email;
  }
  return undefined;
}

/**
 * `email` is the primary entry of `emails` (same for phones). The list sent is `list` when given,
 * else the current one; a given `primary` replaces the current primary entry (null removes it) and
 * goes first. Labels default to "work", as Pipedrive's UI does.
 */
export function contactPoints(primary: string | null | undefined, list: LabeledValueInput[] | undefined, current: PdContactPoint[] | undefined): PdContactPoint[] | undefined {
  if (primary === undefined && list === undefined) return undefined;
  let points: { value: string; label: string }[] = list !== undefined
    ? list.map((p) => ({ value: p.value, label: p.type ?? 'work' }))
    : labeled(current).slice(primary === undefined ? 0 : 1).map((p) => ({ value: p.value, label: p.type ?? 'work' }));
  if (typeof primary === 'string') {
    const existing = points.find((p) => p.value.toLowerCase() === primary.toLowerCase());
    points = [{ value: primary, label: existing?.label ?? labeled(current)[0]?.type ?? 'work' }, ...points.filter((p) => p !== existing)];
  }
  return points.map((p, i) => ({ value: p.value, label: p.label, primary: i === 0 }));
}
