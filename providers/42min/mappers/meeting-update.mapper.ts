import type { MeetingInput } from '../../../src/provider-sdk';
import type { Booking, BookingPatchBody, BookingRescheduleBody } from './booking.types';
import { DESCRIPTION_KEY, refuse, unsupportedFields } from './meeting.mapper';

/**
 * A unified PATCH → 42min's two write paths (seed 003): `startTime` (with `timezone`) goes to
 * POST /v1/bookings/:uid/reschedule, everything else to PATCH /v1/bookings/:uid, whose only
 * patchable fields are `metadata`, `responses` and `attendee_name`. What neither can change is
 * refused up front, before any write, so a half-applied update cannot happen by our own doing.
 */
export interface BookingChanges {
  reschedule: BookingRescheduleBody | null;
  patch: BookingPatchBody | null;
}

const PATCHABLE_PROVIDER_DATA = ['metadata', 'responses', 'attendee_name'] as const;

const sameEmail = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * `attendees` can only rename attendees[0] (→ attendee_name): the list must name the booking's
 * current people, in order (attendee first, then guests), with guests' names unchanged.
 */
function attendeeName(input: NonNullable<MeetingInput['attendees']>, current: Booking): string | undefined {
  const people = [
    ...current.attendees.map((a) => ({ email: a.email, name: a.name as string | null })),
    ...current.guests.map((g) => ({ email: g.email, name: g.name ?? null })),
  ];
  const sameList = input.length === people.length && input.every((a, i) => sameEmail(a.email, people[i].email));
  const guestsRenamed = input.slice(1).some((a, i) => a.name !== undefined && a.name !== people[i + 1].name);
  if (!sameList || guestsRenamed) {
    refuse(['attendees'], 'can only change attendees[0].name on 42min: attendees and guests are fixed once booked');
  }
  const name = input[0]?.name;
  if (name === null) refuse(['attendees[0].name'], 'cannot be cleared on 42min');
  return name === undefined || name === people[0].name ? undefined : name;
}

export function toProviderBookingChanges(input: MeetingInput, current: Booking): BookingChanges {
  const bad = unsupportedFields(input, { allowStatusScheduled: false });
  if (input.timezone !== undefined && input.startTime === undefined) bad.push('timezone');
  const pd = input.providerData ?? {};
  for (const key of Object.keys(pd)) {
    if (!(PATCHABLE_PROVIDER_DATA as readonly string[]).includes(key)) bad.push(`providerData.${key}`);
  }
  if (bad.length > 0) refuse(bad, 'cannot be changed on 42min (only startTime, description, attendees[0].name and providerData.metadata/responses/attendee_name)');

  let reschedule: BookingRescheduleBody | null = null;
  // Same start (and zone) as now: nothing to move, and 42min would refuse a past booking anyway.
  const moved = input.startTime !== undefined && (Date.parse(input.startTime) !== Date.parse(current.start_at)
    || (typeof input.timezone === 'string' && input.timezone !== current.timezone));
  if (moved && input.startTime !== undefined) {
    reschedule = { start: input.startTime };
    if (typeof input.timezone === 'string') reschedule.timezone = input.timezone;
  }

  const patch: BookingPatchBody = {};
  const metadata = typeof pd.metadata === 'object' && pd.metadata !== null && !Array.isArray(pd.metadata)
    ? { ...(pd.metadata as Record<string, unknown>) } : undefined;
  // 42min shallow-merges metadata, so sending only our key leaves the caller's other keys alone.
  if (input.description !== undefined) patch.metadata = { ...(metadata ?? {}), [DESCRIPTION_KEY]: input.description };
  else if (metadata) patch.metadata = metadata;
  if (typeof pd.responses === 'object' && pd.responses !== null && !Array.isArray(pd.responses)) {
    patch.responses = pd.responses as Record<string, unknown>;
  }
  const renamed = input.attendees !== undefined ? attendeeName(input.attendees, current) : undefined;
  const name = renamed ?? (typeof pd.attendee_name === 'string' ? pd.attendee_name : undefined);
  if (name !== undefined) patch.attendee_name = name;
  return { reschedule, patch: Object.keys(patch).length > 0 ? patch : null };
}
