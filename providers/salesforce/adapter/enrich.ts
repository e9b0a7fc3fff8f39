import { GatewayError, type AdapterContext, type Owner, type PersonLookup, type ResourceName } from '../../../src/provider-sdk';
import { toUnifiedContact } from '../mappers/contact.mapper';
import { toUnifiedLead } from '../mappers/lead.mapper';
import type { SfContact, SfLead } from '../mappers/wire';
import { isSalesforceId, KEY_PREFIX, soqlSelect } from '../soql';
import { CONTACT_FIELDS } from './contacts.adapter';
import { extraFieldsFor, selectList } from './extra-fields';
import { describeFields } from './fields';
import { LEAD_FIELDS } from './leads.adapter';
import { MAX_BATCH_SIZE, queryAll } from './sf-http';
import { inQueries } from './soql-chunks';

/**
 * Person look-up for POST /v1/enrich: one SOQL query per object, `SELECT … FROM Contact WHERE
 * Email IN (…)` and the same `FROM Lead`, run side by side. The core
 * coalesces concurrent look-ups into one findByEmails call, so a batch of n emails normally costs
 * exactly two Salesforce requests (plus one for owners the core has not cached yet).
 */

/**
 * Emails per findByEmails call. The binding limit is the URI (§2.3), which inQueries enforces
 * itself by splitting; at a typical 25-character address a statement holds ~350 emails, so 300
 * keeps one statement per object while letting the core merge three full /v1/enrich calls.
 */
const MAX_EMAILS = 300;
/** Rows one statement may return (several records can share an email); nextRecordsUrl is followed up to this. */
const MAX_ROWS = 5 * MAX_BATCH_SIZE;
/** Queue owners (Group, key prefix 00G) can own leads; their Name and Email come from Group, not User. */
const QUEUE_PREFIX = '00G';
/**
 * The owner's name and email through the polymorphic `Owner` relationship (User or queue), read in
 * the same query: the owners the core asks for right after a look-up then cost no request.
 */
const OWNER_FIELDS = ['Owner.Name', 'Owner.Email'];

type WithOwner<T> = T & { Owner?: { Name?: string | null; Email?: string | null } | null };
/**
 * Owners seen by findByEmails, per adapter context. The core resolves a batch's owners with the
 * context it looked the batch up with; another context simply asks Salesforce.
 */
const seenOwners = new WeakMap<AdapterContext, Map<string, Owner>>();

function remember(ctx: AdapterContext, rows: WithOwner<{ OwnerId: string | null }>[]): void {
  const seen = seenOwners.get(ctx) ?? new Map<string, Owner>();
  for (const r of rows) {
    if (r.OwnerId && r.Owner) seen.set(r.OwnerId.slice(0, 15), { id: r.OwnerId, name: r.Owner.Name ?? null, email: r.Owner.Email ?? null });
  }
  seenOwners.set(ctx, seen);
}

const lower = (s: string | null | undefined): string | null => (typeof s === 'string' ? s.toLowerCase() : null);

function isInvalidField(err: unknown): boolean {
  const provider = err instanceof GatewayError ? (err.details?.provider as { code?: string } | undefined) : undefined;
  return provider?.code === 'INVALID_FIELD';
}

/**
 * The extras that are fields of `object`. The core may ask for the contacts' and the leads' mapped
 * fields together (one findByEmails reads both objects), and SOQL fails a whole query on one
 * unknown column, so after an INVALID_FIELD the describe says which extras this object has.
 * Relationship paths are dropped here: describe lists only the object's own fields.
 */
async function fieldsOf(ctx: AdapterContext, object: string, extras: string[]): Promise<string[]> {
  const known = new Set((await describeFields(ctx, object)).map((f) => f.name.toLowerCase()));
  return extras.filter((f) => known.has(f.toLowerCase()));
}

/**
 * Every `object` record whose Email is one of `emails`, with the mapped custom fields selected.
 * When Salesforce rejects one of those fields, the look-up is retried with the ones the object has
 * (one describe and one more query): the person matters more than a custom field.
 */
