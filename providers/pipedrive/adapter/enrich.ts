import type { AdapterContext, Contact, Lead, Owner, PersonLookup } from '../../../src/provider-sdk';
import { toUnifiedContact } from '../mappers/contact.mapper';
import { toUnifiedLead } from '../mappers/lead.mapper';
import type { PdLead, PdPerson, PdV1Envelope, PdV2Envelope } from '../mappers/wire';
import { toOwner, type PdUser } from '../mappers/user.mapper';
import { pagesToWalk, rememberShape, walkPages } from './account-shape';
import { organizationNames, PERSONS, personsByIds, V2_MAX_LIMIT } from './lookups';
import { mapLimit, searchSlot } from './search-pacer';

/**
 * Enrichment lookups (README § Enrichment). Pipedrive has no batch email lookup (§3.2), so a batch
 * of N emails is answered one of two ways, whichever costs less:
 *  - persons: walk `GET /api/v2/persons?limit=500` and match emails locally, when the whole list
 *    fits in ⌈N/4⌉ pages (a v2 list page costs ~10 daily tokens, a search 40, §3.5, so the walk
 *    never costs more tokens than the searches it replaces, and it is not held to the search
 *    window); else one exact `persons/search` per email, then the hits in `persons?ids=` calls;
 *  - leads of the found persons (v1 has no email on leads, §3.3): walk `GET /api/v1/leads?limit=500`
 *    when it fits in fewer pages than there are persons, else `GET /api/v1/leads?person_id=` per person.
 * Which way fits is learned once per connection (account-shape.ts). Organization names come from
 * the search items where they were searched, else from `organizations?ids=` (100 per call).
 * Pipedrive answers every field of a record (v2 persons include all `custom_fields`, v1 leads their
 * custom keys at the root), so `ctx.extraFields` needs no selection here.
 */
export const USERS = '/api/v1/users';
const LEADS = '/api/v1/leads';
/** v1 list max (§3.2 pagination). */
const V1_MAX_LIMIT = 500;
/** Hits per search page: one email rarely names more than a few persons. */
const SEARCH_LIMIT = 100;
/** Searches wait for the search window anyway (search-pacer.ts); this only bounds open sockets. */
const SEARCH_CONCURRENCY = 5;
/** Per-person lead lists go through the connection's ordinary limiter (80 per 2 s, §3.5). */
const LEAD_CONCURRENCY = 8;
export const MAX_BATCH = 100;

interface SearchItem { id: number; organization: { id: number; name: string } | null }

const norm = (email: string): string => email.trim().toLowerCase();
const hasEmail = (p: PdPerson, wanted: Set<string>): boolean => (p.emails ?? []).some((e) => wanted.has(norm(e.value)));

async function personPage(ctx: AdapterContext, cursor: string | null): Promise<{ items: PdPerson[]; next: string | null }> {
  const res = await ctx.http.json<PdV2Envelope<PdPerson[] | null>>({
    method: 'GET', path: PERSONS, query: { limit: V2_MAX_LIMIT, cursor: cursor ?? undefined },
  });
  return { items: res.data ?? [], next: res.additional_data?.next_cursor ?? null };
}

/** Every search hit of one email (exact, case-insensitive, §3.2), all pages. */
async function searchEmail(ctx: AdapterContext, email: string): Promise<SearchItem[]> {
  const hits: SearchItem[] = [];
  let cursor: string | null = null;
  do {
    await searchSlot(ctx.connection.id);
    const res: PdV2Envelope<{ items: { item: SearchItem }[] } | null> = await ctx.http.json({
      method: 'GET', path: `${PERSONS}/search`,
      query: { term: email, fields: 'email', exact_match: true, limit: SEARCH_LIMIT, cursor: cursor ?? undefined },
    });
    hits.push(...(res.data?.items ?? []).map((i) => i.item));
    cursor = res.additional_data?.next_cursor ?? null;
  } while (cursor);
  return hits;
}

interface Found { persons: PdPerson[]; orgNames: Map<number, string> }

