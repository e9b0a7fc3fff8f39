import {
  VersionConflictError, type AdapterContext, type ListParams, type Meeting, type MeetingsAdapter, type Page, type ProviderRequest,
} from '../../../src/provider-sdk';
import { errorOf, isProviderCode, isVersionConflict } from '../errors';
import type { Booking, BookingCancelBody, BookingPatchBody, BookingRescheduleBody, Envelope } from '../mappers/booking.types';
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

/** The version an ETag names (`"3"` → `3`). */
const versionOf = (etag: string): string => etag.replace(/^W\//, '').replace(/"/g, '');

/**
 * The caller's If-Match against a fresh read, for writes 42min takes no If-Match on (cancel,
 * reschedule: seed 003 documents it for PATCH only). A narrow race remains between this read and
 * the write; PATCH closes it by sending If-Match to 42min itself.
 */
async function checkVersion(ctx: AdapterContext, id: string): Promise<void> {
  if (ctx.ifMatch === undefined || ctx.ifMatch === null) return;
  const { etag } = await readWithVersion(ctx, id);
  if (versionOf(etag) !== ctx.ifMatch) throw staleVersion(ctx.ifMatch, versionOf(etag));
}

const staleVersion = (expected: string, current: string): VersionConflictError => new VersionConflictError({
  details: { providerId: '42min', expectedVersion: expected, currentVersion: current },
});

async function patchOnce(ctx: AdapterContext, id: string, body: BookingPatchBody, etag: string, step: string): Promise<Booking> {
  const req: ProviderRequest = {
    method: 'PATCH', path: '/v1/bookings/:uid', params: { uid: id }, body, headers: { 'If-Match': etag },
    idempotencyKey: keyFor(ctx, step), notFoundCode: NOT_FOUND,
  };
  return (await ctx.http.json<Envelope<Booking>>(req)).data;
}

export const meetingsAdapter: MeetingsAdapter = {
  // contactId: 42min attendees are bare emails with no CRM contact id to filter on.
  filters: ['startDate', 'endDate', 'updatedSince'],
  // Bookings carry `version`; GET answers it as the ETag and PATCH takes it as If-Match (seed 003).
  versioned: true,

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
    const ifMatch = ctx.ifMatch ?? null;
    // The caller named a version: a newer one is a conflict before any write (the reschedule takes no If-Match).
    if (ifMatch !== null && versionOf(etag) !== ifMatch) throw staleVersion(ifMatch, versionOf(etag));
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
        // Someone wrote in between: re-read and try once more (PATCH is a merge, so re-applying is
        // safe), unless the caller named the version it meant to change.
        if (!isVersionConflict(err) || ifMatch !== null) throw err;
        ({ etag } = await readWithVersion(ctx, id));
        booking = await patchOnce(ctx, id, changes.patch, etag, 'patch-retry');
      }
    }
    return toUnifiedMeeting(booking);
  },

  async cancel(ctx, id, input) {
    await checkVersion(ctx, id);
    const body: BookingCancelBody = input.reason !== null ? { reason: input.reason } : {};
    try {
      return toUnifiedMeeting((await ctx.http.json<Envelope<Booking>>({
        method: 'POST', path: '/v1/bookings/:uid/cancel', params: { uid: id }, body,
        idempotencyKey: keyFor(ctx, 'cancel'), notFoundCode: NOT_FOUND,
      })).data);
    } catch (err) {
      // 42min documents cancel as idempotent; should it still refuse an already cancelled booking,
      // the caller gets the booking as it is (API.md: cancelling a cancelled meeting answers it, 200).
      if (!isProviderCode(err, 'booking_already_cancelled')) throw err;
      return meetingsAdapter.get!(ctx, id);
    }
  },

  async reschedule(ctx, id, input) {
    await checkVersion(ctx, id);
    // In place (same uid, version bumped, rescheduled_from_uid stays null); the duration is kept.
    const body: BookingRescheduleBody = { start: input.startTime };
    if (input.timezone !== null) body.timezone = input.timezone;
    if (input.reason !== null) body.reason = input.reason;
    return toUnifiedMeeting((await ctx.http.json<Envelope<Booking>>({
      method: 'POST', path: '/v1/bookings/:uid/reschedule', params: { uid: id }, body,
      idempotencyKey: keyFor(ctx, 'reschedule'), notFoundCode: NOT_FOUND,
    })).data);
  },

  async delete(ctx, id) {
    await checkVersion(ctx, id);
    // Cancel is 42min's delete, and idempotent: an already canceled booking comes back unchanged.
    await ctx.http.json<Envelope<Booking>>({
      method: 'POST', path: '/v1/bookings/:uid/cancel', params: { uid: id }, body: {},
      idempotencyKey: keyFor(ctx, 'cancel'), notFoundCode: NOT_FOUND,
    });
  },
};