async function byEmail<T extends { Email: string | null }>(
  ctx: AdapterContext, object: 'Contact' | 'Lead', resource: ResourceName, base: readonly string[], emails: string[],
): Promise<T[]> {
  const run = async (fields: readonly string[]): Promise<T[]> => {
    // ORDER BY Id: when several records share an email, the core sees them in a stable order.
    const statements = inQueries(ctx, emails, (list) => soqlSelect(fields, object, [`Email IN ${list}`], 'Id ASC'));
    const pages = await Promise.all(statements.map((soql) => queryAll<T>(ctx, soql, MAX_ROWS, MAX_BATCH_SIZE)));
    return pages.flat();
  };
  const extras = extraFieldsFor(ctx, resource);
  let rows: T[];
  try {
    rows = await run(selectList(base, extras));
  } catch (err) {
    if (extras.length === 0 || !isInvalidField(err)) throw err;
    const present = await fieldsOf(ctx, object, extras);
    if (present.length === extras.length) throw err;
    rows = await run(selectList(base, present));
  }
  // SOQL compares Email case-insensitively; this keeps the contract exact whatever its collation does.
  const wanted = new Set(emails);
  return rows.filter((r) => wanted.has(lower(r.Email) ?? ''));
}

/** `{Id, Name, Email}` of `object` rows by id, each answered under the id the core asked with. */
async function people(ctx: AdapterContext, object: 'User' | 'Group', ids: string[]): Promise<Owner[]> {
  const statements = inQueries(ctx, ids, (list) => soqlSelect(['Id', 'Name', 'Email'], object, [`Id IN ${list}`]));
  const rows = (await Promise.all(statements.map((soql) => queryAll<{ Id: string; Name: string | null; Email: string | null }>(ctx, soql, MAX_ROWS, MAX_BATCH_SIZE)))).flat();
  // Salesforce answers 18-character ids; the first 15 are the case-sensitive id, so a 15-character request still matches.
  const byKey = new Map(rows.map((r) => [r.Id.slice(0, 15), r]));
  const out: Owner[] = [];
  for (const id of ids) {
    const row = byKey.get(id.slice(0, 15));
    if (row) out.push({ id, name: row.Name ?? null, email: row.Email ?? null });
  }
  return out;
}

export const lookup: PersonLookup = {
  maxBatch: MAX_EMAILS,

  async findByEmails(ctx, emails) {
    const unique = [...new Set(emails.map((e) => e.toLowerCase()))];
    if (unique.length === 0) return { contacts: [], leads: [] };
    const [contacts, leads] = await Promise.all([
      byEmail<WithOwner<SfContact>>(ctx, 'Contact', 'contacts', [...CONTACT_FIELDS, ...OWNER_FIELDS], unique),
      byEmail<WithOwner<SfLead>>(ctx, 'Lead', 'leads', [...LEAD_FIELDS, ...OWNER_FIELDS], unique),
    ]);
    remember(ctx, [...contacts, ...leads]);
    return { contacts: contacts.map(toUnifiedContact), leads: leads.map(toUnifiedLead) };
  },

  async owners(ctx, ids) {
    const seen = seenOwners.get(ctx);
    const known: Owner[] = [];
    const unique: string[] = [];
    for (const id of new Set(ids)) {
      const owner = seen?.get(id.slice(0, 15));
      if (owner) known.push({ ...owner, id });
      else unique.push(id);
    }
    // Only ids that can name a user or a queue reach SOQL; anything else is "unknown" and left out.
    const users = unique.filter((id) => isSalesforceId(id, KEY_PREFIX.User));
    const queues = unique.filter((id) => isSalesforceId(id, QUEUE_PREFIX));
    const [u, q] = await Promise.all([
      users.length > 0 ? people(ctx, 'User', users) : Promise.resolve([]),
      queues.length > 0 ? people(ctx, 'Group', queues) : Promise.resolve([]),
    ]);
    return [...known, ...u, ...q];
  },
};
