import type { AdapterContext, Contact, Lead, Owner, PersonLookup } from '../../../src/provider-sdk';
import { CONTACT_PROPERTIES, toUnifiedContact } from '../mappers/contact.mapper';
import { LEAD_PROPERTIES, toUnifiedLead } from '../mappers/lead.mapper';
import { prop, type HubspotObject } from '../mappers/wire';
import { toOwner, type HubspotOwner, type OwnersPage } from '../mappers/owner.mapper';
import { batchRead, LIST_MAX } from './objects';

/**
 * Person lookup for POST /v1/enrich. One findByEmails of up to 100 emails costs at most three
 * HubSpot requests, however many emails match:
 *   1. POST /crm/v3/objects/contacts/batch/read with idProperty=email (≤100 inputs, §1.3) — a
 *      batch read, not the search API, because search has its own 5 req/s budget and is eventually
 *      consistent (§1.3), which would miss a contact written a moment ago;
 *   2. POST /crm/v4/associations/contacts/leads/batch/read for the found contacts (≤1000 inputs):
 *      HubSpot leads have no email of their own, they hang off contacts (§1.4);
 *   3. POST /crm/v3/objects/leads/batch/read for the associated leads.
 * Steps 2 and 3 are skipped when nothing was found. Owners come from the owners API.
 */
const V4_BATCH_MAX = 1000;
const OWNERS_PAGE = 500;

interface V4Result { from: { id: string }; to?: { toObjectId: string | number }[]; paging?: { next?: { after?: string } } }
interface V4Body { results?: V4Result[] }

/** Contact id → ids of its leads, following each input's `paging.next.after` until done. */
async function leadIdsOf(ctx: AdapterContext, contactIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  let pending: { id: string; after?: string }[] = contactIds.map((id) => ({ id }));
  while (pending.length > 0) {
    const next: { id: string; after?: string }[] = [];
    for (let i = 0; i < pending.length; i += V4_BATCH_MAX) {
      // A contact without leads is a 207 `NO_ASSOCIATIONS_FOUND` entry, a 2xx: it is simply absent from results.
      const res = await ctx.http.json<V4Body>({ method: 'POST', path: '/crm/v4/associations/contacts/leads/batch/read', body: { inputs: pending.slice(i, i + V4_BATCH_MAX) } });
      for (const r of res.results ?? []) {
        const from = String(r.from.id);
        // toObjectId is a string in the spec and a number in many live answers; both are read as strings.
        out.set(from, [...(out.get(from) ?? []), ...(r.to ?? []).map((t) => String(t.toObjectId))]);
        const after = r.paging?.next?.after;
        if (after) next.push({ id: from, after });
      }
    }
    pending = next;
  }
  return out;
}

/**
 * The lead's contact: the found contact whose email HubSpot copied onto the lead
 * (`hs_associated_contact_email` is the primary contact's email, §1.4), else the first found contact
 * it is associated with (a lead linked by 608 to a contact that is not its primary one).
 */
function contactOf(lead: HubspotObject, via: string[], contacts: Map<string, HubspotObject>): string | null {
  const primaryEmail = prop(lead, 'hs_associated_contact_email')?.toLowerCase();
  const primary = via.find((id) => {
    const email = contacts.get(id) ? prop(contacts.get(id)!, 'email') : null;
    return primaryEmail !== undefined && email?.toLowerCase() === primaryEmail;
  });
  return primary ?? via[0] ?? null;
}

async function findByEmails(ctx: AdapterContext, emails: string[]): Promise<{ contacts: Contact[]; leads: Lead[] }> {
  // Mapped custom fields of either resource are asked of both reads: HubSpot ignores names an object lacks (§1.3).
  const extra = ctx.extraFields ?? [];
  const rawContacts = emails.length === 0 ? [] : await batchRead(ctx, 'contacts', emails, [...new Set([...CONTACT_PROPERTIES, ...extra])], 'email');
  const contacts = new Map(rawContacts.map((c) => [String(c.id), c]));
  if (contacts.size === 0) return { contacts: [], leads: [] };
  const links = await leadIdsOf(ctx, [...contacts.keys()]);
  const via = new Map<string, string[]>();
  for (const [contactId, leadIds] of links) for (const leadId of leadIds) via.set(leadId, [...(via.get(leadId) ?? []), contactId]);
  const rawLeads = via.size === 0 ? [] : await batchRead(ctx, 'leads', [...via.keys()], [...new Set([...LEAD_PROPERTIES, ...extra])]);
  return {
    contacts: rawContacts.map(toUnifiedContact),
    // The leads batch read carries no associations, so the contact link comes from step 2.
    leads: rawLeads.map((l) => ({ ...toUnifiedLead(l), contactId: contactOf(l, via.get(String(l.id)) ?? [], contacts) })),
  };
}

/**
 * One id: GET /crm/v3/owners/{id} (404 → left out). Several: the owners list, 500 a page, stopping
 * as soon as every id is found — one request for portals with up to 500 owners.
 */
async function owners(ctx: AdapterContext, ids: string[]): Promise<Owner[]> {
  const wanted = new Set(ids);
  if (wanted.size === 0) return [];
  if (wanted.size === 1) {
    const res = await ctx.http.request({ method: 'GET', path: '/crm/v3/owners/:id', params: { id: ids[0] } });
    if (res.status === 404) return [];
    if (res.status >= 200 && res.status < 300) return [toOwner(res.body as HubspotOwner)];
    // Any other answer (e.g. 403 MISSING_SCOPES) is reported by the list call below, through the error factory.
  }
  const found: Owner[] = [];
  let after: string | undefined;
  do {
    const query: Record<string, string | number> = { limit: OWNERS_PAGE, ...(after !== undefined ? { after } : {}) };
    const page = await ctx.http.json<OwnersPage>({ method: 'GET', path: '/crm/v3/owners', query });
    for (const o of page.results) if (wanted.has(String(o.id))) found.push(toOwner(o));
    after = page.paging?.next?.after;
  } while (after !== undefined && found.length < wanted.size);
  return found;
}

/** maxBatch = the contacts batch/read input limit, so one findByEmails is one contacts request. */
export const hubspotLookup: PersonLookup = { maxBatch: LIST_MAX, findByEmails, owners };
