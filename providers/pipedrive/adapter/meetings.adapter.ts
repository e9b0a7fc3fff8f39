import { NotFoundError } from '../../../src/provider-sdk';
import type { AdapterContext, ListFilters, ListParams, Meeting, MeetingInput, Page, ResourceAdapter } from '../../../src/provider-sdk';
import { pdId, recordId } from '../mappers/common';
import { activityStart, MEETING_TYPE, toProviderMeeting, toUnifiedMeeting } from '../mappers/meeting.mapper';
import type { PdActivity, PdV2Envelope } from '../mappers/wire';
import { V2_MAX_LIMIT } from './lookups';

/**
 * Meetings = activities with `type: "meeting"` on `/api/v2/activities` (reference/providers.md §3.4).
 * v2 has no type filter and no date filter, so a list walks the provider's pages (default order:
 * id ascending), keeps the meetings that match, and stops once it has `limit` of them. The cursor
 * says where it stopped: the provider cursor of the page being read and the last activity id taken
 * from it, so the next call re-reads that page and skips up to that id. Activities that are not
 * meetings (or fall outside the dates) are skipped, never counted, so no meeting is missed or repeated.
 */
const ACTIVITIES = '/api/v2/activities';
const NOT_FOUND = 'MEETING_NOT_FOUND' as const;

interface MeetingCursor { c: string | null; after: number }

function readCursor(raw: string | null): MeetingCursor {
  if (raw === null) return { c: null, after: 0 };
  const parsed = JSON.parse(raw) as Partial<MeetingCursor>;
  return { c: typeof parsed.c === 'string' ? parsed.c : null, after: Number.isInteger(parsed.after) ? (parsed.after as number) : 0 };
}

/** startDate/endDate are applied here, on the start time (inclusive start, exclusive end). */
function inRange(a: PdActivity, f: ListFilters): boolean {
  if (f.startDate === undefined && f.endDate === undefined) return true;
  const start = activityStart(a);
  if (start === null) return false;
  const t = Date.parse(start);
  return (f.startDate === undefined || t >= Date.parse(f.startDate)) && (f.endDate === undefined || t < Date.parse(f.endDate));
}

async function list(ctx: AdapterContext, { limit, cursor, filters }: ListParams): Promise<Page<Meeting>> {
  const size = Math.min(limit, V2_MAX_LIMIT);
  let { c: providerCursor, after } = readCursor(cursor);
  const items: Meeting[] = [];
  for (;;) {
    const res = await ctx.http.json<PdV2Envelope<PdActivity[] | null>>({
      method: 'GET', path: ACTIVITIES,
      query: {
        limit: size, cursor: providerCursor ?? undefined, sort_by: 'id', sort_direction: 'asc', include_fields: 'attendees',
        person_id: filters.contactId === undefined ? undefined : pdId(filters.contactId, 'contactId'),
        updated_since: filters.updatedSince,
      },
    });
    const page = (res.data ?? []).filter((a) => a.id > after);
    const next = res.additional_data?.next_cursor ?? null;
    for (let i = 0; i < page.length; i += 1) {
      const a = page[i];
      if (a.type !== MEETING_TYPE || !inRange(a, filters)) continue;
      items.push(toUnifiedMeeting(a));
      if (items.length === size) {
        const more = i < page.length - 1 || next !== null;
        return { items, nextCursor: more ? JSON.stringify({ c: providerCursor, after: a.id } satisfies MeetingCursor) : null };
      }
    }
    if (next === null) return { items, nextCursor: null };
    providerCursor = next;
    after = 0;
  }
}

/** The activity, if it is a meeting: another type behind a meetings id is a MEETING_NOT_FOUND. */
async function getMeetingActivity(ctx: AdapterContext, id: string): Promise<PdActivity> {
  const res = await ctx.http.json<PdV2Envelope<PdActivity>>({
    method: 'GET', path: `${ACTIVITIES}/:id`, params: { id: recordId(id, NOT_FOUND) }, notFoundCode: NOT_FOUND,
  });
  if (res.data.type !== MEETING_TYPE) throw new NotFoundError(NOT_FOUND, { id });
  return res.data;
}

async function get(ctx: AdapterContext, id: string): Promise<Meeting> {
  return toUnifiedMeeting(await getMeetingActivity(ctx, id));
}

async function create(ctx: AdapterContext, input: MeetingInput): Promise<Meeting> {
  const res = await ctx.http.json<PdV2Envelope<PdActivity>>({ method: 'POST', path: ACTIVITIES, body: toProviderMeeting(input, null) });
  return toUnifiedMeeting(res.data);
}

async function update(ctx: AdapterContext, id: string, input: MeetingInput): Promise<Meeting> {
  const current = await getMeetingActivity(ctx, id);
  const res = await ctx.http.json<PdV2Envelope<PdActivity>>({
    method: 'PATCH', path: `${ACTIVITIES}/:id`, params: { id: current.id }, body: toProviderMeeting(input, current), notFoundCode: NOT_FOUND,
  });
  return toUnifiedMeeting(res.data);
}

async function remove(ctx: AdapterContext, id: string): Promise<void> {
  const current = await getMeetingActivity(ctx, id);
  await ctx.http.json({ method: 'DELETE', path: `${ACTIVITIES}/:id`, params: { id: current.id }, notFoundCode: NOT_FOUND });
}

export const meetings: ResourceAdapter<Meeting, MeetingInput> = {
  filters: ['contactId', 'startDate', 'endDate', 'updatedSince'], list, get, create, update, delete: remove,
};
