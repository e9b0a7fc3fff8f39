import { InvalidInputError, type Meeting, type MeetingAttendee, type MeetingInput } from '../../../src/provider-sdk';
import { KEY_PREFIX } from '../soql';
import { defined, toIsoUtc, type SfEvent, type SfRelated } from './wire';

/**
 * Meeting ↔ Salesforce `Event` (README § Mapping, reference/providers.md §2.5). People come from
 * `WhoId` (a Contact or Lead) and, with Shared Activities, from the `EventRelation` rows the
 * adapter attaches as `EventRelations`. Salesforce has no cancelled state: an event is
 * `completed` once its end is past (`now`), else `scheduled`; deleting is how one cancels.
 */
const isContactId = (id: string | null): id is string => id !== null && id.startsWith(KEY_PREFIX.Contact);

function attendee(id: string, who: SfRelated | null): MeetingAttendee {
  return { email: who?.Email ?? null, name: who?.Name ?? null, contactId: isContactId(id) ? id : null };
}

export function toUnifiedMeeting(raw: SfEvent, now: Date): Meeting {
  const people = new Map<string, MeetingAttendee>();
  if (raw.WhoId) people.set(raw.WhoId, attendee(raw.WhoId, raw.Who));
  for (const rel of raw.EventRelations?.records ?? []) {
    // IsWhat rows link an Account/Opportunity, not a person.
    if (rel.IsWhat || people.has(rel.RelationId)) continue;
    people.set(rel.RelationId, attendee(rel.RelationId, rel.Relation));
  }
  const endTime = toIsoUtc(raw.EndDateTime);
  return {
    id: raw.Id,
    createdAt: toIsoUtc(raw.CreatedDate),
    updatedAt: toIsoUtc(raw.LastModifiedDate),
    customFields: {},
    title: raw.Subject,
    description: raw.Description,
    startTime: toIsoUtc(raw.StartDateTime),
    endTime,
    // Event times are stored in UTC (§2.5); the event itself has no time zone.
    timezone: null,
    location: raw.Location,
    status: endTime !== null && Date.parse(endTime) < now.getTime() ? 'completed' : 'scheduled',
    attendees: [...people.values()],
    contactIds: [...people.keys()].filter(isContactId),
    ownerId: raw.OwnerId,
    remoteData: raw,
  };
}

/** The people of a write: `contactIds` first, then attendees' contactIds, without repeats. */
export function meetingContactIds(input: MeetingInput): string[] | undefined {
  if (input.contactIds === undefined && input.attendees === undefined) return undefined;
  const missing = (input.attendees ?? []).findIndex((a) => !a.contactId);
  if (missing >= 0) {
    throw new InvalidInputError([{ field: `attendees[${missing}].contactId`, message: 'is required: Salesforce attendees are Contact records' }]);
  }
  const ids = [...(input.contactIds ?? []), ...(input.attendees ?? []).map((a) => a.contactId as string)];
  return [...new Set(ids)];
}

/**
 * The Event fields of a create/PATCH body. The first contact becomes `WhoId`; the others become
 * EventRelation rows (the adapter writes those). `timezone` has nothing to map to, since times
 * are instants; `status` is derived from the times, and `cancelled` has no Salesforce equivalent.
 */
export function toProviderMeeting(input: MeetingInput): Record<string, unknown> {
  if (input.status === 'cancelled') {
    throw new InvalidInputError([{ field: 'status', message: 'Salesforce events cannot be cancelled: delete the meeting instead' }]);
  }
  const contactIds = meetingContactIds(input);
  const body: Record<string, unknown> = {
    Subject: input.title,
    Description: input.description,
    Location: input.location,
    StartDateTime: input.startTime,
    EndDateTime: input.endTime,
    OwnerId: input.ownerId,
    WhoId: contactIds === undefined ? undefined : contactIds[0] ?? null,
  };
  return { ...defined(body), ...(input.customFields ?? {}), ...(input.providerData ?? {}) };
}
