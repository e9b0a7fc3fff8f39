import { KEY_PREFIX } from './ids';

/**
 * The sObjects the sandbox knows and their fields, in Salesforce's describe vocabulary
 * (reference/providers.md §2.3–§2.5). One table drives describe, writes, GET ?fields= and SOQL.
 */
export type FieldType = 'id' | 'string' | 'email' | 'phone' | 'url' | 'textarea' | 'picklist' | 'reference' | 'datetime'
  | 'date' | 'boolean' | 'int';

export interface PicklistValue { value: string; label: string; active: boolean; defaultValue: boolean }

export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  length?: number;
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  /** Required on create (nillable false, createable, no default): checked as REQUIRED_FIELD_MISSING. */
  required?: boolean;
  picklist?: string[];
  defaultValue?: string;
  referenceTo?: string[];
  relationshipName?: string;
}

export interface ObjectDef {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  createable: boolean;
  updateable: boolean;
  deletable: boolean;
  fields: FieldDef[];
}

type Opt = Partial<Omit<FieldDef, 'name' | 'label' | 'type'>>;
const rw = (name: string, label: string, type: FieldType, o: Opt = {}): FieldDef =>
  ({ name, label, type, nillable: true, createable: true, updateable: true, ...o });
const ro = (name: string, label: string, type: FieldType, o: Opt = {}): FieldDef =>
  ({ name, label, type, nillable: true, createable: false, updateable: false, ...o });
const req = (name: string, label: string, type: FieldType, o: Opt = {}): FieldDef =>
  rw(name, label, type, { nillable: false, required: true, ...o });
const ref = (name: string, label: string, to: string[], relationshipName: string, o: Opt = {}): FieldDef =>
  rw(name, label, 'reference', { referenceTo: to, relationshipName, length: 18, ...o });

const system = (): FieldDef[] => [
  ro('IsDeleted', 'Deleted', 'boolean', { nillable: false }),
  ro('CreatedDate', 'Created Date', 'datetime', { nillable: false }),
  ro('LastModifiedDate', 'Last Modified Date', 'datetime', { nillable: false }),
  ro('SystemModstamp', 'System Modstamp', 'datetime', { nillable: false }),
];
const idField = (): FieldDef => ro('Id', 'Record ID', 'id', { nillable: false, length: 18 });
const owner = (): FieldDef => ref('OwnerId', 'Owner ID', ['User'], 'Owner', { nillable: false });

export const LEAD_SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'];
export const LEAD_STATUSES = ['Open - Not Contacted', 'Working - Contacted', 'Closed - Converted', 'Closed - Not Converted'];

