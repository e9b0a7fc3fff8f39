import type {
  AdapterContext, ListParams, Meeting, MeetingInput, Page, ProviderRequest, ResourceAdapter,
} from '../../../src/provider-sdk';
import { errorOf, isVersionConflict } from '../errors';
import type { Booking, BookingPatchBody, Envelope } from '../mappers/booking.types';
import { toProviderBooking, toUnifiedMeeting } from '../mappers/meeting.mapper';
import { toProviderBookingChanges } from '../mappers/meeting-update.mapper';

/**
 * Meetings ↔ 42min bookings on /v1/bookings (seed 003; README § Mapping). Every write carries an
 * Idempotency-Key: the provider client derives it from the caller's key (or makes one per call
 * when there is none) and reuses it across its retries. One unified call may make several
 * writes (reschedule, then PATCH), so each gets its own suffix: 42min answers 409
 * idempotency_key_conflict when one key is reused for a different request.
 */
const MAX_PAGE = 100; // 42min refuses limit > 100
const NOT_FOUND = 'MEETING_NOT_FOUND' as const;

const keyFor = (ctx: AdapterContext, step: string): string | undefined =>
  ctx.idempotencyKey === null ? undefined : `${ctx.idempotencyKey}:${step}`;

function listQuery(params: ListParams): Record<string, string | number> {
  const { filters } = params;
  const query: Record<string, string | number> = {
    limit: Math.min(params.limit, MAX_PAGE),
    // updatedSince is a sync: oldest change first so the caller can resume from the last one.
    sort: filters.updatedSince !== undefined ? 'updated_at_asc' : 'start_at_desc',
  };
  if (filters.updatedSince !== undefined) query.updated_since = filters.updatedSince;
  // Both bounds apply to the booking's start (inclusive), as 42min documents start_date/end_date.
  if (filters.startDate !== undefined) query.start_date = filters.startDate;
  if (filters.endDate !== undefined) query.end_date = filters.endDate;
  if (params.cursor !== null) query.cursor = params.cursor;
  return query;
}

/** A fresh read with the version for If-Match (42min sends `ETag: "<version>"` on GET). */
async function readWithVersion(ctx: AdapterContext, id: string): Promise<{ booking: Booking; etag: string }> {
  const res = await ctx.http.request({ method: 'GET', path: '/v1/bookings/:uid', params: { uid: id }, notFoundCode: NOT_FOUND });
  if (res.status < 200 || res.status >= 300) throw errorOf(res);
  const booking = (res.body as Envelope<Booking>).data;
  return { booking, etag: res.headers.etag ?? `"${booking.version}"` };
}

async function patchOnce(ctx: AdapterContext, id: string, body: BookingPatchBody, etag: string, step: string): Promise<Booking> {
  const req: ProviderRequest = {
    method: 'PATCH', path: '/v1/bookings/:uid', params: { uid: id }, body, headers: { 'If-Match': etag },
    idempotencyKey: keyFor(ctx, step), notFoundCode: NOT_FOUND,
  };
  return (await ctx.http.json<Envelope<Booking>>(req)).data;
}

export const meetingsAdapter: ResourceAdapter<Meeting, MeetingInput> = {
  // contactId: 42min attendees are bare emails with no CRM contact id to filter on.
  filters: ['startDate', 'endDate', 'updatedSince'],

  async list(ctx, params): Promise<Page<Meeting>> {
    const body = await ctx.http.json<Envelope<Booking[]>>({ method: 'GET', path: '/v1/bookings', query: listQuery(params) });
    const next = body.meta.has_more === true && typeof body.meta.next_cursor === 'string' ? body.meta.next_cursor : null;
    return { items: body.data.map((b) => toUnifiedMeeting(b)), nextCursor: next };
  },

  async get(ctx, id) {
    const body = await ctx.http.json<Envelope<Booking>>({ method: 'GET', path: '/v1/bookings/:uid', params: { uid: id }, notFoundCode: NOT_FOUND });
    return toUnifiedMeeting(body.data);
  },

  async create(ctx, input) {
    const body = await ctx.http.json<Envelope<Booking>>({
      method: 'POST', path: '/v1/bookings', body: toProviderBooking(input), idempotencyKey: ctx.idempotencyKey ?? undefined,
    });
    return toUnifiedMeeting(body.data);
  },

  async update(ctx, id, input) {
    let { booking, etag } = await readWithVersion(ctx, id);
    // Validated against the fresh read before any write: refusals never leave a half-applied update.
    const changes = toProviderBookingChanges(input, booking);
    if (changes.reschedule) {
      booking = (await ctx.http.json<Envelope<Booking>>({
        method: 'POST', path: '/v1/bookings/:uid/reschedule', params: { uid: id }, body: changes.reschedule,
        idempotencyKey: keyFor(ctx, 'reschedule'), notFoundCode: NOT_FOUND,
      })).data;
      if (changes.patch) ({ booking, etag } = await readWithVersion(ctx, id));
    }
    if (changes.patch) {
      try {
        booking = await patchOnce(ctx, id, changes.patch, etag, 'patch');
      } catch (err) {
        // Someone wrote in between: re-read and try once more (PATCH is a merge, so re-applying is safe).
        if (!isVersionConflict(err)) throw err;
        ({ etag } = await readWithVersion(ctx, id));
        booking = await patchOnce(ctx, id, changes.patch, etag, 'patch-retry');
      }
    }
    return toUnifiedMeeting(booking);
  },

  async delete(ctx, id) {
    // Cancel is 42min's delete, and idempotent: an already canceled booking comes back unchanged.
    await ctx.http.json<Envelope<Booking>>({
      method: 'POST', path: '/v1/bookings/:uid/cancel', params: { uid: id }, body: {},
      idempotencyKey: keyFor(ctx, 'cancel'), notFoundCode: NOT_FOUND,
    });
  },
};
