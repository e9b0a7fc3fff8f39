import type { User } from '../../../src/provider-sdk';

/** A User row as SOQL returns it (the fields USER_FIELDS selects). */
export interface SfUser { Id: string; Name: string | null; Email: string | null; IsActive: boolean }

export const USER_FIELDS = ['Id', 'Name', 'Email', 'IsActive'] as const;

export function toUnifiedUser(row: SfUser): User {
  return { id: row.Id, name: row.Name ?? null, email: row.Email ?? null, active: row.IsActive === true, remoteData: row };
}