const contact: ObjectDef = {
  name: 'Contact', label: 'Contact', labelPlural: 'Contacts', keyPrefix: KEY_PREFIX.Contact,
  createable: true, updateable: true, deletable: true,
  fields: [
    idField(),
    ref('AccountId', 'Account ID', ['Account'], 'Account'),
    req('LastName', 'Last Name', 'string', { length: 80 }),
    rw('FirstName', 'First Name', 'string', { length: 40 }),
    rw('Salutation', 'Salutation', 'picklist', { picklist: ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.', 'Mx.'] }),
    ro('Name', 'Full Name', 'string', { length: 121, nillable: false }),
    rw('Title', 'Title', 'string', { length: 128 }),
    rw('Department', 'Department', 'string', { length: 80 }),
    rw('Email', 'Email', 'email', { length: 80 }),
    rw('Phone', 'Business Phone', 'phone', { length: 40 }),
    rw('MobilePhone', 'Mobile Phone', 'phone', { length: 40 }),
    rw('MailingCity', 'Mailing City', 'string', { length: 40 }),
    rw('MailingCountry', 'Mailing Country', 'string', { length: 80 }),
    rw('LeadSource', 'Lead Source', 'picklist', { picklist: LEAD_SOURCES }),
    rw('Description', 'Contact Description', 'textarea', { length: 32000 }),
    owner(),
    ...system(),
  ],
};

const lead: ObjectDef = {
  name: 'Lead', label: 'Lead', labelPlural: 'Leads', keyPrefix: KEY_PREFIX.Lead,
  createable: true, updateable: true, deletable: true,
  fields: [
    idField(),
    req('LastName', 'Last Name', 'string', { length: 80 }),
    rw('FirstName', 'First Name', 'string', { length: 40 }),
    rw('Salutation', 'Salutation', 'picklist', { picklist: ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.', 'Mx.'] }),
    ro('Name', 'Full Name', 'string', { length: 121, nillable: false }),
    rw('Title', 'Title', 'string', { length: 128 }),
    req('Company', 'Company', 'string', { length: 255 }),
    rw('Email', 'Email', 'email', { length: 80 }),
    rw('Phone', 'Phone', 'phone', { length: 40 }),
    rw('MobilePhone', 'Mobile Phone', 'phone', { length: 40 }),
    rw('City', 'City', 'string', { length: 40 }),
    rw('Country', 'Country', 'string', { length: 80 }),
    rw('Website', 'Website', 'url', { length: 255 }),
    rw('LeadSource', 'Lead Source', 'picklist', { picklist: LEAD_SOURCES }),
    // §2.4: Status is backed by LeadStatus and defaulted on create when omitted.
    rw('Status', 'Status', 'picklist', { picklist: LEAD_STATUSES, defaultValue: LEAD_STATUSES[0], nillable: false }),
    rw('Description', 'Description', 'textarea', { length: 32000 }),
    owner(),
    ro('IsConverted', 'Converted', 'boolean', { nillable: false }),
    ro('ConvertedDate', 'Converted Date', 'date'),
    ro('ConvertedAccountId', 'Converted Account ID', 'reference', { referenceTo: ['Account'], relationshipName: 'ConvertedAccount' }),
    ro('ConvertedContactId', 'Converted Contact ID', 'reference', { referenceTo: ['Contact'], relationshipName: 'ConvertedContact' }),
    ...system(),
  ],
};

const event: ObjectDef = {
  name: 'Event', label: 'Event', labelPlural: 'Events', keyPrefix: KEY_PREFIX.Event,
  createable: true, updateable: true, deletable: true,
  fields: [
    idField(),
    rw('Subject', 'Subject', 'string', { length: 255 }),
    rw('StartDateTime', 'Start', 'datetime'),
    rw('EndDateTime', 'End', 'datetime'),
    rw('ActivityDateTime', 'Due Date Time', 'datetime'),
    rw('ActivityDate', 'Due Date Only', 'date'),
    rw('DurationInMinutes', 'Duration', 'int'),
    rw('IsAllDayEvent', 'All-Day Event', 'boolean', { nillable: false }),
    ref('WhoId', 'Name ID', ['Contact', 'Lead'], 'Who'),
    ref('WhatId', 'Related To ID', ['Account'], 'What'),
    ro('AccountId', 'Account ID', 'reference', { referenceTo: ['Account'], relationshipName: 'Account' }),
    rw('Location', 'Location', 'string', { length: 255 }),
    rw('Description', 'Description', 'textarea', { length: 32000 }),
    rw('IsPrivate', 'Private', 'boolean', { nillable: false }),
    rw('ShowAs', 'Show Time As', 'picklist', { picklist: ['Busy', 'OutOfOffice', 'Free'], defaultValue: 'Busy' }),
    owner(),
    ...system(),
  ],
};

const account: ObjectDef = {
  name: 'Account', label: 'Account', labelPlural: 'Accounts', keyPrefix: KEY_PREFIX.Account,
  createable: true, updateable: true, deletable: true,
  fields: [
    idField(),
    req('Name', 'Account Name', 'string', { length: 255 }),
    rw('Website', 'Website', 'url', { length: 255 }),
    rw('Phone', 'Account Phone', 'phone', { length: 40 }),
    rw('Industry', 'Industry', 'picklist', { picklist: ['Technology', 'Healthcare', 'Retail', 'Manufacturing', 'Finance', 'Other'] }),
    owner(),
    ...system(),
  ],
};

const user: ObjectDef = {
  name: 'User', label: 'User', labelPlural: 'Users', keyPrefix: KEY_PREFIX.User,
  createable: false, updateable: false, deletable: false,
  fields: [
    idField(),
    ro('Username', 'Username', 'string', { length: 80, nillable: false }),
    ro('FirstName', 'First Name', 'string', { length: 40 }),
    ro('LastName', 'Last Name', 'string', { length: 80, nillable: false }),
    ro('Name', 'Full Name', 'string', { length: 121, nillable: false }),
    ro('Email', 'Email', 'email', { length: 128, nillable: false }),
    ro('IsActive', 'Active', 'boolean', { nillable: false }),
    ...system(),
  ],
};

/** Shared Activities: one row per invitee of an event (§2.5). */
const eventRelation: ObjectDef = {
  name: 'EventRelation', label: 'Event Relation', labelPlural: 'Event Relations', keyPrefix: KEY_PREFIX.EventRelation,
  createable: true, updateable: true, deletable: true,
  fields: [
    idField(),
    rw('EventId', 'Event ID', 'reference', { referenceTo: ['Event'], relationshipName: 'Event', nillable: false, required: true, updateable: false }),
    rw('RelationId', 'Relation ID', 'reference', {
      referenceTo: ['Contact', 'Lead', 'User'], relationshipName: 'Relation', nillable: false, required: true, updateable: false,
    }),
    rw('Status', 'Status', 'picklist', { picklist: ['New', 'Accepted', 'Declined'], defaultValue: 'New' }),
    rw('IsInvitee', 'Is Invitee', 'boolean', { nillable: false }),
    rw('IsParent', 'Is Parent', 'boolean', { nillable: false }),
    rw('IsWhat', 'Is What', 'boolean', { nillable: false, updateable: false }),
    rw('RespondedDate', 'Response Date', 'datetime'),
    rw('Response', 'Response', 'string', { length: 255 }),
    ...system(),
  ],
};

export const OBJECTS: readonly ObjectDef[] = [contact, lead, event, account, user, eventRelation];
export type ObjectName = 'Contact' | 'Lead' | 'Event' | 'Account' | 'User' | 'EventRelation';

/** sObject names are case-insensitive in URLs and SOQL; answers use the canonical spelling. */
export function objectDef(name: string): ObjectDef | null {
  const lower = name.toLowerCase();
  return OBJECTS.find((o) => o.name.toLowerCase() === lower) ?? null;
}

export function fieldDef(obj: ObjectDef, name: string): FieldDef | null {
  const lower = name.toLowerCase();
  return obj.fields.find((f) => f.name.toLowerCase() === lower) ?? null;
}

/** The reference field behind a relationship name (`Account` → AccountId, `Who` → WhoId). */
export function relationshipField(obj: ObjectDef, relationship: string): FieldDef | null {
  const lower = relationship.toLowerCase();
  return obj.fields.find((f) => f.relationshipName?.toLowerCase() === lower) ?? null;
}

export function objectOfId(id: string): ObjectDef | null {
  return OBJECTS.find((o) => id.startsWith(o.keyPrefix)) ?? null;
}

/** The describe shape (§2 brief): name, label, fields with picklistValues, nillable, createable, updateable. */
export function describe(obj: ObjectDef, version: string): Record<string, unknown> {
  const base = `/services/data/${version}/sobjects/${obj.name}`;
  return {
    name: obj.name, label: obj.label, labelPlural: obj.labelPlural, keyPrefix: obj.keyPrefix, custom: false,
    createable: obj.createable, updateable: obj.updateable, deletable: obj.deletable, queryable: true, retrieveable: true,
    fields: obj.fields.map((f) => ({
      name: f.name, label: f.label, type: f.type, length: f.length ?? 0, custom: false,
      nillable: f.nillable, createable: f.createable, updateable: f.updateable,
      defaultedOnCreate: f.defaultValue !== undefined || ['Id', 'OwnerId', 'IsDeleted', 'CreatedDate', 'LastModifiedDate',
        'SystemModstamp', 'IsConverted', 'IsAllDayEvent', 'IsPrivate', 'Name'].includes(f.name),
      filterable: f.type !== 'textarea', sortable: f.type !== 'textarea', unique: false,
      referenceTo: f.referenceTo ?? [], relationshipName: f.relationshipName ?? null,
      picklistValues: (f.picklist ?? []).map((v) => ({ value: v, label: v, active: true, defaultValue: v === f.defaultValue })),
    })),
    urls: { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` },
  };
}
