import type { Owner, User } from '../../../src/provider-sdk';

/** An owner as GET /crm/v3/owners sends it (the fields we read). */
export interface HubspotOwner {
  id: string | number; email?: string | null; firstName?: string | null; lastName?: string | null; archived?: boolean;
}
export interface OwnersPage { results: HubspotOwner[]; paging?: { next?: { after?: string } } }

export function toOwner(o: HubspotOwner): Owner {
  const name = [o.firstName, o.lastName].filter((p): p is string => typeof p === 'string' && p !== '').join(' ');
  return { id: String(o.id), name: name === '' ? null : name, email: o.email ?? null };
}

/** An owner as a unified user: an archived owner (deactivated user) is inactive. */
export function toUnifiedUser(o: HubspotOwner): User {
  return { ...toOwner(o), active: o.archived !== true, remoteData: o };
}
