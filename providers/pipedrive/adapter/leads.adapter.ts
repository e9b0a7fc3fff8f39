import { NotFoundError } from '../../../src/provider-sdk';
import type { AdapterContext, ContactInput, Lead, LeadInput, ListParams, Page, ResourceAdapter } from '../../../src/provider-sdk';
import { pdId } from '../mappers/common';
import { fallbackLeadTitle, toProviderLead, toUnifiedLead } from '../mappers/lead.mapper';
import type { PdLead, PdV1Envelope } from '../mappers/wire';
import { createPerson, updatePerson } from './contacts.adapter';
import { organizationNames, personsByIds, resolveOrganization, searchPersonIdsByEmail, V2_MAX_LIMIT } from './lookups';

/**
 * Leads on `/api/v1/leads` (reference/providers.md §3.3: no v2 CRUD). v1 pages by `start`/`limit`:
 * the cursor is `next_start` as a string. A lead's name, email and phone are its person's.
 */
const LEADS = '/api/v1/leads';
const NOT_FOUND = 'LEAD_NOT_FOUND' as const;
/** v1 `limit` max (§3.2 pagination). */
const V1_MAX_LIMIT = 500;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Lead ids are UUIDs (§3.3): anything else cannot exist, so it is a not-found, not a provider 400. */
function leadId(id: string): string {
  if (!UUID.test(id)) throw new NotFoundError(NOT_FOUND, { id });
  return id;
}

async function shapeLeads(ctx: AdapterContext, leads: PdLead[]): Promise<Lead[]> {
  const persons = await personsByIds(ctx, leads.map((l) => l.person_id));
  const orgs = await organizationNames(ctx, leads.map((l) => l.organization_id));
  return leads.map((l) => toUnifiedLead(
    l,
    l.person_id === null ? null : persons.get(l.person_id) ?? null,
    l.organization_id === null ? null : orgs.get(l.organization_id) ?? null,
  ));
}

async function leadPage(ctx: AdapterContext, query: Record<string, string | number | undefined>): Promise<{ leads: PdLead[]; nextStart: number | null }> {
  const res = await ctx.http.json<PdV1Envelope<PdLead[] | null>>({ method: 'GET', path: LEADS, query });
  const p = res.additional_data?.pagination;
  return { leads: res.data ?? [], nextStart: p?.more_items_in_collection && p.next_start !== undefined ? p.next_start : null };
}

/** The email filter's position: the matching persons, which one we are on, and the offset in its leads. */
interface EmailCursor { p: number[]; i: number; s: number }

function readEmailCursor(raw: string): EmailCursor | null {
  const c = JSON.parse(raw) as Partial<EmailCursor>;
  const ok = Array.isArray(c.p) && c.p.every((n) => Number.isInteger(n)) && Number.isInteger(c.i) && Number.isInteger(c.s);
  return ok ? (c as EmailCursor) : null;
}

async function list(ctx: AdapterContext, { limit, cursor, filters }: ListParams): Promise<Page<Lead>> {
  const size = Math.min(limit, V1_MAX_LIMIT);
  if (filters.email === undefined) {
    const page = await leadPage(ctx, { start: cursor === null ? 0 : Number(cursor), limit: size, updated_since: filters.updatedSince });
    return { items: await shapeLeads(ctx, page.leads), nextCursor: page.nextStart === null ? null : String(page.nextStart) };
  }
  // v1 leads have no email filter: the leads of the persons with that email, person by person (§3.3 `person_id`).
  const state = (cursor ? readEmailCursor(cursor) : null)
    ?? { p: (await searchPersonIdsByEmail(ctx, filters.email, V2_MAX_LIMIT, null)).ids, i: 0, s: 0 };
  const leads: PdLead[] = [];
  while (state.i < state.p.length && leads.length < size) {
    const page = await leadPage(ctx, { person_id: state.p[state.i], start: state.s, limit: size - leads.length, updated_since: filters.updatedSince });
    leads.push(...page.leads);
    if (page.nextStart === null) { state.i += 1; state.s = 0; } else state.s = page.nextStart;
  }
  return { items: await shapeLeads(ctx, leads), nextCursor: state.i < state.p.length ? JSON.stringify(state) : null };
}

async function getLead(ctx: AdapterContext, id: string): Promise<PdLead> {
  return (await ctx.http.json<PdV1Envelope<PdLead>>({ method: 'GET', path: `${LEADS}/:id`, params: { id: leadId(id) }, notFoundCode: NOT_FOUND })).data;
}

async function get(ctx: AdapterContext, id: string): Promise<Lead> {
  return (await shapeLeads(ctx, [await getLead(ctx, id)]))[0];
}

/** The unified lead fields that live on the person. */
function personFields(input: LeadInput): ContactInput | null {
  const out: ContactInput = {};
  if (input.firstName !== undefined) out.firstName = input.firstName;
  if (input.lastName !== undefined) out.lastName = input.lastName;
  if (input.email !== undefined) out.email = input.email;
  if (input.phone !== undefined) out.phone = input.phone;
  return Object.keys(out).length > 0 ? out : null;
}

/**
 * The person a new link points to: `contactId` when given; else an existing person with the
 * email (exact search); else a new person from the name, email and phone (README § Mapping).
 */
async function linkPerson(ctx: AdapterContext, input: LeadInput, orgId: number | null | undefined): Promise<number | null | undefined> {
  if (input.contactId !== undefined) return input.contactId === null ? null : pdId(input.contactId, 'contactId');
  const fields = personFields(input);
  if (fields === null) return undefined;
  if (input.email) {
    const found = await searchPersonIdsByEmail(ctx, input.email, 1, null);
    if (found.ids.length > 0) return found.ids[0];
  }
  return (await createPerson(ctx, fields, orgId ?? undefined)).id;
}

async function create(ctx: AdapterContext, input: LeadInput): Promise<Lead> {
  const organizationId = await resolveOrganization(ctx, input.company);
  const personId = await linkPerson(ctx, input, organizationId);
  const body = toProviderLead(input, { personId, organizationId, title: fallbackLeadTitle(input) });
  const res = await ctx.http.json<PdV1Envelope<PdLead>>({ method: 'POST', path: LEADS, body });
  return (await shapeLeads(ctx, [res.data]))[0];
}

async function update(ctx: AdapterContext, id: string, input: LeadInput): Promise<Lead> {
  const current = await getLead(ctx, id);
  const organizationId = await resolveOrganization(ctx, input.company);
  const fields = personFields(input);
  let personId: number | null | undefined;
  if (input.contactId === undefined && fields !== null && current.person_id !== null) {
    // The lead's name, email and phone are its person's: they are written there.
    await updatePerson(ctx, String(current.person_id), fields, undefined);
  } else {
    personId = await linkPerson(ctx, input, organizationId ?? current.organization_id);
  }
  const body = toProviderLead(input, { personId, organizationId });
  const lead = Object.keys(body).length === 0
    ? current
    : (await ctx.http.json<PdV1Envelope<PdLead>>({ method: 'PATCH', path: `${LEADS}/:id`, params: { id }, body, notFoundCode: NOT_FOUND })).data;
  return (await shapeLeads(ctx, [lead]))[0];
}

async function remove(ctx: AdapterContext, id: string): Promise<void> {
  await ctx.http.json({ method: 'DELETE', path: `${LEADS}/:id`, params: { id: leadId(id) }, notFoundCode: NOT_FOUND });
}

export const leads: ResourceAdapter<Lead, LeadInput> = { filters: ['email', 'updatedSince'], list, get, create, update, delete: remove };
