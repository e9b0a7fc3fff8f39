import type { Owner, User } from '../../../src/provider-sdk';

/** A user as GET /api/v1/users sends it (the fields we read). */
export interface PdUser { id: number; name: string | null; email: string | null; active_flag?: boolean }

export function toOwner(u: PdUser): Owner {
  return { id: String(u.id), name: u.name ?? null, email: u.email ?? null };
}

/** A deactivated Pipedrive user (active_flag false) is listed as inactive. */
export function toUnifiedUser(u: PdUser): User {
  return { ...toOwner(u), active: u.active_flag !== false, remoteData: u };
}
