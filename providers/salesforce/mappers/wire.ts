/**
 * Salesforce records as the adapter's SOQL returns them (reference/providers.md §2.3–§2.5): field
 * names are Salesforce's, relationship fields are nested records or null, datetimes are
 * `2026-01-01T00:00:00.000+0000`.
 */
export interface SfAttributes { type: string; url: string }

export interface SfRelated { attributes?: SfAttributes; Name?: string | null; Email?: string | null }

export interface SfContact {
  attributes?: SfAttributes;
  Id: string;
  FirstName: string | null;
  LastName: string | null;
  Name: string | null;
  Email: string | null;
  Phone: string | null;
  MobilePhone: string | null;
  Title: string | null;
  AccountId: string | null;
  Account: SfRelated | null;
  OwnerId: string | null;
  CreatedDate: string | null;
  LastModifiedDate: string | null;
  SystemModstamp?: string | null;
}

export interface SfLead {
  attributes?: SfAttributes;
  Id: string;
  FirstName: string | null;
  LastName: string | null;
  Name: string | null;
  Email: string | null;
  Phone: string | null;
  MobilePhone: string | null;
  Company: string | null;
  Title: string | null;
  Status: string | null;
  LeadSource: string | null;
  OwnerId: string | null;
  IsConverted: boolean;
  ConvertedContactId: string | null;
  CreatedDate: string | null;
  LastModifiedDate: string | null;
  SystemModstamp?: string | null;
}

export interface SfEventRelation {
  attributes?: SfAttributes;
  Id: string;
  EventId: string;
  RelationId: string;
  Relation: SfRelated | null;
  IsParent: boolean;
  IsInvitee: boolean;
  IsWhat: boolean;
  Status: string | null;
}

export interface SfEvent {
  attributes?: SfAttributes;
  Id: string;
  Subject: string | null;
  Description: string | null;
  Location: string | null;
  StartDateTime: string | null;
  EndDateTime: string | null;
  IsAllDayEvent: boolean;
  WhoId: string | null;
  Who: SfRelated | null;
  WhatId: string | null;
  OwnerId: string | null;
  CreatedDate: string | null;
  LastModifiedDate: string | null;
  SystemModstamp?: string | null;
  /** Added by the adapter in the shape of a child-relationship subquery: the event's EventRelation rows. */
  EventRelations?: { totalSize: number; done: boolean; records: SfEventRelation[] };
}

export interface SfQueryResult<T> { totalSize: number; done: boolean; nextRecordsUrl?: string; records: T[] }

/** `2026-01-01T09:30:00.000+0000` → `2026-01-01T09:30:00.000Z` (Salesforce times are UTC, §2.5). */
export function toIsoUtc(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  const ms = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** Keeps only the keys the caller sent (a PATCH is partial), dropping `undefined`. */
export function defined(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
}
