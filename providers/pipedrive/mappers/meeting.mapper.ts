import type { Meeting, MeetingInput } from '../../../src/provider-sdk';
import { idString, pdId, refuse, refuseCustomFields, utc } from './common';
import type { PdActivity } from './wire';

/**
 * Activity of type "meeting" (v2, reference/providers.md §3.4) ↔ unified Meeting. `due_date`
 * (YYYY-MM-DD) + `due_time` (HH:MM, UTC ⚠️) is the start; `duration` (HH:MM) gives the end.
 */
export const MEETING_TYPE = 'meeting';
const MINUTE = 60_000;

/** The start instant, or null without a due date. An activity without a time starts at 00:00 UTC of its day. */
export function activityStart(raw: Pick<PdActivity, 'due_date' | 'due_time'>): string | null {
  if (!raw.due_date) return null;
  return utc(`${raw.due_date}T${raw.due_time ?? '00:00'}:00Z`);
}

function durationMinutes(duration: string | null): number | null {
  const m = duration ? /^(\d{1,3}):(\d{2})$/.exec(duration) : null;
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

export function toUnifiedMeeting(raw: PdActivity): Meeting {
  const start = activityStart(raw);
  const minutes = durationMinutes(raw.duration);
  const contactIds = [raw.person_id, ...(raw.participants ?? []).map((p) => p.person_id)]
    .filter((id): id is number => id !== null && id !== undefined)
    .map(String);
  return {
    id: String(raw.id),
    createdAt: utc(raw.add_time),
    updatedAt: utc(raw.update_time),
    customFields: {},
    title: raw.subject ?? null,
    description: raw.public_description ?? null,
    startTime: start,
    endTime: start !== null && minutes !== null ? new Date(Date.parse(start) + minutes * MINUTE).toISOString() : null,
    // Pipedrive keeps due times in UTC and stores no time zone of its own.
    timezone: null,
    location: raw.location?.value ?? null,
    // Pipedrive activities are done or not; there is no cancelled state (README § Mapping).
    status: raw.done ? 'completed' : 'scheduled',
    attendees: (raw.attendees ?? []).map((a) => ({ email: a.email ?? null, name: a.name ?? null, contactId: idString(a.person_id) })),
    contactIds: [...new Set(contactIds)],
    ownerId: idString(raw.owner_id),
    remoteData: raw,
  };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * Unified meeting input → AddActivityRequest / UpdateActivityRequest body (v2). `current` is the
 * activity as it is (updates), so a new start keeps the duration and a new end keeps the start.
 * Times are kept to the minute, as Pipedrive does.
 */
export function toProviderMeeting(input: MeetingInput, current: PdActivity | null): Record<string, unknown> {
  refuseCustomFields(input.customFields);
  const body: Record<string, unknown> = current === null ? { type: MEETING_TYPE } : {};
  if (input.title !== undefined) {
    if (input.title === null) refuse('title', 'a Pipedrive activity always has a subject');
    body.subject = input.title;
  }
  if (input.description !== undefined) body.public_description = input.description;
  if (input.location !== undefined) body.location = input.location === null ? null : { value: input.location };
  if (input.status !== undefined) {
    if (input.status === 'cancelled') refuse('status', 'Pipedrive activities have no cancelled state; delete the meeting instead');
    body.done = input.status === 'completed';
  }
  if (input.ownerId !== undefined && input.ownerId !== null) body.owner_id = pdId(input.ownerId, 'ownerId');
  Object.assign(body, schedule(input, current));
  if (input.contactIds !== undefined) {
    const ids = [...new Set(input.contactIds.map((id) => pdId(id, 'contactIds')))];
    body.person_id = ids[0] ?? null;
    body.participants = ids.map((person_id, i) => ({ person_id, primary: i === 0 }));
  }
  if (input.attendees !== undefined) {
    body.attendees = input.attendees.map((a) => ({
      email: a.email, name: a.name ?? null, person_id: a.contactId ? pdId(a.contactId, 'attendees.contactId') : null,
    }));
  }
  return { ...body, ...input.providerData };
}

function schedule(input: MeetingInput, current: PdActivity | null): Record<string, unknown> {
  if (input.startTime === undefined && input.endTime === undefined) return {};
  const out: Record<string, unknown> = {};
  const startIso = input.startTime ?? (current ? activityStart(current) : null);
  if (input.startTime !== undefined) {
    const d = new Date(input.startTime);
    out.due_date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    out.due_time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  }
  if (input.endTime === null) {
    out.duration = null;
  } else if (input.endTime !== undefined) {
    if (startIso === null) refuse('endTime', 'needs a startTime');
    const startMinute = Math.floor(Date.parse(startIso) / MINUTE);
    const minutes = Math.floor(Date.parse(input.endTime) / MINUTE) - startMinute;
    if (minutes <= 0) refuse('endTime', 'must be after startTime');
    if (minutes > 99 * 60 + 59) refuse('endTime', 'Pipedrive durations are at most 99:59');
    out.duration = `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
  }
  return out;
}
