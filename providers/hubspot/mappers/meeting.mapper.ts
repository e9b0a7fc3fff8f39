import type { Meeting, MeetingAttendee, MeetingInput } from '../../../src/provider-sdk';
import { InvalidInputError } from '../../../src/provider-sdk';
import { association, associatedIds, isoTime, prop, setIf, withExtras, type HubspotObject, type HubspotWrite } from './wire';

/** Every meeting property the mapper reads (§1.5); the default set is only the ids and dates. */
export const MEETING_PROPERTIES = [
  'hs_meeting_title', 'hs_meeting_body', 'hs_meeting_start_time', 'hs_meeting_end_time', 'hs_meeting_location',
  'hs_meeting_outcome', 'hs_timestamp', 'hubspot_owner_id', 'hs_createdate', 'hs_lastmodifieddate',
];

/** §1.5: 200 = meeting → contact. */
export const MEETING_TO_CONTACT = 200;

/** What an attendee shows of its contact; filled from a batch read of the associated contacts. */
export interface AttendeeContact { email: string | null; name: string | null }

const STATUS: Record<string, Meeting['status']> = {
  SCHEDULED: 'scheduled', RESCHEDULED: 'scheduled', COMPLETED: 'completed', NO_SHOW: 'completed', CANCELED: 'cancelled',
};
const OUTCOME: Record<NonNullable<MeetingInput['status']>, string> = { scheduled: 'SCHEDULED', completed: 'COMPLETED', cancelled: 'CANCELED' };

/**
 * HubSpot meeting → unified. A meeting without an outcome is still on the calendar, so it reads as
 * `scheduled`. Attendees are the associated contacts (HubSpot has no attendee list of its own).
 */
export function toUnifiedMeeting(raw: HubspotObject, contacts: Record<string, AttendeeContact> = {}): Meeting {
  const outcome = prop(raw, 'hs_meeting_outcome');
  const contactIds = associatedIds(raw, 'contacts');
  const attendees: MeetingAttendee[] = contactIds.map((contactId) => ({
    email: contacts[contactId]?.email ?? null, name: contacts[contactId]?.name ?? null, contactId,
  }));
  return {
    id: String(raw.id),
    createdAt: isoTime(prop(raw, 'hs_createdate') ?? raw.createdAt),
    updatedAt: isoTime(prop(raw, 'hs_lastmodifieddate') ?? raw.updatedAt),
    title: prop(raw, 'hs_meeting_title'),
    description: prop(raw, 'hs_meeting_body'),
    startTime: isoTime(prop(raw, 'hs_meeting_start_time')),
    endTime: isoTime(prop(raw, 'hs_meeting_end_time')),
    // HubSpot stores meeting times in UTC and keeps no time zone.
    timezone: null,
    location: prop(raw, 'hs_meeting_location'),
    status: outcome !== null ? STATUS[outcome] ?? 'scheduled' : 'scheduled',
    attendees,
    contactIds,
    ownerId: prop(raw, 'hubspot_owner_id'),
    customFields: {},
    remoteData: raw,
  };
}

function meetingProperties(input: MeetingInput): Record<string, string> {
  if (input.timezone !== undefined && input.timezone !== null) {
    throw new InvalidInputError([{ field: 'timezone', message: 'HubSpot meetings keep UTC times only; send startTime/endTime with an offset' }]);
  }
  const properties: Record<string, string> = {};
  setIf(properties, input, 'title', 'hs_meeting_title');
  setIf(properties, input, 'description', 'hs_meeting_body');
  setIf(properties, input, 'location', 'hs_meeting_location');
  setIf(properties, input, 'ownerId', 'hubspot_owner_id');
  if (input.startTime !== undefined) {
    const start = isoTime(input.startTime) ?? input.startTime;
    // §1.5: hs_timestamp is the activity date and "should match hs_meeting_start_time".
    properties.hs_meeting_start_time = start;
    properties.hs_timestamp = start;
  }
  if (input.endTime !== undefined) properties.hs_meeting_end_time = input.endTime === null ? '' : isoTime(input.endTime) ?? input.endTime;
  if (input.status !== undefined) properties.hs_meeting_outcome = OUTCOME[input.status];
  return properties;
}

/** Create body: properties plus a 200 association to each contact (ids resolved by the adapter). */
export function toProviderMeetingCreate(input: MeetingInput, contactIds: string[]): HubspotWrite & Record<string, unknown> {
  const body: HubspotWrite = { properties: meetingProperties(input) };
  if (contactIds.length > 0) body.associations = contactIds.map((id) => association(id, MEETING_TO_CONTACT));
  return withExtras(body, input.customFields, input.providerData);
}

/** Update body: properties only; association changes go through the associations endpoints. */
export function toProviderMeetingUpdate(input: MeetingInput): HubspotWrite & Record<string, unknown> {
  return withExtras({ properties: meetingProperties(input) }, input.customFields, input.providerData);
}
