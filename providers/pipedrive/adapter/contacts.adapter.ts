import type { AdapterContext, Contact, ContactInput, ListParams, Page, ResourceAdapter } from '../../../src/provider-sdk';
import { recordId } from '../mappers/common';
import { toProviderContact, toUnifiedContact } from '../mappers/contact.mapper';
import type { PdPerson, PdV2Envelope } from '../mappers/wire';
import { organizationNames, PERSONS, resolveOrganization, searchPersonIdsByEmail, V2_MAX_LIMIT } from './lookups';

/**
 * Contacts = persons on `/api/v2/persons` (reference/providers.md §3.2). `email` goes through the
 * person search (exact, case-insensitive), `updatedSince` is `updated_since` (RFC 3339).
 */
const NOT_FOUND = 'CONTACT_NOT_FOUND' as const;

/** Persons → contacts, with their organizations' names fetched in one batch. */
export async function shapeContacts(ctx: AdapterContext, persons: PdPerson[]): Promise<Contact[]> {
  const orgs = await organizationNames(ctx, persons.map((p) => p.org_id));
  return persons.map((p) => toUnifiedContact(p, p.org_id === null ? null : orgs.get(p.org_id) ?? null));
}

export async function getPerson(ctx: AdapterContext, id: string): Promise<PdPerson> {
  const res = await ctx.http.json<PdV2Envelope<PdPerson>>({ method: 'GET', path: `${PERSONS}/:id`, params: { id: recordId(id, NOT_FOUND) }, notFoundCode: NOT_FOUND });
  return res.data;
}

async function list(ctx: AdapterContext, { limit, cursor, filters }: ListParams): Promise<Page<Contact>> {
  const size = Math.min(limit, V2_MAX_LIMIT);
  if (filters.email !== undefined) {
    // The search answers ids in relevance order; the persons themselves come from one `ids=` list call.
    const hits = await searchPersonIdsByEmail(ctx, filters.email, size, cursor);
    if (hits.ids.length === 0) return { items: [], nextCursor: hits.nextCursor };
    const res = await ctx.http.json<PdV2Envelope<PdPerson[] | null>>({
      method: 'GET', path: PERSONS, query: { ids: hits.ids.join(','), updated_since: filters.updatedSince, limit: size },
    });
    const byId = new Map((res.data ?? []).map((p) => [p.id, p]));
    const persons = hits.ids.map((id) => byId.get(id)).filter((p): p is PdPerson => p !== undefined);
    return { items: await shapeContacts(ctx, persons), nextCursor: hits.nextCursor };
  }
  const res = await ctx.http.json<PdV2Envelope<PdPerson[] | null>>({
    method: 'GET', path: PERSONS, query: { limit: size, cursor: cursor ?? undefined, updated_since: filters.updatedSince },
  });
  return { items: await shapeContacts(ctx, res.data ?? []), nextCursor: res.additional_data?.next_cursor ?? null };
}

async function get(ctx: AdapterContext, id: string): Promise<Contact> {
  return (await shapeContacts(ctx, [await getPerson(ctx, id)]))[0];
}

/** POST a person (also used by leads, whose name, email and phone live on their person). */
export async function createPerson(ctx: AdapterContext, input: ContactInput, orgId: number | null | undefined): Promise<PdPerson> {
  const body = toProviderContact(input, { mode: 'create', current: null, orgId });
  return (await ctx.http.json<PdV2Envelope<PdPerson>>({ method: 'POST', path: PERSONS, body })).data;
}

/** Needs the current person when a partial name, email or phone must keep the rest. */
const needsCurrent = (input: ContactInput): boolean =>
  (input.firstName === undefined) !== (input.lastName === undefined)
  || (input.email !== undefined && input.emails === undefined)
  || (input.phone !== undefined && input.phones === undefined);

/** PATCH a person (also used by leads). */
export async function updatePerson(ctx: AdapterContext, id: string, input: ContactInput, orgId: number | null | undefined): Promise<PdPerson> {
  const current = needsCurrent(input) ? await getPerson(ctx, id) : null;
  const body = toProviderContact(input, { mode: 'update', current, orgId });
  const res = await ctx.http.json<PdV2Envelope<PdPerson>>({
    method: 'PATCH', path: `${PERSONS}/:id`, params: { id: recordId(id, NOT_FOUND) }, body, notFoundCode: NOT_FOUND,
  });
  return res.data;
}

async function create(ctx: AdapterContext, input: ContactInput): Promise<Contact> {
  const person = await createPerson(ctx, input, await resolveOrganization(ctx, input.company, input.companyId));
  return (await shapeContacts(ctx, [person]))[0];
}

async function update(ctx: AdapterContext, id: string, input: ContactInput): Promise<Contact> {
  const person = await updatePerson(ctx, id, input, await resolveOrganization(ctx, input.company, input.companyId));
  return (await shapeContacts(ctx, [person]))[0];
}

async function remove(ctx: AdapterContext, id: string): Promise<void> {
  await ctx.http.json({ method: 'DELETE', path: `${PERSONS}/:id`, params: { id: recordId(id, NOT_FOUND) }, notFoundCode: NOT_FOUND });
}

export const contacts: ResourceAdapter<Contact, ContactInput> = { filters: ['email', 'updatedSince'], list, get, create, update, delete: remove };