async function findPersons(ctx: AdapterContext, emails: string[]): Promise<Found> {
  const wanted = new Set(emails);
  const connectionId = ctx.connection.id;
  const budget = pagesToWalk(connectionId, 'persons', Math.ceil(emails.length / 4));
  if (budget > 0) {
    const walk = await walkPages(budget, (cursor) => personPage(ctx, cursor));
    rememberShape(connectionId, 'persons', walk.pages, walk.complete);
    if (walk.complete) return { persons: walk.items.filter((p) => hasEmail(p, wanted)), orgNames: new Map() };
  }
  const hits = (await mapLimit(emails, SEARCH_CONCURRENCY, (e) => searchEmail(ctx, e))).flat();
  const orgNames = new Map(hits.filter((h) => h.organization !== null).map((h) => [h.organization!.id, h.organization!.name]));
  const byId = await personsByIds(ctx, hits.map((h) => h.id));
  // The search's own idea of "exact" is re-checked against the records.
  return { persons: [...byId.values()].filter((p) => hasEmail(p, wanted)), orgNames };
}

async function leadPage(ctx: AdapterContext, query: Record<string, string | number>, cursor: string | null): Promise<{ items: PdLead[]; next: string | null }> {
  const res = await ctx.http.json<PdV1Envelope<PdLead[] | null>>({
    method: 'GET', path: LEADS, query: { ...query, start: cursor === null ? 0 : Number(cursor), limit: V1_MAX_LIMIT },
  });
  const p = res.additional_data?.pagination;
  return { items: res.data ?? [], next: p?.more_items_in_collection && p.next_start !== undefined ? String(p.next_start) : null };
}

/** Open leads of these persons (the list excludes archived ones, §3.3). */
async function findLeads(ctx: AdapterContext, personIds: number[]): Promise<PdLead[]> {
  if (personIds.length === 0) return [];
  const ids = new Set(personIds);
  const connectionId = ctx.connection.id;
  const budget = pagesToWalk(connectionId, 'leads', personIds.length - 1);
  if (budget > 0) {
    const walk = await walkPages(budget, (cursor) => leadPage(ctx, {}, cursor));
    rememberShape(connectionId, 'leads', walk.pages, walk.complete);
    if (walk.complete) return walk.items.filter((l) => l.person_id !== null && ids.has(l.person_id));
  }
  const perPerson = await mapLimit(personIds, LEAD_CONCURRENCY, async (id) =>
    (await walkPages(Number.MAX_SAFE_INTEGER, (cursor) => leadPage(ctx, { person_id: id }, cursor))).items);
  return perPerson.flat();
}

async function findByEmails(ctx: AdapterContext, emails: string[]): Promise<{ contacts: Contact[]; leads: Lead[] }> {
  const unique = [...new Set(emails.map(norm).filter((e) => e !== ''))];
  if (unique.length === 0) return { contacts: [], leads: [] };
  const { persons, orgNames } = await findPersons(ctx, unique);
  persons.sort((a, b) => a.id - b.id);
  const leads = await findLeads(ctx, persons.map((p) => p.id));
  const missing = [...persons.map((p) => p.org_id), ...leads.map((l) => l.organization_id)]
    .filter((id): id is number => typeof id === 'number' && !orgNames.has(id));
  for (const [id, name] of await organizationNames(ctx, missing)) orgNames.set(id, name);
  const orgName = (id: number | null): string | null => (id === null ? null : orgNames.get(id) ?? null);
  const personById = new Map(persons.map((p) => [p.id, p]));
  return {
    contacts: persons.map((p) => toUnifiedContact(p, orgName(p.org_id))),
    leads: leads.map((l) => toUnifiedLead(l, l.person_id === null ? null : personById.get(l.person_id) ?? null, orgName(l.organization_id))),
  };
}

/** `GET /api/v1/users` answers every user of the company in one call (scope `users:read`). */
async function owners(ctx: AdapterContext, ids: string[]): Promise<Owner[]> {
  if (ids.length === 0) return [];
  const wanted = new Set(ids);
  const res = await ctx.http.json<PdV1Envelope<PdUser[] | null>>({ method: 'GET', path: USERS });
  return (res.data ?? [])
    .filter((u) => wanted.has(String(u.id)))
    .map(toOwner);
}

export const lookup: PersonLookup = { maxBatch: MAX_BATCH, findByEmails, owners };
