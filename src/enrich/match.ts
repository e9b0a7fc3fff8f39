import type { Contact, Lead } from '../provider-sdk/unified-models';

export type MatchKind = 'lead' | 'contact' | null;

/** The newest record by updatedAt (records without one sort last). */
function newest<T extends { updatedAt: string | null }>(records: T[]): T | null {
  return [...records].sort((a, b) => (Date.parse(b.updatedAt ?? '') || 0) - (Date.parse(a.updatedAt ?? '') || 0))[0] ?? null;
}

/**
 * Which record answers for a person found as a contact and/or a lead. A lead linked to the contact
 * (converted, or associated with it) defers to the contact: the contact is the live record and the
 * lead is history. An open lead that is not linked to the contact wins: it is the sales process
 * the routing engine is being asked about. Several matches of one kind: the most recently updated.
 */
export function decideMatch(contacts: Contact[], leads: Lead[]): { match: MatchKind; contact: Contact | null; lead: Lead | null } {
  const contact = newest(contacts);
  const lead = newest(leads);
  if (contact && lead) return { match: lead.contactId !== null && lead.contactId === contact.id ? 'contact' : 'lead', contact, lead };
  if (contact) return { match: 'contact', contact, lead: null };
  if (lead) return { match: 'lead', contact: null, lead };
  return { match: null, contact: null, lead: null };
}
