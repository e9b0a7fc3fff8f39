import { InvalidInputError, type AdapterContext, type ListFilters, type Meeting, type MeetingInput, type ResourceAdapter } from '../../../src/provider-sdk';
import { meetingContactIds, toProviderMeeting, toUnifiedMeeting } from '../mappers/meeting.mapper';
import type { SfEvent, SfEventRelation } from '../mappers/wire';
import { isSalesforceId, KEY_PREFIX, soqlDateTime, soqlList, soqlQuote, soqlSelect } from '../soql';
import { fieldsFor } from './extra-fields';
import { assertId, createRecord, deleteRecord, listPage, queryAll, queryOne, updateRecord, listDeleted, listOrder } from './sf-http';

/**
 * Meetings ↔ the `Event` sObject, people through `WhoId` and EventRelation (reference/providers.md
 * §2.5). The sandbox and SOQL have no child subqueries here, so a page's relations are read with
 * one `EventId IN (…)` query and attached to each event as `EventRelations`.
 */
export const EVENT_FIELDS = [
  'Id', 'Subject', 'Description', 'Location', 'StartDateTime', 'EndDateTime', 'IsAllDayEvent', 'WhoId', 'Who.Name', 'Who.Email',
  'WhatId', 'OwnerId', 'CreatedDate', 'LastModifiedDate', 'SystemModstamp',
] as const;
export const RELATION_FIELDS = ['Id', 'EventId', 'RelationId', 'Relation.Name', 'Relation.Email', 'IsParent', 'IsInvitee', 'IsWhat', 'Status'] as const;
const NOT_FOUND = 'MEETING_NOT_FOUND';
/** EVENT_FIELDS plus the mapped custom fields the core asks for (field mappings). */
const select = (ctx: AdapterContext): string[] => fieldsFor(ctx, 'meetings', EVENT_FIELDS);
/** Events one contactId filter may name through EventRelation: keeps the query URI under 16 KB (§2.3). */
const MAX_RELATED_EVENTS = 300;
const MAX_RELATIONS = 2000;

async function withRelations(ctx: AdapterContext, events: SfEvent[]): Promise<SfEvent[]> {
  if (events.length === 0) return events;
  const soql = soqlSelect(RELATION_FIELDS, 'EventRelation', [`EventId IN ${soqlList(events.map((e) => e.Id))}`], 'EventId ASC, Id ASC');
  const rows = await queryAll<SfEventRelation>(ctx, soql, MAX_RELATIONS);
  for (const ev of events) {
    const records = rows.filter((r) => r.EventId === ev.Id);
    ev.EventRelations = { totalSize: records.length, done: true, records };
  }
  return events;
}

const toMeeting = (ev: SfEvent): Meeting => toUnifiedMeeting(ev, new Date());

async function read(ctx: AdapterContext, id: string): Promise<Meeting> {
  const ev = await queryOne<SfEvent>(ctx, soqlSelect(select(ctx), 'Event', [`Id = ${soqlQuote(id)}`]), NOT_FOUND);
  return toMeeting((await withRelations(ctx, [ev]))[0]);
}

/** `contactId`: the event's WhoId, or an EventRelation row of that contact (Shared Activities). */
async function contactCondition(ctx: AdapterContext, contactId: string): Promise<string> {
  if (!isSalesforceId(contactId)) throw new InvalidInputError([{ field: 'contactId', message: 'is not a Salesforce record id' }]);
  const rows = await queryAll<{ EventId: string }>(ctx,
    soqlSelect(['EventId'], 'EventRelation', [`RelationId = ${soqlQuote(contactId)}`], 'EventId ASC'), MAX_RELATED_EVENTS + 1);
  const ids = [...new Set(rows.map((r) => r.EventId))];
  if (ids.length > MAX_RELATED_EVENTS) {
    throw new InvalidInputError([{ field: 'contactId', message: `this contact is invited to more than ${MAX_RELATED_EVENTS} events; narrow with startDate/endDate` }]);
  }
  const who = `WhoId = ${soqlQuote(contactId)}`;
  return ids.length === 0 ? who : `(${who} OR Id IN ${soqlList(ids)})`;
}

async function conditions(ctx: AdapterContext, f: ListFilters): Promise<string[]> {
  const where: string[] = [];
  // A meeting is in [startDate, endDate) when it starts in it.
  if (f.startDate !== undefined) where.push(`StartDateTime >= ${soqlDateTime(f.startDate, 'startDate')}`);
  if (f.endDate !== undefined) where.push(`StartDateTime < ${soqlDateTime(f.endDate, 'endDate', 'ceil')}`);
  if (f.updatedSince !== undefined) where.push(`SystemModstamp >= ${soqlDateTime(f.updatedSince, 'updatedSince')}`);
  if (f.contactId !== undefined) where.push(await contactCondition(ctx, f.contactId));
  return where;
}

/**
 * Makes the event's people match `contactIds`: the first is WhoId (set in the Event body), the others
 * get EventRelation rows; contact relations not listed any more are deleted. Users and leads invited
 * in Salesforce are left alone.
 */
async function syncRelations(ctx: AdapterContext, eventId: string, contactIds: string[]): Promise<void> {
  const current = await queryAll<SfEventRelation>(ctx,
    soqlSelect(['Id', 'RelationId'], 'EventRelation', [`EventId = ${soqlQuote(eventId)}`], 'Id ASC'), MAX_RELATIONS);
  const wanted = new Set(contactIds);
  for (const rel of current) {
    if (rel.RelationId.startsWith(KEY_PREFIX.Contact) && !wanted.has(rel.RelationId)) {
      await deleteRecord(ctx, 'EventRelation', rel.Id, NOT_FOUND);
    }
  }
  const present = new Set(current.map((r) => r.RelationId));
  for (const contactId of contactIds.slice(1)) {
    if (!present.has(contactId)) {
      await createRecord(ctx, 'EventRelation', { EventId: eventId, RelationId: contactId, IsParent: true, IsInvitee: false });
    }
  }
}

export const meetings: ResourceAdapter<Meeting, MeetingInput> = {
  filters: ['startDate', 'endDate', 'contactId', 'updatedSince'],

  listDeleted: (ctx, window) => listDeleted(ctx, 'Event', window),

  async list(ctx, params) {
    const soql = soqlSelect(select(ctx), 'Event', await conditions(ctx, params.filters), listOrder(params.filters));
    const page = await listPage<SfEvent>(ctx, soql, params);
    return { items: (await withRelations(ctx, page.records)).map(toMeeting), nextCursor: page.nextCursor };
  },

  async get(ctx, id) {
    assertId(id, KEY_PREFIX.Event, NOT_FOUND);
    return read(ctx, id);
  },

  async create(ctx, input) {
    const id = await createRecord(ctx, 'Event', toProviderMeeting(input));
    const contactIds = meetingContactIds(input);
    if (contactIds && contactIds.length > 1) await syncRelations(ctx, id, contactIds);
    return read(ctx, id);
  },

  async update(ctx, id, input) {
    assertId(id, KEY_PREFIX.Event, NOT_FOUND);
    const changes = toProviderMeeting(input);
    if (Object.keys(changes).length > 0) await updateRecord(ctx, 'Event', id, changes, NOT_FOUND);
    const contactIds = meetingContactIds(input);
    if (contactIds) await syncRelations(ctx, id, contactIds);
    return read(ctx, id);
  },

  async delete(ctx, id) {
    assertId(id, KEY_PREFIX.Event, NOT_FOUND);
    await deleteRecord(ctx, 'Event', id, NOT_FOUND);
  },
};
