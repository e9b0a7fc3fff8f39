import { canonicalId, KEY_PREFIX, orgIdOf, podOf, recordId, sfDateTime } from './ids';
import type { ObjectDef, ObjectName } from './schema';

/** One sandbox account = one Salesforce org: its records, id counters and open query cursors. */
export type SfValue = string | number | boolean | null;
/** Field values under their canonical names; `Id` is the 18-char id. */
export type SfRecord = Record<string, SfValue>;

/** A SOQL result kept for its nextRecordsUrl (Salesforce query locators are server-side cursors). */
export interface QueryCursor { rows: Record<string, unknown>[]; totalSize: number; batchSize: number; createdAt: number }

export interface OrgState {
  accountId: string;
  orgId: string;
  pod: string;
  /** The user every grant on this org acts as (the first seeded User). */
  userId: string;
  tables: Record<ObjectName, Map<string, SfRecord>>;
  seq: Record<string, number>;
  locators: Map<string, QueryCursor>;
}

export function emptyOrg(accountId: string): OrgState {
  return {
    accountId, orgId: orgIdOf(accountId), pod: podOf(accountId), userId: '',
    tables: { Contact: new Map(), Lead: new Map(), Event: new Map(), Account: new Map(), User: new Map(), EventRelation: new Map() },
    seq: {}, locators: new Map(),
  };
}

export function nextId(org: OrgState, prefix: string): string {
  const n = (org.seq[prefix] ?? 0) + 1;
  org.seq[prefix] = n;
  return recordId(prefix, org.pod, n);
}

export function table(org: OrgState, obj: ObjectDef): Map<string, SfRecord> {
  return org.tables[obj.name as ObjectName];
}

/** A live (not deleted) or deleted record by any-case 15/18-char id, or null. */
export function findRecord(org: OrgState, obj: ObjectDef, id: string): SfRecord | null {
  const key = canonicalId(id);
  return key ? table(org, obj).get(key) ?? null : null;
}

/** Finds a record of any of the given objects (polymorphic references such as Event.WhoId). */
export function findAny(org: OrgState, objects: readonly ObjectDef[], id: string): { obj: ObjectDef; rec: SfRecord } | null {
  for (const obj of objects) {
    if (!id.startsWith(obj.keyPrefix)) continue;
    const rec = findRecord(org, obj, id);
    if (rec) return { obj, rec };
  }
  return null;
}

/** Name is derived, not writable, on Contact, Lead and User. */
export function fullName(rec: SfRecord): string {
  return [rec.FirstName, rec.LastName].filter((v) => typeof v === 'string' && v !== '').join(' ');
}

/** Stores a new record with the system fields set; returns it. */
export function insert(org: OrgState, obj: ObjectDef, values: SfRecord, nowMs: number, createdMs = nowMs): SfRecord {
  const id = nextId(org, obj.keyPrefix);
  const rec: SfRecord = { Id: id, IsDeleted: false, ...values };
  rec.CreatedDate = sfDateTime(createdMs);
  rec.LastModifiedDate = rec.LastModifiedDate ?? sfDateTime(nowMs);
  rec.SystemModstamp = rec.SystemModstamp ?? rec.LastModifiedDate;
  if (['Contact', 'Lead', 'User'].includes(obj.name)) rec.Name = fullName(rec);
  table(org, obj).set(id.slice(0, 15), rec);
  return rec;
}

export function touch(rec: SfRecord, nowMs: number): void {
  rec.LastModifiedDate = sfDateTime(nowMs);
  rec.SystemModstamp = rec.LastModifiedDate;
  if ('LastName' in rec) rec.Name = fullName(rec);
}

export const QUERY_LOCATOR_PREFIX = KEY_PREFIX.QueryLocator;
