import { InvalidInputError, type AdapterContext, type ListParams, type Meeting, type MeetingInput, type Page, type ResourceAdapter } from '../../../src/provider-sdk';
import {
  MEETING_PROPERTIES, MEETING_TO_CONTACT, toProviderMeetingCreate, toProviderMeetingUpdate, toUnifiedMeeting, type AttendeeContact,
} from '../mappers/meeting.mapper';
import { associatedIds, prop, type HubspotObject } from '../mappers/wire';
import { contactIdsByEmail } from './contacts.adapter';
import {
  batchRead, createObject, deleteObject, getObject, listObjects, searchAndRead, updateObject, writeThenRead,
  type ObjectSpec, type SearchFilter, withExtraFields,
} from './objects';

export const MEETINGS: ObjectSpec = {
  type: 'meetings', properties: MEETING_PROPERTIES, associations: ['contacts'], notFoundCode: 'MEETING_NOT_FOUND', modifiedProperty: 'hs_lastmodifieddate',
};

const epoch = (iso: string): string => String(Date.parse(iso));

/**
 * startDate/endDate bound `hs_meeting_start_time` (meetings starting in [startDate, endDate)),
 * updatedSince is GTE on hs_lastmodifieddate (§1.3). `contactId` is not offered: the search API
 * cannot filter on associations in the v3 API this adapter uses.
 */
function searchFilters(params: ListParams): SearchFilter[] {
  const f = params.filters;
  const filters: SearchFilter[] = [];
  if (f.startDate !== undefined) filters.push({ propertyName: 'hs_meeting_start_time', operator: 'GTE', value: epoch(f.startDate) });
  if (f.endDate !== undefined) filters.push({ propertyName: 'hs_meeting_start_time', operator: 'LT', value: epoch(f.endDate) });
  if (f.updatedSince !== undefined) filters.push({ propertyName: MEETINGS.modifiedProperty, operator: 'GTE', value: epoch(f.updatedSince) });
  return filters;
}

/** Attendees are the associated contacts: one batch read gives their emails and names. */
async function attendeeContacts(ctx: AdapterContext, meetings: HubspotObject[]): Promise<Record<string, AttendeeContact>> {
  const ids = meetings.flatMap((m) => associatedIds(m, 'contacts'));
  if (ids.length === 0) return {};
  const contacts = await batchRead(ctx, 'contacts', ids, ['email', 'firstname', 'lastname']);
  const out: Record<string, AttendeeContact> = {};
  for (const c of contacts) {
    const name = [prop(c, 'firstname'), prop(c, 'lastname')].filter((p): p is string => p !== null).join(' ');
    out[String(c.id)] = { email: prop(c, 'email'), name: name === '' ? null : name };
  }
  return out;
}

async function toMeetings(ctx: AdapterContext, raws: HubspotObject[]): Promise<Meeting[]> {
  const contacts = await attendeeContacts(ctx, raws);
  return raws.map((r) => toUnifiedMeeting(r, contacts));
}

async function readMeeting(ctx: AdapterContext, id: string): Promise<Meeting> {
  const [meeting] = await toMeetings(ctx, [await getObject(ctx, withExtraFields(ctx, MEETINGS), id)]);
  return meeting;
}

/** `contactIds` plus the attendees' contacts: given ids as they are, emails resolved by search (§1.5 associations). */
async function resolveContactIds(ctx: AdapterContext, input: MeetingInput): Promise<string[]> {
  const ids = [...(input.contactIds ?? [])];
  for (const [i, a] of (input.attendees ?? []).entries()) {
    if (a.contactId) { ids.push(a.contactId); continue; }
    const [found] = await contactIdsByEmail(ctx, a.email);
    if (found === undefined) {
      throw new InvalidInputError([{ field: `attendees[${i}].email`, message: 'HubSpot meeting attendees are contacts, and no contact has this email' }]);
    }
    ids.push(found);
  }
  return [...new Set(ids)];
}

/** On update, the new contact set replaces the old one through the v3 association endpoints (§1.5). */
async function syncContacts(ctx: AdapterContext, id: string, wanted: string[]): Promise<void> {
  const current = associatedIds(await getObject(ctx, MEETINGS, id), 'contacts');
  const path = '/crm/v3/objects/meetings/:id/associations/contacts/:contactId/:typeId';
  for (const contactId of wanted.filter((c) => !current.includes(c))) {
    await ctx.http.json({ method: 'PUT', path, params: { id, contactId, typeId: MEETING_TO_CONTACT }, notFoundCode: 'MEETING_NOT_FOUND' });
  }
  for (const contactId of current.filter((c) => !wanted.includes(c))) {
    await ctx.http.json({ method: 'DELETE', path, params: { id, contactId, typeId: MEETING_TO_CONTACT }, notFoundCode: 'MEETING_NOT_FOUND' });
  }
}

export const meetingsAdapter: ResourceAdapter<Meeting, MeetingInput> = {
  filters: ['startDate', 'endDate', 'updatedSince'],

  async list(ctx, params): Promise<Page<Meeting>> {
    const filters = searchFilters(params);
    const spec = withExtraFields(ctx, MEETINGS);
    const page = filters.length > 0
      ? await searchAndRead(ctx, spec, filters, params.limit, params.cursor)
      : await listObjects(ctx, spec, params.limit, params.cursor);
    return { items: await toMeetings(ctx, page.results), nextCursor: page.next };
  },

  get: readMeeting,

  async create(ctx, input) {
    const body = toProviderMeetingCreate(input, await resolveContactIds(ctx, input));
    const created = await createObject(ctx, MEETINGS, body);
    return readMeeting(ctx, String(created.id));
  },

  async update(ctx, id, input) {
    const body = toProviderMeetingUpdate(input);
    if (Object.keys(body.properties).length > 0 || Object.keys(body).length > 1) await updateObject(ctx, MEETINGS, id, body);
    if (input.contactIds !== undefined || input.attendees !== undefined) await syncContacts(ctx, id, await resolveContactIds(ctx, input));
    return readMeeting(ctx, id);
  },

  async delete(ctx, id) {
    await deleteObject(ctx, MEETINGS, id);
  },
};
