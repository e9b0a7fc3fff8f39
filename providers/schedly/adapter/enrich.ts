import type { AdapterContext, Contact, Owner, PersonLookup } from '../../../src/provider-sdk';
import { toUnifiedContact } from '../mappers/customer.mapper';
import { toUnifiedUser } from '../mappers/service.mapper';
import { employees } from './booking-pages.adapter';
import { customersByEmail } from './contacts.adapter';

/**
 * Person lookup for POST /v1/enrich: customers by email (Schedly has no leads). The customers list
 * filters by one email, so a batch is one request per email, sent together (the connection's
 * limiter paces them). Customers have no owner, so owners() is only asked for employees by id.
 */
const MAX_BATCH = 10;

async function findByEmails(ctx: AdapterContext, emails: string[]): Promise<{ contacts: Contact[]; leads: [] }> {
  const found = await Promise.all(emails.map((email) => customersByEmail(ctx, email)));
  const seen = new Set<string>();
  const contacts = found.flat().filter((c) => {
    // The filter is the sandbox's exact, case-insensitive match; anything looser is dropped here.
    const id = String(c.id);
    if (seen.has(id) || !emails.includes((c.email ?? '').trim().toLowerCase())) return false;
    seen.add(id);
    return true;
  });
  return { contacts: contacts.map(toUnifiedContact), leads: [] };
}

async function owners(ctx: AdapterContext, ids: string[]): Promise<Owner[]> {
  if (ids.length === 0) return [];
  const wanted = new Set(ids);
  return (await employees(ctx)).filter((e) => wanted.has(String(e.id))).map(toUnifiedUser).map((u) => ({ id: u.id, name: u.name, email: u.email }));
}

export const schedlyLookup: PersonLookup = { maxBatch: MAX_BATCH, findByEmails, owners };
