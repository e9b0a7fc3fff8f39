import { createHash } from 'node:crypto';

/** The CRM objects this sandbox serves, with HubSpot's object type ids (§1.4 leads `0-136`, §1.5 meetings `0-47`). */
export const OBJECT_TYPES = ['contacts', 'leads', 'meetings'] as const;
export type ObjectType = (typeof OBJECT_TYPES)[number];

const TYPE_IDS: Record<string, ObjectType> = {
  contacts: 'contacts', contact: 'contacts', '0-1': 'contacts',
  leads: 'leads', lead: 'leads', '0-136': 'leads',
  meetings: 'meetings', meeting: 'meetings', '0-47': 'meetings',
};

export function resolveObjectType(raw: string): ObjectType | null {
  return TYPE_IDS[raw.toLowerCase()] ?? null;
}

export type PropertyValue = string | null;

export interface HsRecord {
  id: string;
  properties: Record<string, PropertyValue>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
}

/** One directed association as it was written; reads also show it from the other side. */
export interface Edge {
  fromType: ObjectType;
  fromId: string;
  toType: ObjectType;
  toId: string;
  typeId: number;
}

export interface Owner {
  id: string;
  userId: number;
  email: string;
  firstName: string;
  lastName: string;
  createdAt: string;
  updatedAt: string;
}

export interface AccountState {
  hubId: number;
  /** The portal's name (account-info `portalName`), from the seed's first company. */
  portalName: string;
  owners: Owner[];
  objects: Record<ObjectType, Map<string, HsRecord>>;
  edges: Edge[];
  nextId: Record<ObjectType, number>;
}

/** Portal id of a sandbox account: deterministic from its id, 8 digits like real hub ids. */
export function hubIdFor(accountId: string): number {
  return 10_000_000 + (createHash('sha256').update(`hubspot-hub:${accountId}`).digest().readUInt32LE(0) % 89_999_999);
}

/** Property names that differ per object (§1.3: contacts use `lastmodifieddate`, others `hs_lastmodifieddate`). */
export const MODIFIED_PROPERTY: Record<ObjectType, string> = {
  contacts: 'lastmodifieddate', leads: 'hs_lastmodifieddate', meetings: 'hs_lastmodifieddate',
};
export const CREATED_PROPERTY: Record<ObjectType, string> = {
  contacts: 'createdate', leads: 'createdate', meetings: 'hs_createdate',
};

/** Properties returned when the caller names none (§1.3 contacts; §1.5 meetings; leads UNCONFIRMED). */
export const DEFAULT_PROPERTIES: Record<ObjectType, string[]> = {
  contacts: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
  leads: ['createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  meetings: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
};

/** Live (not archived) record by HubSpot id, or by email for contacts with `idProperty=email`. */
export function findRecord(state: AccountState, type: ObjectType, id: string, idProperty?: string): HsRecord | null {
  const records = state.objects[type];
  if (idProperty && idProperty !== 'hs_object_id') {
    const wanted = id.toLowerCase();
    for (const r of records.values()) {
      if (!r.archived && (r.properties[idProperty] ?? '').toLowerCase() === wanted) return r;
    }
    return null;
  }
  const r = records.get(id);
  return r && !r.archived ? r : null;
}

export function liveRecords(state: AccountState, type: ObjectType): HsRecord[] {
  return [...state.objects[type].values()].filter((r) => !r.archived);
}

export function nextId(state: AccountState, type: ObjectType): string {
  const id = state.nextId[type];
  state.nextId[type] = id + 1;
  return String(id);
}
